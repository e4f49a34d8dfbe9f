"""Every (method, path) of the Udesk seed has an operation, and no operation is outside the seed.

The pairs are tests/data/udesk_ccapi_endpoints.txt (its header says how they were extracted). Each
public function of bridge/clients/udesk/operations.py that returns a Call is built with sample
arguments; a placeholder stands for exactly one path segment.
"""

import inspect
import re
from pathlib import Path

import pytest

from bridge.clients.calls import Call
from bridge.clients.udesk import operations as ops

ENDPOINTS = Path(__file__).resolve().parents[3] / "data" / "udesk_ccapi_endpoints.txt"
SEED = Path("/work/shared/seeds/003_6b54bcc563e4fbb6.txt")

SAMPLES = {"app_id": "4b8dc715-05e0-4340-6cae-a6e3c39a6012", "number": "057126200670", "agent_id": "9415",
           "work_id": "199", "extensions": ["1135"], "extension": "1002", "queue_id": "9008",
           "agent_ids": ["9009"], "queue_ids": ["9001"], "name": "lymtest", "callback": "https://crm.test/hook",
           "events": ["acd_agent_state"], "subscription_id": 73, "enable": False, "caller": "18789998765",
           "called": "02863208944"}
# Keyword-only arguments a function needs (the others keep their defaults).
NEEDED = {"update_agent": {"name": "Li"}}


def seed_endpoints() -> set[tuple[str, str]]:
    lines = ENDPOINTS.read_text(encoding="utf-8").splitlines()
    pairs = {tuple(line.split(" ", 1)) for line in lines if line and not line.startswith("#")}
    assert len(pairs) == 26, "the seed's 26 sections, one (method, path) each"
    return pairs


def operation_calls() -> dict[str, Call]:
    calls = {}
    for name, function in vars(ops).items():
        if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != ops.__name__:
            continue
        signature = inspect.signature(function)
        if not str(signature.return_annotation).endswith("Call"):
            continue
        arguments = {p.name: SAMPLES[p.name] for p in signature.parameters.values()
                     if p.default is inspect.Parameter.empty}
        calls[name] = function(**arguments, **NEEDED.get(name, {}))
    return calls


def template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^/{}]+\})", template)
    return re.compile("".join("[^/]+" if part[:1] == "{" else re.escape(part) for part in parts))


def matches(call: Call, endpoint: tuple[str, str]) -> bool:
    method, template = endpoint
    return call.method == method and template_pattern(template).fullmatch(call.path) is not None


def test_the_data_file_is_the_seeds_pairs():
    if not SEED.exists():
        pytest.skip("the seed is on the project's machine only; the copy is what the other tests read")
    text = SEED.read_text(encoding="utf-8")
    pairs = {(method, path) for path, method in re.findall(r"^Path: (\S+)\s+Method: (\w+)", text, re.M)}
    assert text.count("Basic Information") == 26
    assert pairs == seed_endpoints()


def test_every_seed_endpoint_has_an_operation():
    calls = operation_calls()
    missing = [f"{m} {p}" for m, p in sorted(seed_endpoints()) if not any(matches(c, (m, p)) for c in calls.values())]
    assert missing == []


def test_no_operation_is_outside_the_seed():
    endpoints = seed_endpoints()
    outside = {name: f"{call.method} {call.path}" for name, call in operation_calls().items()
               if not any(matches(call, endpoint) for endpoint in endpoints)}
    assert outside == {}
    assert len(operation_calls()) == 26


def test_a_placeholder_is_one_segment():
    pattern = template_pattern("/ccapi/v2/agents/{id}")
    assert pattern.fullmatch("/ccapi/v2/agents/355")
    assert not pattern.fullmatch("/ccapi/v2/agents/3/5") and not pattern.fullmatch("/ccapi/v2/agents/")
