"""CRM iframes on other origins speaking uContact's CrossDomain messages to the bridge."""

import json
import random
import re
from datetime import datetime

import pytest

from browser_helpers import DISPOSITION, add_frame, sign_in, start_with_frames as start


def post(frame, data):
    """What a uContact form does: window.parent.postMessage(data, '*')."""
    frame.evaluate("(data) => window.parent.postMessage(data, '*')", data)


def replies(frame, count=1, timeout=5000):
    frame.wait_for_function(f"window.replies && replies.length >= {count}", timeout=timeout)
    return frame.evaluate("replies")


@pytest.fixture
def parent(blank):
    blank.wait_for_load_state()
    return blank


def hearing(parent):
    """Count the window messages the parent gets. This listener is added after the bridge's,
    so once it has counted a message the bridge has seen it too."""
    parent.evaluate("() => { window.heard = 0; addEventListener('message', () => { heard += 1; }); }")


def barrier(parent, allowed, quiet=(), heard=0):
    """Instead of sleeping before a negative check: wait until the parent has had ``heard``
    messages, then until a message from ``allowed`` (a frame with a rule) went through the
    runtime and back (the runtime answers in order: whatever it was handed before is done),
    then until each ``quiet`` frame has a marker from the parent (a window's messages to a
    frame arrive in order: any reply to it came first)."""
    parent.wait_for_function(f"window.heard >= {heard}")
    before = len(allowed.evaluate("replies"))
    post(allowed, {"action": "DISPOSITION_CALL", "disposition": {}})  # refused, by the runtime
    allowed.wait_for_function(f"replies.length > {before}")
    for frame in quiet:
        parent.evaluate("(name) => window.frames[name].postMessage('barrier', '*')", frame.name)
        frame.wait_for_function("replies.some((r) => r.data === 'barrier')")


def ready_with_call(page):
    page.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    sign_in(page)
    page.evaluate("sim.ringIncoming({number: '0800123456'})")
    page.wait_for_function("bridge.snapshot.calls.length === 1")
    return page.evaluate("bridge.snapshot.calls[0].uniqueid")


def test_disposition_goes_to_the_uContact_console_function(parent, other_origin, errors):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall', 'closeTab']}}]")
    parent.evaluate("""() => { window.dispositions = [];
        window.UC_DispositionCall = (...args) => { dispositions.push(args.slice(0, 10));
            args[10]('done'); }; }""")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    (reply,) = replies(form)
    assert reply == {"origin": parent.evaluate("location.origin"),
                     "data": {"action": "DISPOSITION_CALL_RESULT", "ok": True}}
    assert parent.evaluate("dispositions") == [[DISPOSITION[k] for k in (
        "campaign", "callerid", "guid", "l1", "l2", "l3", "d1", "d2", "comment", "schedule")]]
    assert errors == []


def test_the_consoles_error_callback_argument_becomes_a_readable_message(parent, other_origin):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall']}}]")
    # What uContact's error callback gets is not documented: a string, or an object.
    parent.evaluate("""() => { window.UC_DispositionCall = (...args) => args[11](
        args[3] === 'text' ? 'agent not logged in' : {status: 409, error: 'campaign closed'}); }""")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    post(form, {"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, "l1": "text"}})
    assert [r["data"]["error"] for r in replies(form, 2)] == [
        {"code": "OPERATOR_ERROR", "message": 'UC_DispositionCall: {"status":409,"error":"campaign closed"}'},
        {"code": "OPERATOR_ERROR", "message": "UC_DispositionCall: agent not logged in"}]


def test_disposition_without_a_console_sets_the_ucs_account_code(parent, other_origin, errors):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall']}}]")
    uniqueid = ready_with_call(parent)
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, "guid": uniqueid}})
    assert replies(form)[0]["data"] == {"action": "DISPOSITION_CALL_RESULT", "ok": True}
    assert parent.evaluate(f"sim.accountCodes['{uniqueid}']") == [
        {"accountCode": "nivel1", "subAccountCode": "nivel2"}]
    assert errors == []


def test_disposition_handler_from_config_and_its_failure(parent, other_origin):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall']}}]",
          ", ucontact: {onDisposition: (d) => { if (d.l1 === 'bad') throw new Error('CRM refused'); "
          "window.handled = d; }}")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    assert replies(form)[0]["data"]["ok"] is True
    assert parent.evaluate("window.handled.comment") == "ComentarioTest"
    post(form, {"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, "l1": "bad"}})
    second = replies(form, 2)[1]["data"]
    assert second["ok"] is False and second["error"] == {"code": "OPERATOR_ERROR", "message": "CRM refused"}


def test_close_tab(parent, other_origin):
    start(parent, f"[{{origin: '{other_origin}', allow: ['closeTab']}}]")
    parent.evaluate("() => { window.closedTabs = 0; window.closeActiveTab = () => { closedTabs += 1; }; }")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "CLOSE_TAB"})
    assert replies(form)[0]["data"] == {"action": "CLOSE_TAB_RESULT", "ok": True}
    assert parent.evaluate("closedTabs") == 1


