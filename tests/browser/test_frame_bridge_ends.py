"""When the parent's bridge ends (destroyed, boot failed, runtime failed), frames are told at
once: queued messages are answered with the code, connected frames get a bye, and nothing of
theirs waits for a timeout."""

from browser_helpers import DISPOSITION, add_frame, sign_in, start_with_frames as start

SDK_CONNECT = """(options) => {
    window.connecting = AgentBridgeFrame.connect({parentOrigin, ...options})
        .then(() => 'connected', (e) => e.code + ': ' + e.message);
}"""


def booting(parent, other_origin, extra=""):
    """A bridge whose boot never ends (its stdlib is never served), frames allowed."""
    parent.context.route("**/bridge-stdlib.zip", lambda route: None)
    parent.evaluate("() => { window.closedTabs = 0; window.closeActiveTab = () => { closedTabs += 1; }; }")
    parent.evaluate(f"""() => {{ window.bridge = AgentBridge.start({{frames: [{{origin: '{other_origin}',
        allow: ['closeTab', 'dispositionCall']}}] {extra}}}); }}""")


def queue_from_frames(parent, other_origin, server):
    """A uContact form and an SDK frame whose messages wait in the booting bridge's queue."""
    form = add_frame(parent, f"{other_origin}/pages/form.html", "form")
    widget = add_frame(parent, f"{other_origin}/pages/sdk-form.html?parent={server}", "widget")
    form.evaluate("(d) => window.parent.postMessage({action: 'DISPOSITION_CALL', disposition: d}, '*')", DISPOSITION)
    widget.evaluate(SDK_CONNECT, {"timeout": 15_000})  # far longer than an answer takes
    parent.wait_for_function("bridge._queue.length >= 2")  # both are waiting, not dropped
    return form, widget


def test_destroy_answers_queued_frame_messages(blank, other_origin, server, errors):
    booting(blank, other_origin)
    form, widget = queue_from_frames(blank, other_origin, server)
    blank.evaluate("bridge.destroy()")
    form.wait_for_function("replies.length === 1")
    assert form.evaluate("replies[0].data") == {"action": "DISPOSITION_CALL_RESULT", "ok": False, "error": {
        "code": "DESTROYED", "message": "the bridge was destroyed"}}
    assert widget.evaluate("window.connecting") == "DESTROYED: the bridge was destroyed"
    assert blank.evaluate("closedTabs") == 0
    assert errors == []


def test_a_boot_failure_answers_queued_frame_messages(blank, other_origin, server):
    booting(blank, other_origin, ", bootTimeout: 3000")
    form, widget = queue_from_frames(blank, other_origin, server)
    assert widget.evaluate("window.connecting").startswith("BOOT_FAILED: the runtime did not start within 3000 ms")
    form.wait_for_function("replies.length === 1")
    assert form.evaluate("replies[0].data.error.code") == "BOOT_FAILED"


def test_a_runtime_failure_says_bye_and_the_next_hello_is_refused_with_the_reason(blank, other_origin, server, errors):
    start(blank, f"[{{origin: '{other_origin}', allow: ['dial']}}]")
    sign_in(blank)
    widget = add_frame(blank, f"{other_origin}/pages/sdk-form.html?parent={server}", "widget")
    widget.evaluate("""async () => { window.conn = await AgentBridgeFrame.connect({parentOrigin});
        for (const name of ['disconnected', 'error']) conn.on(name, (e) => seen.push([name, e.code])); }""")
    blank.evaluate("sim.hang('dial')")
    widget.evaluate("() => { window.pending = conn.dial('0800123456').then(() => 'ok', (e) => e.code); }")
    blank.wait_for_function("sim.log.some((e) => e.method === 'dial')")
    (worker,) = [w for w in blank.workers if w.url.startswith("blob:")]
    worker.evaluate("setTimeout(() => { throw new Error('the runtime broke'); }); 0")
    # Well before the SDK's callTimeout (10 s) and the runtime's (10 s).
    assert widget.evaluate("window.pending") == "RUNTIME_FAILED"
    # It says hello again; the failed bridge refuses it, and the frame is told.
    widget.wait_for_function("seen.length === 2", timeout=3000)
    assert widget.evaluate("seen") == [["disconnected", "RUNTIME_FAILED"], ["error", "RUNTIME_FAILED"]]
    assert widget.evaluate("conn.connected") is False
