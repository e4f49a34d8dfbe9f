"""Every (method, path) of the Udesk seed has an operation, and no operation is outside the seed.

The pairs are tests/data/udesk_ccapi_endpoints.txt (its header says how they were extracted). Each
public function of bridge/clients/udesk/operations.py that returns a Call is built with sample
arguments; a placeholder stands for exactly one path segment.
"""

import inspect
import re
from pathlib import Path

import endpoint_coverage as coverage
import pytest

from bridge.clients.calls import Call
from bridge.clients.udesk import operations as ops

SEED = Path("/work/shared/seeds/003_6b54bcc563e4fbb6.txt")

SAMPLES = {"app_id": "4b8dc715-05e0-4340-6cae-a6e3c39a6012", "number": "057126200670", "agent_id": "9415",
           "work_id": "199", "extensions": ["1135"], "extension": "1002", "queue_id": "9008",
           "agent_ids": ["9009"], "queue_ids": ["9001"], "name": "lymtest", "callback": "https://crm.test/hook",
           "events": ["acd_agent_state"], "subscription_id": 73, "enable": False, "caller": "18789998765",
           "called": "02863208944"}
# Keyword-only arguments a function needs (the others keep their defaults).
NEEDED = {"update_agent": {"name": "Li"}}


def seed_endpoints() -> set[tuple[str, str]]:
    pairs = coverage.seed_endpoints("udesk_ccapi_endpoints.txt")
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


def test_the_data_file_is_the_seeds_pairs():
    if not SEED.exists():
        pytest.skip("the seed is on the project's machine only; the copy is what the other tests read")
    text = SEED.read_text(encoding="utf-8")
    pairs = {(method, path) for path, method in re.findall(r"^Path: (\S+)\s+Method: (\w+)", text, re.M)}
    assert text.count("Basic Information") == 26
    assert pairs == seed_endpoints()


def test_every_seed_endpoint_has_an_operation():
    assert coverage.missing(operation_calls(), seed_endpoints()) == []


def test_no_operation_is_outside_the_seed():
    assert coverage.outside(operation_calls(), seed_endpoints()) == {}
    assert len(operation_calls()) == 26


def test_a_placeholder_is_one_segment():
    pattern = coverage.template_pattern("/ccapi/v2/agents/{id}")
    assert pattern.fullmatch("/ccapi/v2/agents/355")
    assert not pattern.fullmatch("/ccapi/v2/agents/3/5") and not pattern.fullmatch("/ccapi/v2/agents/")
