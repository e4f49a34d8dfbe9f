"""CRM iframes on other origins speaking uContact's CrossDomain messages to the bridge."""

import json
import random

import pytest

from bridge.errors import BridgeError
from bridge.frames.ucontact import check_message
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
    # Allowed: the other origin on a port nobody serves; the form's real origin is not listed.
    start(parent, "[{origin: 'http://localhost:1', allow: ['dispositionCall', 'closeTab']}]")
    parent.evaluate("""() => { window.acted = [];
        window.UC_DispositionCall = () => acted.push('disposition'); window.closeActiveTab = () => acted.push('close'); }""")
    unlisted = add_frame(parent, f"{other_origin}/pages/form.html", "unlisted")
    sandboxed = add_frame(parent, f"{other_origin}/pages/form.html", "sandboxed", sandbox="allow-scripts")
    for frame in (unlisted, sandboxed):
        post(frame, {"action": "CLOSE_TAB"})
        post(frame, {"action": "DISPOSITION_CALL", "disposition": DISPOSITION})
    parent.wait_for_timeout(500)
    assert parent.evaluate("acted") == []
    assert unlisted.evaluate("replies") == [] and sandboxed.evaluate("replies") == []


def test_a_window_that_is_not_a_frame_of_the_page_is_ignored(parent, other_origin, server):
    start(parent, f"[{{origin: '{server}', allow: ['closeTab']}}]")
    parent.evaluate("() => { window.closedTabs = 0; window.closeActiveTab = () => { closedTabs += 1; }; }")
    # Same origin as the parent and allowed, but the message comes from the page itself.
    parent.evaluate("window.postMessage({action: 'CLOSE_TAB'}, '*')")
    parent.wait_for_timeout(300)
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


def _accepted(payload):
    try:
        check_message(payload)
    except BridgeError:
        return False
    return True


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
    form.wait_for_function("replies.length >= 1000", timeout=30_000)
    answers = [r["data"] for r in form.evaluate("replies")]
    assert all(set(a) <= {"action", "ok", "error"} for a in answers)
    # Replies come in order: each one says what the Python schema says of that payload.
    assert [a["ok"] for a in answers] == [_accepted(p) for p in payloads]
    assert 0 < sum(a["ok"] for a in answers) < 200
    assert parent.evaluate("sim.log.length") == before
    assert parent.evaluate("({}).polluted === undefined && Object.prototype.x === undefined")
    assert errors == []
    json.dumps(payloads)  # they were JSON data, as a form could send


def test_bad_frames_config_throws_from_start_with_the_reason(parent):
    result = parent.evaluate("""() => { try { AgentBridge.start({frames: [{origin: 'https://x.com/path', allow: []}]}); }
        catch (e) { return [e.code, e.message]; } }""")
    assert result[0] == "INVALID_ARGUMENT" and "config.frames[0].origin must be an origin" in result[1]


def test_an_explicit_null_rule_obeys_a_sandboxed_frame_without_replying(parent, other_origin):
    start(parent, "[{origin: 'null', allow: ['closeTab']}]")
    parent.evaluate("() => { window.closedTabs = 0; window.closeActiveTab = () => { closedTabs += 1; }; }")
    sandboxed = add_frame(parent, f"{other_origin}/pages/form.html", "sandboxed", sandbox="allow-scripts")
    post(sandboxed, {"action": "CLOSE_TAB"})
    parent.wait_for_function("closedTabs === 1")
    parent.wait_for_timeout(300)
    assert sandboxed.evaluate("replies") == []  # no reply can target an opaque origin without '*'