def test_missing_capability_is_forbidden(parent, other_origin):
    start(parent, f"[{{origin: '{other_origin}', allow: ['closeTab']}}]")
    parent.evaluate("() => { window.UC_DispositionCall = () => { window.called = true; }; }")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    reply = replies(form)[0]["data"]
    assert reply["ok"] is False and reply["error"]["code"] == "FORBIDDEN"
    assert parent.evaluate("window.called") is None


def test_bad_message_from_an_allowed_frame_gets_a_clear_error(parent, other_origin):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall']}}]")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    post(form, {"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, "schedule": "tomorrow"}})
    reply = replies(form)[0]["data"]
    assert reply["error"]["code"] == "INVALID_ARGUMENT" and "YYYY-MM-DD HH:MM:SS" in reply["error"]["message"]


def test_unlisted_origin_and_sandboxed_frame_get_nothing(parent, other_origin, server):
    # Allowed: the other origin on a port nobody serves (the form's real origin is not listed),
    # and the parent's own origin, which may do nothing: the barrier.
    start(parent, f"[{{origin: 'http://localhost:1', allow: ['dispositionCall', 'closeTab']}}, "
                  f"{{origin: '{server}', allow: []}}]")
    parent.evaluate("""() => { window.acted = [];
        window.UC_DispositionCall = () => acted.push('disposition'); window.closeActiveTab = () => acted.push('close'); }""")
    hearing(parent)
    allowed = add_frame(parent, f"{server}/pages/form.html", "allowed")
    unlisted = add_frame(parent, f"{other_origin}/pages/form.html", "unlisted")
    sandboxed = add_frame(parent, f"{other_origin}/pages/form.html", "sandboxed", sandbox="allow-scripts")
    for frame in (unlisted, sandboxed):
        post(frame, {"action": "CLOSE_TAB"})
        post(frame, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    barrier(parent, allowed, quiet=(unlisted, sandboxed), heard=4)
    assert parent.evaluate("acted") == []
    assert [r["data"] for r in unlisted.evaluate("replies")] == ["barrier"]
    assert [r["data"] for r in sandboxed.evaluate("replies")] == ["barrier"]


def test_a_window_that_is_not_a_frame_of_the_page_is_ignored(parent, other_origin, server):
    start(parent, f"[{{origin: '{server}', allow: ['closeTab']}}]")
    parent.evaluate("() => { window.closedTabs = 0; window.closeActiveTab = () => { closedTabs += 1; }; }")
    allowed = add_frame(parent, f"{server}/pages/form.html", "allowed")
    # Same origin as the parent and allowed, but the message comes from the page itself.
    parent.evaluate("window.postMessage({action: 'CLOSE_TAB'}, '*')")
    hearing(parent)
    barrier(parent, allowed)
    assert parent.evaluate("closedTabs") == 0


def _payloads(count, seed=7):
    rng = random.Random(seed)
    atoms = [None, True, 0, -1, 1e308, "", "x" * 300, "__proto__", "DISPOSITION_CALL", "CLOSE_TAB", [], {}]

    def value(depth):
        kind = rng.random()
        if depth > 3 or kind < 0.4:
            return rng.choice(atoms)
        if kind < 0.7:
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        keys = ["action", "disposition", "campaign", "guid", "l1", "schedule", "__proto__", "constructor", "x"]
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randint(0, 5))}

    out = []
    for i in range(count):
        if i % 3 == 0:
            bad = dict(DISPOSITION)
            bad[rng.choice(list(bad))] = value(2)
            out.append({"action": "DISPOSITION_CALL", "disposition": bad})
        elif i % 3 == 1:
            out.append({"action": rng.choice(["DISPOSITION_CALL", "CLOSE_TAB ", "close_tab", "HANGUP"]),
                        "disposition": value(1), rng.choice(["constructor", "__proto__", "extra"]): value(2)})
        else:
            out.append(value(0))
    return out


# The oracle: the README's rules for uContact messages, written out here on their own (not
# bridge.frames.ucontact), so a mistake there cannot agree with itself. None: not a uContact
# message (no answer); True: carried out; False: refused with its _RESULT error.
FIELDS = {"campaign": 255, "callerid": 64, "guid": 128, "l1": 255, "l2": 255, "l3": 255,
          "d1": 1000, "d2": 1000, "comment": 4000, "schedule": 19}
REQUIRED = ("campaign", "callerid", "guid", "l1")


def _height(value):
    children = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else []
    return 1 + max(map(_height, children)) if children else 0


