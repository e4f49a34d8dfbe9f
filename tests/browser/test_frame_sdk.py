"""The frame SDK (dist/agent-bridge-frame.js) in an iframe on another origin."""

import pytest

from browser_helpers import DISPOSITION, add_frame, sign_in, start_with_frames as start


def sdk_frame(page, other_origin, server, name="widget"):
    return add_frame(page, f"{other_origin}/pages/sdk-form.html?parent={server}", name)


def connect(frame, **options):
    return frame.evaluate("""async (options) => {
        try {
            window.conn = await AgentBridgeFrame.connect({parentOrigin, ...options});
            return {capabilities: conn.capabilities, events: conn.events};
        } catch (e) { return {code: e.code, message: e.message}; }
    }""", options)


def attempt(frame, expression):
    return frame.evaluate(f"""async () => {{
        try {{ return {{ok: true, value: await ({expression})}}; }}
        catch (e) {{ return {{ok: false, code: e.code, message: e.message}}; }}
    }}""")


@pytest.fixture
def parent(blank, server):
    return blank


def test_connect_call_and_refusals(parent, other_origin, server, errors):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dial', 'notify'], events: true}}]")
    sign_in(parent)
    widget = sdk_frame(parent, other_origin, server)
    assert connect(widget) == {"capabilities": ["dial", "notify"], "events": True}
    assert attempt(widget, "conn.dial('0800123456', 'directCall')") == {"ok": True, "value": None}
    assert parent.evaluate("sim.log.filter((e) => e.method === 'dial').pop().args") == ["0800123456", "directCall"]
    forbidden = attempt(widget, "conn.hangup()")
    assert forbidden["code"] == "FORBIDDEN" and "hangup" in forbidden["message"]
    assert attempt(widget, "conn.dial('not a number')")["code"] == "INVALID_ARGUMENT"
    assert parent.evaluate("sim.log.filter((e) => e.method === 'hangup').length") == 0
    assert errors == []


def test_events_reach_subscribed_frames(parent, other_origin, server):
    start(parent, f"[{{origin: '{other_origin}', allow: [], events: true}}]")
    sign_in(parent)
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    widget.evaluate("() => { conn.on('call', (e) => seen.push(e.change + ' ' + e.call.number)); }")
    parent.wait_for_timeout(200)
    parent.evaluate("sim.ringIncoming({number: '0800123456'})")
    widget.wait_for_function("seen.includes('ringing 0800123456')")


def test_events_are_refused_when_the_rule_does_not_allow_them(parent, other_origin, server):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dial']}}]")
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    widget.evaluate("() => { conn.on('error', (e) => seen.push(e.code)); conn.on('call', () => seen.push('call')); }")
    widget.wait_for_function("seen.includes('FORBIDDEN')")


def test_unlisted_origin_times_out(parent, other_origin, server):
    start(parent, "[{origin: 'http://localhost:1', allow: ['dial']}]")
    widget = sdk_frame(parent, other_origin, server)
    result = connect(widget, timeout=1200)
    assert result["code"] == "CONNECTION_TIMEOUT"


def test_parent_origin_must_be_exact(parent, other_origin, server):
    widget = sdk_frame(parent, other_origin, server)
    result = widget.evaluate("""() => { try { AgentBridgeFrame.connect({parentOrigin: '*'}); }
        catch (e) { return e.code; } }""")
    assert result == "INVALID_ARGUMENT"


def test_sdk_disposition_uses_the_ucontact_shape(parent, other_origin, server):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall']}}]")
    parent.evaluate("""() => { window.dispositions = [];
        window.UC_DispositionCall = (...args) => { dispositions.push(args[3]); args[10](); }; }""")
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    result = attempt(widget, f"conn.dispositionCall({DISPOSITION!r})".replace("'", '"'))
    assert result == {"ok": True, "value": {"confirmed": True}}
    assert parent.evaluate("dispositions") == ["nivel1"]


def test_sdk_disposition_without_a_bridge_is_sent_unconfirmed(parent, other_origin, server):
    # A real uContact console carries the message out and never answers.
    widget = sdk_frame(parent, other_origin, server)
    result = attempt(widget, "AgentBridgeFrame.dispositionCall({l1: 'x'}, {parentOrigin, confirmTimeout: 300})")
    assert result == {"ok": True, "value": {"confirmed": False}}


def test_frame_reload_reconnects(parent, other_origin, server):
    start(parent, f"[{{origin: '{other_origin}', allow: ['notify']}}]")
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    assert attempt(widget, "conn.notify('before')")["ok"]
    widget.evaluate("location.reload()")
    parent.wait_for_timeout(300)
    widget = parent.frame(name="widget")
    widget.wait_for_function("window.AgentBridgeFrame !== undefined")
    connect(widget)
    assert attempt(widget, "conn.notify('after')")["ok"]
    assert parent.evaluate("sim.notifications.map((n) => n.title)") == ["before", "after"]


def test_parent_destroy_rejects_frame_calls_then_a_new_bridge_is_found(parent, other_origin, server):
    rules = f"[{{origin: '{other_origin}', allow: ['dial', 'notify']}}]"
    start(parent, rules)
    sign_in(parent)
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    widget.evaluate("() => { conn.on('connected', () => seen.push('connected')); conn.on('disconnected', () => seen.push('disconnected')); }")
    parent.evaluate("sim.hang('dial')")
    widget.evaluate("() => { window.pending = conn.dial('0800123456').then(() => 'ok', (e) => e.code); }")
    parent.wait_for_function("sim.log.some((e) => e.method === 'dial')")
    parent.evaluate("bridge.destroy()")
    assert widget.evaluate("window.pending") == "DESTROYED"
    widget.wait_for_function("seen.includes('disconnected')")
    assert attempt(widget, "conn.notify('while down')")["code"] == "CONNECTION_TIMEOUT"
    parent.evaluate(f"() => {{ window.bridge = AgentBridge.start({{frames: {rules}}}); }}")
    widget.wait_for_function("seen.includes('connected')", timeout=60_000)
    assert attempt(widget, "conn.notify('again')")["ok"]
