"""The session: gating by the mirrored state, rejections, events from callbacks."""

import json

import pytest

from bridge.component import wire
from bridge.component.session import BridgeSession


def call(session, method, *args, id=1, omitted=()):
    (reply,) = session.handle({"t": "call", "id": id, "method": method, "args": list(args), "omitted": list(omitted)})
    return reply


def callback(session, name, *args):
    return session.handle({"t": "callback", "name": name, "args": list(args)})


def to_ready(session):
    for name in ("onConnect", "onCredentials", "onIdentify", "onDevice"):
        callback(session, name)
    callback(session, "onReady", {"state": "READY", "user": {"id": 1, "status": "READY"}, "call": None})


def test_calls_are_refused_before_any_callback_with_a_hint():
    reply = call(BridgeSession(), "dial", "123")
    assert reply["t"] == "reject" and reply["code"] == "INVALID_STATE"
    assert "component state LOADING" in reply["message"]
    assert "pass bridge.callbacks to the component" in reply["message"]
    assert "allowed in: READY" in reply["message"]


def test_notify_works_in_any_state_even_before_on_connect():
    assert call(BridgeSession(), "notify", "Hello")["t"] == "invoke"


@pytest.mark.parametrize("callbacks, allowed, refused", [
    (["onCredentials"], ["login", "sso", "notify", "setTheme"], ["logout", "dial", "provision"]),
    (["onIdentify"], ["selectIdentifier", "provision", "logout"], ["login", "identify", "dial"]),
    (["onDevice"], ["selectIdentifier", "provision", "identify", "logout"], ["login", "dial", "answer"]),
    (["onReady"], ["dial", "answer", "hangup", "identify", "state", "mute", "finishTransfer"],
     ["login", "sso", "selectIdentifier", "provision"]),
])
def test_gating_follows_the_mirrored_state(callbacks, allowed, refused):
    session = BridgeSession()
    for name in callbacks:
        callback(session, name)
    args = {"login": ("a", "b"), "sso": ("a", "t", "CRM"), "notify": ("hi",), "setTheme": ("dark",),
            "selectIdentifier": ("SIP/1",), "dial": ("123",)}
    for method in allowed:
        assert call(session, method, *args.get(method, ()))["t"] == "invoke", method
    for method in refused:
        reply = call(session, method, *args.get(method, ()))
        assert reply["code"] == "INVALID_STATE", method
        assert f"component state {session.mirror.state}" in reply["message"]


def test_gating_can_be_switched_off_but_validation_stays():
    session = BridgeSession({"stateGating": False})
    assert call(session, "dial", "123")["t"] == "invoke"
    assert call(session, "dial", "abc")["code"] == "INVALID_ARGUMENT"


def test_bad_arguments_win_over_bad_state():
    # A caller fixes its arguments before it waits for a state: say the permanent problem first.
    assert call(BridgeSession(), "dial", 5)["code"] == "INVALID_ARGUMENT"


def test_invoke_carries_checked_arguments_and_omissions():
    session = BridgeSession()
    to_ready(session)
    reply = call(session, "dial", "123", None, 2, id=7, omitted=[1])
    assert reply == {"t": "invoke", "id": 7, "method": "dial", "args": ["123", None, 2], "omitted": [1]}


@pytest.mark.parametrize("message", [
    {"t": "call", "id": -1, "method": "dial", "args": []},
    {"t": "call", "id": "1", "method": "dial", "args": []},
    {"t": "call", "id": True, "method": "dial", "args": []},
    {"t": "nope"},
    [],
    {"t": "callback", "name": "constructor", "args": []},
    {"t": "callback", "name": "onReady", "args": "x"},
])
def test_malformed_messages_become_protocol_error_events(message):
    (reply,) = BridgeSession().handle(message)
    assert reply["t"] == "event" and reply["name"] == "error"
    assert reply["detail"]["code"] == "PROTOCOL_ERROR"


def test_malformed_call_fields_reject_that_call():
    session = BridgeSession()
    assert session.handle({"t": "call", "id": 1, "method": "dial", "args": "123"})[0]["code"] == "INVALID_ARGUMENT"
    assert session.handle({"t": "call", "id": 1, "method": "dial", "args": [], "omitted": "0"})[0]["code"] \
        == "INVALID_ARGUMENT"
    assert session.handle({"t": "call", "id": 1, "method": "__proto__", "args": []})[0]["code"] == "INVALID_ARGUMENT"


def test_callbacks_give_the_raw_callback_then_derived_events():
    session = BridgeSession()
    events = callback(session, "onCredentials")
    assert [(e["name"], e["detail"]) for e in events] == [
        ("callback", {"name": "onCredentials", "args": []}),
        ("state", {"state": "CREDENTIALS", "previous": "LOADING"}),
    ]
    assert events[-1]["snapshot"]["state"] == "CREDENTIALS"


def test_on_ready_state_object_sets_status_and_calls():
    session = BridgeSession()
    call_data = {"uniqueid": "17.1", "direction": "INCOMING", "state": 3, "cause": -1, "number": "555"}
    events = callback(session, "onReady", {"state": "READY", "user": {"id": 1, "status": "AUX"}, "call": call_data})
    names = [e["name"] for e in events]
    assert names == ["callback", "state", "status", "call"]
    snapshot = events[-1]["snapshot"]
    assert snapshot["state"] == "READY" and snapshot["status"] == "AUX"
    assert [c["uniqueid"] for c in snapshot["calls"]] == ["17.1"]


