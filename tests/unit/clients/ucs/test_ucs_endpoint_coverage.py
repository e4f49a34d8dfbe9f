"""Every endpoint of the UCS REST document has an operation, and no operation is outside it.

The endpoints are the seed's headings, copied into tests/data/ucs_rest_endpoints.txt. Each public
function of bridge/clients/ucs/operations.py that returns a Call is built with sample arguments
(and the login call with sample credentials); its method and path must match one heading, a
``{param}`` standing for exactly one path segment.
"""

import inspect
import re
from pathlib import Path

import endpoint_coverage as coverage
import pytest

from bridge.clients.calls import Call
from bridge.clients.ucs import operations as ops
from bridge.clients.ucs.api import UcsApi


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
    pairs = coverage.seed_endpoints("ucs_rest_endpoints.txt")
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


def test_the_data_file_is_the_seeds_headings():
    seed = Path("/work/shared/seeds/000_d7a1e2654c0edbf1.txt")
    if not seed.exists():
        pytest.skip("the seed is on the project's machine only; the copy is what the other tests read")
    headings = {tuple(line.split(" ", 1)) for line in seed.read_text(encoding="utf-8").splitlines()
                if re.fullmatch(r"(GET|POST|PATCH|DELETE|PUT) /\S*", line)}
    assert headings == seed_endpoints()


def test_every_seed_endpoint_has_an_operation():
    assert coverage.missing(operation_calls(), seed_endpoints()) == []


def test_no_operation_is_outside_the_seed():
    assert coverage.outside(operation_calls(), seed_endpoints()) == {}


def test_a_placeholder_is_one_segment():
    pattern = coverage.template_pattern("/api/v1.0/user/{user_id}")
    assert pattern.fullmatch("/api/v1.0/user/123")
    assert not pattern.fullmatch("/api/v1.0/user/external/T1000")
    assert not pattern.fullmatch("/api/v1.0/user/")
