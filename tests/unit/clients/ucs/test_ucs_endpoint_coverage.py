"""Every endpoint of the UCS REST document has an operation, and no operation is outside it.

The endpoints are the seed's headings, copied into tests/data/ucs_rest_endpoints.txt. Each public
function of bridge/clients/ucs/operations.py that returns a Call is built with sample arguments
(and the login call with sample credentials); its method and path must match one heading, a
``{param}`` standing for exactly one path segment.
"""

import inspect
import re
from pathlib import Path

import pytest

from bridge.clients.calls import Call
from bridge.clients.ucs import operations as ops
from bridge.clients.ucs.api import UcsApi

ENDPOINTS = Path(__file__).resolve().parents[3] / "data" / "ucs_rest_endpoints.txt"

SAMPLES = {
    "uniqueid": "1723018607.115",
    "identificator": "osl_chats",
    "user_id": 123,
    "person_id": 59233,
    "company_id": 10764,
    "external_id": "T1000",
    "fields": {"username": "test", "group_id": 1},
    "changes": {"outbound_id": None, "pokus": "hokus"},
    "value": {"type": "osl", "data": {}},
    "agents": [{"id": 1, "queues": [{"id": 146}]}],
    "limit": 50,
    "offset": 100,
}


def seed_endpoints() -> set[tuple[str, str]]:
    lines = ENDPOINTS.read_text(encoding="utf-8").splitlines()
    pairs = {tuple(line.split(" ", 1)) for line in lines if line and not line.startswith("#")}
    assert len(pairs) == 33, "the seed has 33 endpoint headings"
    return pairs


def operation_calls() -> dict[str, Call]:
    calls = {"UcsApi.login": UcsApi("https://ucs.example.com", "id", "secret").login()}
    for name, function in vars(ops).items():
        if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != ops.__name__:
            continue
        if not str(inspect.signature(function).return_annotation).startswith("Call"):
            continue
        params = inspect.signature(function).parameters
        calls[name] = function(**{p: SAMPLES[p] for p in params})
    return calls


def template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^/{}]+\})", template)
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts))


def matches(call: Call, endpoint: tuple[str, str]) -> bool:
    method, template = endpoint
    return call.method == method and template_pattern(template).fullmatch(call.path) is not None


def test_the_data_file_is_the_seeds_headings():
    seed = Path("/work/shared/seeds/000_d7a1e2654c0edbf1.txt")
    if not seed.exists():
        pytest.skip("the seed is on the project's machine only; the copy is what the other tests read")
    headings = {tuple(line.split(" ", 1)) for line in seed.read_text(encoding="utf-8").splitlines()
                if re.fullmatch(r"(GET|POST|PATCH|DELETE|PUT) /\S*", line)}
    assert headings == seed_endpoints()


def test_every_seed_endpoint_has_an_operation():
    calls = operation_calls()
    missing = [f"{m} {p}" for m, p in sorted(seed_endpoints()) if not any(matches(c, (m, p)) for c in calls.values())]
    assert missing == []


def test_no_operation_is_outside_the_seed():
    endpoints = seed_endpoints()
    outside = {name: f"{call.method} {call.path}" for name, call in operation_calls().items()
               if not any(matches(call, endpoint) for endpoint in endpoints)}
    assert outside == {}


def test_a_placeholder_is_one_segment():
    pattern = template_pattern("/api/v1.0/user/{user_id}")
    assert pattern.fullmatch("/api/v1.0/user/123")
    assert not pattern.fullmatch("/api/v1.0/user/external/T1000")
    assert not pattern.fullmatch("/api/v1.0/user/")
