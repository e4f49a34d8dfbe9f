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


def barrier(frame):
    """A round trip on the frame's channel, instead of a sleep: the parent answers a channel
    in order, so what it sent before (events, the subscription's answer) has arrived."""
    assert attempt(frame, "conn.notify('barrier')").get("code") in (None, "FORBIDDEN")


def test_events_reach_subscribed_frames(parent, other_origin, server):
    start(parent, f"[{{origin: '{other_origin}', allow: [], events: true}}]")
    sign_in(parent)
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    widget.evaluate("() => { conn.on('call', (e) => seen.push(e.change + ' ' + e.call.number)); }")
    barrier(widget)  # subscribed
    parent.evaluate("sim.ringIncoming({number: '0800123456'})")
    widget.wait_for_function("seen.includes('ringing 0800123456')")


def test_events_are_refused_when_the_rule_does_not_allow_them(parent, other_origin, server):
    # Two frames see the same call ring: the one whose rule allows events gets it, the other
    # is told FORBIDDEN and gets nothing, up to a reply sent after the call was broadcast.
    start(parent, f"[{{origin: '{other_origin}', allow: ['notify']}}, {{origin: '{server}', allow: [], events: true}}]")
    sign_in(parent)
    refused = sdk_frame(parent, other_origin, server)
    allowed = add_frame(parent, f"{server}/pages/sdk-form.html?parent={server}", "allowed")
    for frame in (refused, allowed):
        connect(frame)
        frame.evaluate("() => { conn.on('error', (e) => seen.push(e.code)); conn.on('call', (e) => seen.push(e.change)); }")
        barrier(frame)
    assert refused.evaluate("seen") == ["FORBIDDEN"] and allowed.evaluate("seen") == []
    parent.evaluate("sim.ringIncoming({number: '0800123456'})")
    allowed.wait_for_function("seen.includes('ringing')")
    barrier(refused)
    assert refused.evaluate("seen") == ["FORBIDDEN"]


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


def test_concurrent_dispositions_each_get_their_own_answer(parent, other_origin, server):
    start(parent, f"[{{origin: '{other_origin}', allow: ['dispositionCall']}}]")
    # The first one fails, later than the second succeeds: answers come in the other order.
    parent.evaluate("""() => { window.UC_DispositionCall = (...args) => {
        if (args[3] === 'slow') setTimeout(() => args[11]('slow one failed'), 300); else args[10](); }; }""")
    widget = sdk_frame(parent, other_origin, server)
    connect(widget)
    result = widget.evaluate("""async (d) => (await Promise.allSettled([
            conn.dispositionCall({...d, l1: 'slow'}), conn.dispositionCall({...d, l1: 'fast'})]))
        .map((r) => r.status === 'fulfilled' ? r.value : r.reason.code + ': ' + r.reason.message)""", DISPOSITION)
    assert result == ["OPERATOR_ERROR: DISPOSITION_CALL: UC_DispositionCall: slow one failed", {"confirmed": True}]


def test_a_refusal_without_an_error_still_settles(parent, other_origin, server):
    # A parent (not this bridge) that answers ok: false and nothing else, on the channel and
    # on the window: the SDK's promises settle instead of throwing in its message handler.
    parent.evaluate("""(frameOrigin) => addEventListener('message', (event) => {
        if (event.origin !== frameOrigin) return;
        const data = event.data;
        if (data.agentBridge === 'hello') {
            const port = event.ports[0];
            port.onmessage = (e) => port.postMessage({t: 'result', id: e.data.id, ok: false});
            port.postMessage({t: 'welcome', version: 2, capabilities: ['dial'], events: false});
        } else {
            event.source.postMessage({action: data.action + '_RESULT', ok: false, agentBridgeId: data.agentBridgeId}, frameOrigin);
        }
    })""", other_origin)
    widget = sdk_frame(parent, other_origin, server)
    connect(widget, callTimeout=3000)
    settled = """(promise) => Promise.race([promise.then(() => 'resolved', (e) => e.code),
        new Promise((resolve) => setTimeout(() => resolve('still pending'), 2000))])"""
    assert widget.evaluate(f"({settled})(conn.dial('0800123456'))") == "PROTOCOL_ERROR"
    assert widget.evaluate(f"({settled})(conn.closeTab())") == "PROTOCOL_ERROR"


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
    widget.evaluate("() => { window.beforeReload = true; location.reload(); }")
    widget = parent.frame(name="widget")
    widget.wait_for_function("window.AgentBridgeFrame !== undefined && !window.beforeReload")
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
