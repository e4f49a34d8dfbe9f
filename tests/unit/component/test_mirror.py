"""The state mirror: calls and users recognised in any callback, change names, logout."""

from bridge.component.mirror import StateMirror


def a_call(**fields):
    base = {"uniqueid": "1700000000.1", "direction": "INCOMING", "state": 2, "cause": -1, "number": "0800123456"}
    return {**base, **fields}


def changes(mirror, name, *args):
    return [(event, detail.get("change")) for event, detail in mirror.observe_callback(name, list(args))]


def test_call_lifecycle_incoming():
    mirror = StateMirror()
    assert changes(mirror, "onCall", a_call()) == [("call", "ringing")]
    assert changes(mirror, "onCall", a_call()) == []  # nothing changed: no event
    assert changes(mirror, "onCall", a_call(state=3)) == [("call", "connected")]
    assert changes(mirror, "onCall", a_call(state=3, connected_muted=True)) == [("call", "updated")]
    assert changes(mirror, "onCall", a_call(state=5)) == [("call", "held")]
    assert changes(mirror, "onCall", a_call(state=3)) == [("call", "connected")]
    assert changes(mirror, "onCall", a_call(state=3, cause=3, disconnected=1700000100)) == [("call", "ended")]
    assert mirror.calls == {}
    # A late repeat of the end is not a second end.
    assert changes(mirror, "onCall", a_call(state=3, cause=3, disconnected=1700000100)) == []


def test_outgoing_call_starts_dialing():
    mirror = StateMirror()
    assert changes(mirror, "onCall", a_call(direction="OUTGOING", state=1)) == [("call", "dialing")]


def test_objects_are_recognised_in_callbacks_with_other_names():
    mirror = StateMirror()
    assert changes(mirror, "onSomethingNew", a_call()) == [("call", "ringing")]
    events = mirror.observe_callback("onAgentChanged", [{"id": 4, "username": "ada", "status": "AUX"}])
    assert [(e, d["status"], d["previous"]) for e, d in events] == [("status", "AUX", None)]
    assert mirror.observe_callback("onWhatever", [42, "text", None, [1]]) == []


def test_logout_ends_calls_and_forgets_the_agent():
    mirror = StateMirror()
    mirror.observe_callback("onReady", [{"user": {"id": 1, "status": "READY"}, "calls": [a_call(state=3)]}])
    assert len(mirror.calls) == 1
    events = mirror.observe_callback("onCredentials", [])
    assert [(e, d.get("state") or d.get("change") or d.get("status")) for e, d in events] == [
        ("state", "CREDENTIALS"), ("call", "ended"), ("status", None)]
    assert mirror.calls == {} and mirror.snapshot()["status"] is None and mirror.user is None


def test_a_state_object_lists_all_calls_in_progress():
    mirror = StateMirror()
    mirror.observe_callback("onCall", [a_call(uniqueid="a")])
    mirror.observe_callback("onCall", [a_call(uniqueid="b")])
    events = mirror.observe_state_object({"user": {"id": 1, "status": "READY"}, "calls": [a_call(uniqueid="b")]})
    assert ("call", "ended") in [(e, d.get("change")) for e, d in events]
    assert list(mirror.calls) == ["b"]
    mirror.observe_state_object({"calls": [], "call": None})
    assert mirror.calls == {}


def test_top_level_status_without_a_user_object():
    mirror = StateMirror()
    events = mirror.observe_callback("onReady", [{"state": "READY", "status": "AUX", "call": None}])
    assert ("status", "AUX") in [(e, d.get("status")) for e, d in events]
    assert mirror.snapshot()["status"] == "AUX"


def test_a_late_repeat_of_an_older_calls_end_is_not_a_new_event():
    mirror = StateMirror()
    mirror.observe_callback("onCall", [a_call(uniqueid="a", state=3)])
    mirror.observe_callback("onCall", [a_call(uniqueid="a", cause=3, disconnected=1)])
    mirror.observe_callback("onCall", [a_call(uniqueid="b")])
    assert changes(mirror, "onCall", a_call(uniqueid="a", cause=3, disconnected=1)) == []
    assert changes(mirror, "onCall", a_call(uniqueid="a", state=3)) == []  # stale copy of an ended call
    assert list(mirror.calls) == ["b"]


def test_same_state_twice_is_one_event():
    mirror = StateMirror()
    assert len(mirror.observe_callback("onCredentials", [])) == 1
    assert mirror.observe_callback("onCredentials", []) == []


def test_snapshot_is_plain_data():
    mirror = StateMirror()
    mirror.observe_callback("onReady", [{"user": {"id": 1, "status": "READY", "x": 1}, "call": a_call()}])
    snap = mirror.snapshot()
    assert snap == {"state": "READY", "status": "READY", "user": {"id": 1, "status": "READY", "x": 1},
                    "calls": [a_call()]}