def _keys(value):
    if isinstance(value, dict):
        yield from value
        for item in value.values():
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def _real_schedule(text):
    if not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _expected(payload):
    if not isinstance(payload, dict) or payload.get("action") not in ("DISPOSITION_CALL", "CLOSE_TAB"):
        return None
    if _height(payload) > 3 or {"__proto__", "constructor", "prototype"} & set(_keys(payload)):
        return False
    if len(json.dumps(payload, ensure_ascii=False).encode()) > 16_384:
        return False
    if payload["action"] == "CLOSE_TAB":
        return set(payload) == {"action"}
    disposition = payload.get("disposition")
    if set(payload) != {"action", "disposition"} or not isinstance(disposition, dict) or set(disposition) - set(FIELDS):
        return False
    for name, limit in FIELDS.items():
        value = disposition.get(name)
        if name == "callerid" and type(value) in (int, float):
            value = str(value)  # a number is taken as the caller ID's digits
        value = "" if value is None else value
        if not isinstance(value, str) or len(value) > limit or (name in REQUIRED and not value.strip()):
            return False
        if name == "schedule" and value and not _real_schedule(value):
            return False
    return True


def test_the_oracle_reads_the_rules_as_the_readme_states_them():
    assert _expected({"action": "DISPOSITION_CALL", "disposition": DISPOSITION}) is True
    assert _expected({"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, "callerid": 5, "l3": None}}) is True
    assert _expected({"action": "CLOSE_TAB"}) is True
    assert _expected({"action": "HANGUP"}) is None and _expected(["CLOSE_TAB"]) is None
    assert [_expected({"action": "DISPOSITION_CALL", "disposition": {**DISPOSITION, **change}}) for change in (
        {"guid": " "}, {"schedule": "2019-02-30 10:00:00"}, {"schedule": "2019-05-04"}, {"callerid": True},
        {"l2": "x" * 256}, {"x": ""}, {"l1": {"a": 1}}, {"d1": [[1]]})] == [False] * 8
    assert _expected({"action": "CLOSE_TAB", "constructor": 1}) is False


def test_a_thousand_malformed_payloads_never_reach_the_component(parent, other_origin, errors):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall', 'closeTab']}}]", ", frameRate: 10000")
    ready_with_call(parent)
    before = parent.evaluate("sim.log.length")
    form = add_frame(parent, f"{other_origin}/pages/form.html")
    payloads = _payloads(1000)
    # Some random payloads may happen to be valid CLOSE_TAB / DISPOSITION_CALL messages: they
    # must then reach only the handlers, never the component with unchecked data.
    parent.evaluate("() => { window.closeActiveTab = () => {}; window.UC_DispositionCall = (...a) => a[10](); }")
    form.evaluate("(all) => { for (const data of all) window.parent.postMessage(data, '*'); }", payloads)
    expected = [_expected(p) for p in payloads]
    answered = [(p, e) for p, e in zip(payloads, expected) if e is not None]
    # A last CLOSE_TAB, answered after every answer to the payloads (the bridge answers a
    # frame's messages in order), so a payload that should get none is seen if it got one.
    post(form, {"action": "CLOSE_TAB"})
    form.wait_for_function(f"replies.length >= {len(answered) + 1}", timeout=30_000)
    answers = [r["data"] for r in form.evaluate("replies")]
    assert answers[-1] == {"action": "CLOSE_TAB_RESULT", "ok": True}
    answers = answers[:-1]
    assert all(set(a) <= {"action", "ok", "error"} for a in answers)
    # Replies come in order: each one says what the rules say of that payload.
    assert [(a["action"], a["ok"]) for a in answers] == [(p["action"] + "_RESULT", e) for p, e in answered]
    assert 0 < sum(e is True for e in expected) < 200 and 100 < expected.count(None) < 900
    assert parent.evaluate("sim.log.length") == before
    assert parent.evaluate("({}).polluted === undefined && Object.prototype.x === undefined")
    assert errors == []
    json.dumps(payloads)  # they were JSON data, as a form could send


def test_bad_frames_config_throws_from_start_with_the_reason(parent):
    result = parent.evaluate("""() => { try { AgentBridge.start({frames: [{origin: 'https://x.com/path', allow: []}]}); }
        catch (e) { return [e.code, e.message]; } }""")
    assert result[0] == "INVALID_ARGUMENT" and "config.frames[0].origin must be an origin" in result[1]


def test_an_explicit_null_rule_obeys_a_sandboxed_frame_without_replying(parent, other_origin, server):
    start(parent, f"[{{origin: 'null', allow: ['closeTab']}}, {{origin: '{server}', allow: []}}]")
    parent.evaluate("() => { window.closedTabs = 0; window.closeActiveTab = () => { closedTabs += 1; }; }")
    hearing(parent)
    allowed = add_frame(parent, f"{server}/pages/form.html", "allowed")
    sandboxed = add_frame(parent, f"{other_origin}/pages/form.html", "sandboxed", sandbox="allow-scripts")
    post(sandboxed, {"action": "CLOSE_TAB"})
    parent.wait_for_function("closedTabs === 1")
    barrier(parent, allowed, quiet=(sandboxed,), heard=1)
    # No reply can target an opaque origin without '*'.
    assert [r["data"] for r in sandboxed.evaluate("replies")] == ["barrier"]
