"""Frame messages in the session: rule check, capabilities, rate limit, uContact instructions."""

import pytest

from bridge.errors import BridgeError
from bridge.component.session import BridgeSession

FORM = "http://localhost:8001"
DISPOSITION = {"campaign": "C", "callerid": "555", "guid": "1700000000.1", "l1": "Sale", "l2": "Upsell"}


def session(allow=("dispositionCall", "closeTab"), **config):
    return BridgeSession({"frames": [{"origin": FORM, "allow": list(allow)}], **config})


def frame(s, data, origin=FORM, rule=0, source=3, **extra):
    return s.handle({"t": "frame", "rule": rule, "source": source, "origin": origin, "data": data, **extra})


def ready(s):
    s.handle({"t": "callback", "name": "onReady", "args": [{"user": {"id": 1, "status": "READY"}}]})


def test_disposition_gives_an_instruction_with_the_set_account_code_fallback():
    s = session()
    ready(s)
    (out,) = frame(s, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    assert out["t"] == "frame-action" and out["source"] == 3 and out["action"] == "DISPOSITION_CALL"
    assert out["disposition"]["l3"] == "" and out["disposition"]["guid"] == "1700000000.1"
    assert out["fallback"] == {"method": "setAccountCode", "args": ["1700000000.1", "Sale", "Upsell", True],
                               "omitted": []}


def test_fallback_carries_the_reason_when_the_component_state_forbids_it():
    (out,) = frame(session(), {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    assert out["fallback"]["code"] == "INVALID_STATE"


def test_close_tab():
    assert frame(session(), {"action": "CLOSE_TAB"}) == [
        {"t": "frame-action", "source": 3, "action": "CLOSE_TAB", "origin": FORM}]


def test_missing_capability_is_forbidden_with_a_reply():
    (out,) = frame(session(allow=["closeTab"]), {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    assert out == {"t": "frame-reply", "source": 3, "origin": FORM, "message": {
        "action": "DISPOSITION_CALL_RESULT", "ok": False,
        "error": {"code": "FORBIDDEN", "message": "DISPOSITION_CALL: this frame's origin is not allowed dispositionCall"}}}


def test_bad_message_from_an_allowed_frame_gets_a_clear_error():
    (out,) = frame(session(), {"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, "schedule": "soon"}})
    assert out["message"]["action"] == "DISPOSITION_CALL_RESULT"
    assert out["message"]["error"]["code"] == "INVALID_ARGUMENT"
    (out,) = frame(session(), {"action": "CLOSE_TAB", "tab": 2})
    assert out["message"] == {"action": "CLOSE_TAB_RESULT", "ok": False, "error": {
        "code": "INVALID_ARGUMENT", "message": "CLOSE_TAB: no other fields are allowed"}}


@pytest.mark.parametrize("data", [
    "hello", {"foo": 1}, {"action": "HANGUP"}, {"action": "close_tab"}, [{"action": "CLOSE_TAB"}], None,
    {"namespace": "penpal", "channel": None, "type": "SYN", "participantId": "abc"},
])
def test_messages_of_other_libraries_get_no_answer(data):
    s = session()
    assert frame(s, data) == []
    assert frame(s, data, offer=4) == []


def test_messages_of_other_libraries_do_not_use_up_the_rate_limit():
    s = session(frameRate=5)
    for _ in range(50):
        frame(s, {"namespace": "penpal", "type": "SYN"})
    assert frame(s, {"action": "CLOSE_TAB"})[0]["t"] == "frame-action"


def test_the_frame_sdk_reply_id_is_echoed():
    s = session()
    ready(s)
    (out,) = frame(s, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION, "agentBridgeId": "k3-7"})
    assert out["t"] == "frame-action" and out["agentBridgeId"] == "k3-7"
    assert frame(s, {"action": "CLOSE_TAB", "agentBridgeId": "k3-8"})[0]["agentBridgeId"] == "k3-8"
    (out,) = frame(s, {"action": "DISPOSITION_CALL", "disposition": {}, "agentBridgeId": "k3-9"})
    assert out["message"]["agentBridgeId"] == "k3-9" and out["message"]["action"] == "DISPOSITION_CALL_RESULT"
    (out,) = frame(session(allow=[]), {"action": "CLOSE_TAB", "agentBridgeId": "k3-10"})
    assert out["message"] == {"action": "CLOSE_TAB_RESULT", "ok": False, "agentBridgeId": "k3-10", "error": {
        "code": "FORBIDDEN", "message": "CLOSE_TAB: this frame's origin is not allowed closeTab"}}
    # A malformed one is refused and, not being well-formed, not echoed.
    (out,) = frame(s, {"action": "CLOSE_TAB", "agentBridgeId": "<script>"})
    assert "agentBridgeId" not in out["message"] and "agentBridgeId must be" in out["message"]["error"]["message"]


def test_an_origin_the_rule_does_not_match_is_dropped_silently():
    assert frame(session(), {"action": "CLOSE_TAB"}, origin="http://evil.test") == []
    assert frame(session(), {"action": "CLOSE_TAB"}, origin="null") == []


@pytest.mark.parametrize("message", [
    {"t": "frame", "rule": 1, "source": 1, "origin": FORM, "data": {}},
    {"t": "frame", "rule": "0", "source": 1, "origin": FORM, "data": {}},
    {"t": "frame", "rule": 0, "source": -1, "origin": FORM, "data": {}},
    {"t": "frame", "rule": 0, "source": 1, "origin": None, "data": {}},
])
def test_malformed_frame_messages_are_protocol_errors(message):
    (out,) = session().handle(message)
    assert out["t"] == "event" and out["detail"]["code"] == "PROTOCOL_ERROR"


def test_no_frames_by_default():
    assert BridgeSession().frame_rules == ()
    (out,) = BridgeSession().handle({"t": "frame", "rule": 0, "source": 1, "origin": FORM, "data": {}})
    assert out["detail"]["code"] == "PROTOCOL_ERROR"


@pytest.mark.parametrize("config", [{"frames": "all"}, {"frameRate": 0}, {"frameRate": True}])
def test_bad_frame_config_fails_the_session(config):
    with pytest.raises(BridgeError):
        BridgeSession(config)


def sdk(s, data, source=3):
    return s.handle({"t": "frame", "rule": 0, "source": source, "origin": FORM, "via": "port", "data": data})


HELLO = {"agentBridge": "hello", "version": 2, "agentBridgeId": "h1"}


def test_hello_is_welcomed_with_the_rule_capabilities():
    s = BridgeSession({"frames": [{"origin": FORM, "allow": ["dial", "closeTab"], "events": True}]})
    assert frame(s, HELLO, offer=11) == [
        {"t": "frame-welcome", "source": 3, "offer": 11, "capabilities": ["closeTab", "dial"], "events": True}]


@pytest.mark.parametrize("data, offer, words", [
    ({**HELLO, "version": 1}, 12, "this bridge speaks version 2"),
    ({**HELLO, "extra": True}, 12, "this bridge speaks version 2"),
    (HELLO, None, "must carry a MessagePort"),
    ({"agentBridge": "call", "agentBridgeId": "h1"}, 12, "sends only its hello on the window"),
])
def test_a_refused_hello_names_its_id(data, offer, words):
    (out,) = frame(session(), data, offer=offer)
    assert out["t"] == "frame-reply" and out["origin"] == FORM
    assert out["message"]["agentBridge"] == "refused" and out["message"]["agentBridgeId"] == "h1"
    assert out["message"]["error"]["code"] == "INVALID_ARGUMENT" and words in out["message"]["error"]["message"]


def test_a_hello_without_an_id_is_refused_without_one():
    (out,) = frame(session(), {"agentBridge": "hello", "version": 2}, offer=5)
    assert out["message"] == {"agentBridge": "refused", "error": {
        "code": "INVALID_ARGUMENT", "message": "a hello must carry an agentBridgeId (the frame SDK sends one)"}}


def test_sdk_calls_are_checked_like_page_calls_and_limited_to_the_rule():
    s = BridgeSession({"frames": [{"origin": FORM, "allow": ["dial", "dispositionCall"]}]})
    ready(s)
    assert sdk(s, {"t": "call", "id": 9, "method": "dial", "args": ["0800123456"]}) == [
        {"t": "frame-invoke", "source": 3, "id": 9, "method": "dial", "args": ["0800123456"], "omitted": []}]
    refusals = {
        "hangup": sdk(s, {"t": "call", "id": 1, "method": "hangup", "args": []}),
        "dispositionCall": sdk(s, {"t": "call", "id": 2, "method": "dispositionCall", "args": []}),
        "bad args": sdk(s, {"t": "call", "id": 3, "method": "dial", "args": ["call me"]}),
        "no id": sdk(s, {"t": "call", "method": "dial", "args": ["1"]}),
        "events": sdk(s, {"t": "subscribe"}),
        "garbage": sdk(s, [1, 2]),
    }
    codes = {k: v[0]["message"]["error"]["code"] for k, v in refusals.items()}
    assert codes == {"hangup": "FORBIDDEN", "dispositionCall": "FORBIDDEN", "bad args": "INVALID_ARGUMENT",
                     "no id": "INVALID_ARGUMENT", "events": "FORBIDDEN", "garbage": "INVALID_ARGUMENT"}
    assert refusals["hangup"][0]["message"]["id"] == 1 and refusals["no id"][0]["message"]["id"] is None


def test_sdk_call_in_the_wrong_state():
    s = BridgeSession({"frames": [{"origin": FORM, "allow": ["dial"]}]})
    (out,) = sdk(s, {"t": "call", "id": 1, "method": "dial", "args": ["1"]})
    assert out["message"]["error"]["code"] == "INVALID_STATE"


def test_subscribe_when_the_rule_allows_events():
    s = BridgeSession({"frames": [{"origin": FORM, "allow": [], "events": True}]})
    assert sdk(s, {"t": "subscribe"}) == [{"t": "frame-subscribe", "source": 3}]
