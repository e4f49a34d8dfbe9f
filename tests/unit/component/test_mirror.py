"""The state mirror: calls and users recognised in any callback, change names, logout, and the
states it learns from the results of the calls that cause them."""

import pytest

from bridge.component.mirror import StateMirror
from bridge.component.spec import METHODS, get_method


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


def in_state(callback):
    mirror = StateMirror()
    mirror.observe_callback(callback, [])
    return mirror


def succeeded(mirror, method):
    """The mirror approves a call of ``method``, the component is called at once and succeeds."""
    return mirror.observe_result(mirror.await_result(get_method(method)), mirror.callbacks_heard, None)


def states(events):
    return [(detail["previous"], detail["state"]) for event, detail in events if event == "state"]


@pytest.mark.parametrize("before, method, after", [
    ("onCredentials", "login", "IDENTIFY"),
    ("onCredentials", "sso", "IDENTIFY"),
    ("onIdentify", "selectIdentifier", "DEVICE"),
    ("onDevice", "selectIdentifier", "DEVICE"),
    ("onReady", "identify", "IDENTIFY"),
    ("onDevice", "identify", "IDENTIFY"),
    ("onDevice", "logout", "CREDENTIALS"),
])
def test_a_successful_call_moves_the_mirror_where_the_spec_says(before, method, after):
    mirror = in_state(before)
    previous = mirror.state
    events = succeeded(mirror, method)
    assert mirror.state == after
    assert states(events) == ([] if previous == after else [(previous, after)])


def test_only_methods_that_lead_somewhere_or_return_the_state_object_take_a_ticket():
    mirror = StateMirror()
    taking = {m.name for m in METHODS if mirror.await_result(m) is not None}
    assert taking == {"login", "sso", "selectIdentifier", "identify", "logout", "state"}


def test_provision_waits_for_on_ready():
    # The document promises onReady after provisioning, with the status: no ticket, no move.
    mirror = in_state("onDevice")
    assert mirror.await_result(get_method("provision")) is None
    assert mirror.state == "DEVICE"


def test_a_logout_result_ends_the_calls_and_forgets_the_agent():
    mirror = StateMirror()
    mirror.observe_callback("onReady", [{"user": {"id": 1, "status": "READY"}, "calls": [a_call(state=3)]}])
    events = succeeded(mirror, "logout")
    assert [(e, d.get("state") or d.get("change") or d.get("status")) for e, d in events] == [
        ("state", "CREDENTIALS"), ("call", "ended"), ("status", None)]
    assert mirror.calls == {} and mirror.user is None


READY_OBJECT = {"state": "READY", "status": "READY", "call": None}


@pytest.mark.parametrize("before, method", [
    # A component that pairs a remembered phone at once: onReady before login's promise settles.
    ("onCredentials", "login"),
    # logout called in DEVICE, and onReady before its answer.
    ("onDevice", "logout"),
])
def test_a_callback_after_the_call_wins_over_its_result(before, method):
    mirror = in_state(before)
    ticket, called_after = mirror.await_result(get_method(method)), mirror.callbacks_heard
    mirror.observe_callback("onReady", [READY_OBJECT])
    assert mirror.observe_result(ticket, called_after, None) == []
    assert mirror.state == "READY"


def test_a_callback_relayed_before_the_component_was_called_does_not_void_its_result():
    # logout approved in DEVICE; the component's onReady is relayed before logout reaches it.
    mirror = in_state("onDevice")
    ticket = mirror.await_result(get_method("logout"))
    mirror.observe_callback("onReady", [READY_OBJECT])
    assert states(mirror.observe_result(ticket, mirror.callbacks_heard, None)) == [("READY", "CREDENTIALS")]


def test_a_callback_that_repeats_the_state_does_not_void_a_result():
    mirror = in_state("onCredentials")
    ticket, called_after = mirror.await_result(get_method("login")), mirror.callbacks_heard
    mirror.observe_callback("onCredentials", [])  # the login form shown again: no news
    assert states(mirror.observe_result(ticket, called_after, None)) == [("CREDENTIALS", "IDENTIFY")]


def test_of_two_results_the_one_that_could_not_have_run_after_the_other_is_dropped():
    mirror = in_state("onIdentify")
    pair, leave = mirror.await_result(get_method("selectIdentifier")), mirror.await_result(get_method("logout"))
    assert states(mirror.observe_result(leave, mirror.callbacks_heard, None)) == [("IDENTIFY", "CREDENTIALS")]
    # selectIdentifier cannot succeed at the login form.
    assert mirror.observe_result(pair, mirror.callbacks_heard, None) == []
    assert mirror.state == "CREDENTIALS"


def test_a_ticket_counts_once_and_unknown_or_forgotten_ones_not_at_all():
    mirror = in_state("onCredentials")
    now = mirror.callbacks_heard
    ticket = mirror.await_result(get_method("login"))
    assert mirror.observe_result(ticket + 1, now, None) == []
    assert mirror.state == "CREDENTIALS"
    oldest = ticket
    for _ in range(StateMirror.RESULTS_AWAITED):
        mirror.await_result(get_method("login"))
    assert mirror.observe_result(oldest, now, None) == []  # forgotten: too many calls never answered
    assert mirror.state == "CREDENTIALS"
    newest = mirror.await_result(get_method("login"))
    assert states(mirror.observe_result(newest, now, None)) == [("CREDENTIALS", "IDENTIFY")]
    mirror.observe_callback("onCredentials", [])
    assert mirror.observe_result(newest, mirror.callbacks_heard, None) == []  # used already
    assert mirror.state == "CREDENTIALS"


def test_the_result_of_state_is_read_like_on_readys_object():
    mirror = in_state("onReady")
    ticket = mirror.await_result(get_method("state"))
    events = mirror.observe_result(ticket, mirror.callbacks_heard, {"user": {"id": 1, "status": "ACW"}, "calls": []})
    assert [(e, d["status"]) for e, d in events] == [("status", "ACW")]
