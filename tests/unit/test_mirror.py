"""The state mirror: calls and users recognised in any callback, change names, logout."""

from bridge.mirror import StateMirror


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


def test_logout_forgets_calls():
    mirror = StateMirror()
    mirror.observe_callback("onReady", [{"user": {"id": 1, "status": "READY"}, "calls": [a_call(state=3)]}])
    assert len(mirror.calls) == 1
    events = mirror.observe_callback("onCredentials", [])
    assert events == [("state", {"state": "CREDENTIALS", "previous": "READY"})]
    assert mirror.calls == {}


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