def result(session, ticket, value=None, callbacks=None):
    """The component answered the invoke with ``ticket``; called after every callback so far
    unless ``callbacks`` says how many came before the call."""
    if callbacks is None:
        callbacks = session.mirror.callbacks_heard
    return session.handle({"t": "result", "report": ticket, "callbacks": callbacks, "value": value})


def test_state_result_updates_the_mirror():
    session = BridgeSession()
    to_ready(session)
    ticket = call(session, "state")["report"]
    events = result(session, ticket, {"user": {"id": 1, "status": "ACW"}})
    assert [(e["name"], e["detail"]["status"]) for e in events] == [("status", "ACW")]


def test_only_calls_the_mirror_learns_from_ask_for_their_result():
    session = BridgeSession()
    callback(session, "onCredentials")
    login = call(session, "login", "agent", "secret")
    assert isinstance(login["report"], int)
    assert "report" not in call(session, "notify", "hi")
    # A result without a ticket of the session's moves nothing.
    assert result(session, login["report"] + 100) == []
    assert session.mirror.state == "CREDENTIALS"


@pytest.mark.parametrize("message", [
    {"t": "result", "id": 4, "method": "state", "value": {}},  # the old shape, without a ticket
    {"t": "result", "report": "1", "callbacks": 0, "value": None},
    {"t": "result", "report": True, "callbacks": 0, "value": None},
    {"t": "result", "report": 1, "value": None},
    {"t": "result", "report": 1, "callbacks": -1, "value": None},
])
def test_a_malformed_result_is_a_protocol_error(message):
    (reply,) = BridgeSession().handle(message)
    assert reply["detail"] == {"code": "PROTOCOL_ERROR", "message": "malformed result message"}


def test_the_whole_flow_with_only_the_documented_callbacks_and_gating_on():
    # The vendor's component calls onConnect, onCredentials and onReady, nothing else.
    session = BridgeSession({"stateGating": True})
    callback(session, "onConnect")
    callback(session, "onCredentials")
    seen = []

    def step(method, *args):
        reply = call(session, method, *args)
        assert reply["t"] == "invoke", reply
        if "report" in reply:
            seen.extend((e["detail"]["state"], e["snapshot"]["state"])
                        for e in result(session, reply["report"]) if e["name"] == "state")

    step("login", "agent", "secret")
    step("selectIdentifier", "SIP/1001")
    step("provision")
    assert session.mirror.state == "DEVICE"  # until onReady
    callback(session, "onReady", {"state": "READY", "status": "READY", "call": None})
    for method, args in (("dial", ["0800123456"]), ("hangup", []), ("identify", []), ("logout", [])):
        step(method, *args)
    assert seen == [("IDENTIFY", "IDENTIFY"), ("DEVICE", "DEVICE"), ("IDENTIFY", "IDENTIFY"),
                    ("CREDENTIALS", "CREDENTIALS")]
    assert session.mirror.snapshot() == {"state": "CREDENTIALS", "status": None, "user": None, "calls": []}


def test_results_are_placed_among_callbacks_by_the_shims_count_malformed_callbacks_included():
    # The shim counts every callback message it sends: state or not, well-formed or not.
    session = BridgeSession()
    callback(session, "onDevice")
    session.handle({"t": "callback", "name": "constructor", "args": []})  # a protocol error, still counted
    callback(session, "onUser", {"id": 1, "status": "READY"})
    logout = call(session, "logout")["report"]  # the component is called after these three callbacks
    callback(session, "onReady", {"state": "READY", "status": "READY", "call": None})
    # onReady, the fourth callback, came after the call: it wins over logout's result.
    assert result(session, logout, callbacks=3) == []
    assert session.mirror.state == "READY"
    identify = call(session, "identify")["report"]
    assert [e["detail"]["state"] for e in result(session, identify, callbacks=4) if e["name"] == "state"] \
        == ["IDENTIFY"]


def test_a_frames_call_asks_for_its_result_like_a_page_call():
    session = BridgeSession({"frames": [{"origin": "http://localhost:8001", "allow": ["identify"]}]})
    callback(session, "onReady", {"state": "READY", "status": "READY", "call": None})
    (invoke,) = session.handle({"t": "frame", "rule": 0, "source": 3, "origin": "http://localhost:8001",
                                "via": "port", "data": {"t": "call", "id": 9, "method": "identify", "args": []}})
    assert invoke["t"] == "frame-invoke" and isinstance(invoke["report"], int)
    (event,) = result(session, invoke["report"])
    assert event["detail"] == {"state": "IDENTIFY", "previous": "READY"}


def test_wire_round_trip_and_failures():
    assert json.loads(wire.start("{}")) == {"t": "ready", "version": wire.__version__}
    assert json.loads(wire.start('{"stateGating": "yes"}'))["t"] == "boot-error"
    # The runtime's fetch reads apiOrigins before Python does: a bad list must not boot.
    assert "config.apiOrigins[0]" in json.loads(wire.start('{"apiOrigins": ["*"]}'))["message"]
    assert json.loads(wire.start('{"apiOrigins": ["http://127.0.0.1:8090"]}'))["t"] == "ready"
    assert json.loads(wire.start("not json"))["t"] == "boot-error"
    wire.start("{}")
    out = json.loads(wire.receive(json.dumps({"t": "call", "id": 1, "method": "notify", "args": ["hi"]})))
    assert out[0]["t"] == "invoke"
    (error,) = json.loads(wire.receive("{broken"))
    assert error["detail"]["code"] == "PROTOCOL_ERROR"
