"""The simulator's behaviour description agrees with the bridge's spec, and is served into the script."""

import json

import pytest

from bridge.component import objects, spec
from bridge.testing import behaviour, simulator_app, simulator_script


def test_every_method_of_the_spec_is_described_with_the_same_states_params_and_version():
    assert [m.name for m in behaviour.METHODS] == [m.name for m in spec.METHODS]
    for described in behaviour.METHODS:
        declared = spec.get_method(described.name)
        assert described.states == declared.states, described.name
        assert described.params == tuple(p.name for p in declared.params), described.name
        assert described.since == declared.since, described.name


def test_rows_the_document_lacks_are_marked_as_ours():
    # The vendor's table (shared/seeds/002_..., "Component control"): every other row is a choice.
    documented = {"login", "sso", "logout", "selectIdentifier", "provision", "identify", "changeStatus", "suspend",
                  "resume", "answer", "dial", "hangup", "transfer", "tribute", "unhold", "notify", "state",
                  "selectRingingSound"}
    assert {m.name for m in behaviour.METHODS if m.source == "document"} == documented
    assert all(m.source in ("document", "ours") for m in (*behaviour.METHODS, *behaviour.CALLBACKS))


def test_transitions_lead_to_component_states_and_each_state_has_its_callback():
    assert all(m.enters in (None, *behaviour.COMPONENT_STATES) for m in behaviour.METHODS)
    assert set(behaviour.STATE_CALLBACKS) == set(behaviour.COMPONENT_STATES)
    assert set(behaviour.STATE_CALLBACKS.values()) <= {c.name for c in behaviour.CALLBACKS}
    assert tuple(behaviour.COMPONENT_STATES) == spec.COMPONENT_STATES


def test_the_bridge_learns_every_state_the_simulator_enters_from_a_result_or_a_documented_callback():
    # spec.leads_to (what the mirror learns from a successful result) is the state the
    # simulator enters; a state entered without it must be announced by a callback the
    # vendor document names, or a component calling only those would leave the mirror behind.
    documented = {c.name for c in behaviour.CALLBACKS if c.source == "document"}
    for described in behaviour.METHODS:
        declared = spec.get_method(described.name)
        if declared.leads_to is not None:
            assert declared.leads_to == described.enters, described.name
        elif described.enters is not None:
            assert behaviour.STATE_CALLBACKS[described.enters] in documented, described.name


def test_enums_agree_with_the_objects_and_the_spec():
    enums = behaviour.ENUMS
    assert enums["status"] == list(spec.AGENT_STATUSES) == [s.value for s in objects.AgentStatus]
    assert enums["notificationType"] == list(spec.NOTIFICATION_TYPES)
    assert enums["ringingSound"] == list(spec.RINGING_SOUNDS)
    assert enums["theme"] == list(spec.THEMES)
    assert sorted(enums["callState"].values()) == sorted(s.value for s in objects.CallState)
    assert enums["hangupCause"] == {c.name: c.value for c in objects.HangupCause}
    assert enums["queueType"] == {q.name: q.value for q in objects.QueueType}


def test_allowed_follows_the_table():
    assert behaviour.allowed("notify", "INIT") and not behaviour.allowed("dial", "INIT")
    assert behaviour.allowed("provision", "IDENTIFY") and not behaviour.allowed("provision", "READY")
    with pytest.raises(KeyError, match="no component method 'dail'"):
        behaviour.method("dail")


def test_the_script_carries_the_description_once():
    script = simulator_script()
    assert "/*@behaviour@*/" not in script
    assert json.dumps(behaviour.as_json(), ensure_ascii=False) in script
    assert script.count("const BEHAVIOUR = ") == 1


def test_the_simulator_app_serves_the_script():
    seen = {}

    def start_response(status, headers):
        seen.update(status=status, headers=dict(headers))

    body = b"".join(simulator_app({"REQUEST_METHOD": "GET"}, start_response))
    assert seen["status"] == "200 OK" and seen["headers"]["Content-Type"].startswith("text/javascript")
    assert body.decode() == simulator_script()
    assert b"".join(simulator_app({"REQUEST_METHOD": "HEAD"}, start_response)) == b""
    simulator_app({"REQUEST_METHOD": "POST"}, start_response)
    assert seen["status"] == "405 Method Not Allowed"
