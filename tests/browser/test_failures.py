"""What a CRM developer meets when things go wrong: every call settles, with a stable code."""

import pytest

from browser_helpers import settle, sign_in


def start(page, config="{}", component=False):
    page.evaluate(f"""() => {{
        window.bridge = AgentBridge.start({config});
        window.errorEvents = [];
        bridge.on('error', (e) => errorEvents.push(e));
        {"window.sim = UcsSimulator.install({callbacks: bridge.callbacks});" if component else ""}
    }}""")


def test_wrong_state_is_refused_before_the_component(demo, errors):
    demo.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    result = settle(demo, "bridge.dial('0800123456')")
    assert result["code"] == "INVALID_STATE"
    assert "component state CREDENTIALS" in result["message"] and "allowed in: READY" in result["message"]
    assert result["name"] == "AgentBridgeError"
    assert demo.evaluate("sim.log.filter((e) => e.method === 'dial').length") == 0
    assert errors == []


@pytest.mark.parametrize("expression, words", [
    ("bridge.dial()", "number is required"),
    ("bridge.dial('not a number')", "must be a phone number"),
    ("bridge.dial('0800', 'somewhere')", 'must be integer or "directCall" or "undefined"'),
    ("bridge.changeStatus('BUSY')", "must be one of OFFLINE, READY, AUX, ACW"),
    ("bridge.suspend('5')", "queue must be an integer"),
    ("bridge.dial('0800', 1, 1, JSON.parse('{\"__proto__\": {\"polluted\": true}}'))", "__proto__"),
    ("bridge.dial('0800', 1, 1, {f: () => 1})", "argument 4 is not plain JSON data"),
    ("bridge.dial('0800', 1, 1, {x: document.body})", "argument 4 is not plain JSON data"),
    ("bridge.dial('0800', 1, 1, {when: new Date()})", "argument 4 is not plain JSON data"),
    ("bridge.dial('0800', NaN)", "argument 2 is not plain JSON data"),
    ("bridge.answer(1)", "takes at most 0 arguments"),
])
def test_bad_arguments_never_reach_the_component(demo, errors, expression, words):
    sign_in(demo)
    before = demo.evaluate("sim.log.length")
    result = settle(demo, expression)
    assert result["code"] == "INVALID_ARGUMENT", result
    assert words in result["message"]
    assert demo.evaluate("sim.log.length") == before
    assert errors == []


def test_component_missing(page, server, errors):
    page.goto(f"{server}/demo/index.html?component=none")
    result = settle(page, "bridge.notify('hello')")
    assert result["code"] == "OPERATOR_MISSING"
    assert "window.ucsOperator is not there" in result["message"]
    assert errors == []


def test_component_disappears_or_lacks_a_method(demo):
    sign_in(demo)
    demo.evaluate("delete window.ucsOperator.setTheme")
    result = settle(demo, "bridge.setTheme('dark')")
    assert result["code"] == "OPERATOR_MISSING" and "no method setTheme" in result["message"]
    demo.evaluate("sim.remove()")
    assert settle(demo, "bridge.dial('0800123456')")["code"] == "OPERATOR_MISSING"


def test_component_throwing_keeps_its_message(demo, errors):
    sign_in(demo)
    demo.evaluate("sim.failNext('dial', 'Line is busy')")
    result = settle(demo, "bridge.dial('0800123456')")
    assert result["code"] == "OPERATOR_ERROR"
    assert "Line is busy" in result["message"]
    # The next call goes through again.
    assert settle(demo, "bridge.dial('0800123456')")["ok"]
    assert errors == []


def test_component_rejecting_keeps_its_message(demo):
    demo.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    result = settle(demo, "bridge.login('agent', 'wrong')")
    assert result["code"] == "OPERATOR_ERROR" and "Bad password" in result["message"]


def test_a_call_the_component_never_answers_times_out(page, server):
    page.goto(f"{server}/demo/index.html?callTimeout=400")
    page.wait_for_function("window.bridge && bridge.version")
    sign_in(page)
    page.evaluate("sim.hang('dial')")
    result = settle(page, "bridge.dial('0800123456')")
    assert result["code"] == "TIMEOUT" and "400 ms" in result["message"]


def test_500_calls_before_ready_all_resolve_in_order(blank, errors):
    order = blank.evaluate("""async () => {
        const bridge = AgentBridge.start();
        window.sim = UcsSimulator.install({callbacks: bridge.callbacks});
        const done = [];
        const calls = [];
        for (let i = 0; i < 500; i++) calls.push(bridge.notify('n' + i).then(() => done.push(i)));
        const versionBefore = bridge.version;  // set when the runtime is ready
        await Promise.all(calls);
        return {done, notReadyBefore: versionBefore === undefined, titles: sim.notifications.map((n) => n.title)};
    }""")
    assert order["notReadyBefore"] is True
    assert order["done"] == list(range(500))
    assert order["titles"] == [f"n{i}" for i in range(500)]
    assert errors == []


def test_queue_overflow_rejects_at_once(blank):
    result = blank.evaluate("""async () => {
        const bridge = AgentBridge.start({queueLimit: 3});
        UcsSimulator.install({callbacks: bridge.callbacks});
        const results = await Promise.allSettled([1, 2, 3, 4].map((i) => bridge.notify('n' + i)));
        return results.map((r) => r.status === 'fulfilled' ? 'ok' : r.reason.code);
    }""")
    assert result == ["ok", "ok", "ok", "QUEUE_FULL"]


def test_destroy_rejects_queued_and_pending_calls(blank, errors):
    result = blank.evaluate("""async () => {
        const bridge = AgentBridge.start();
        const queued = bridge.notify('queued');
        bridge.destroy();
        const after = bridge.notify('after');
        const settled = await Promise.allSettled([queued, after, bridge.ready]);
        return settled.map((r) => r.reason && r.reason.code);
    }""")
    assert result == ["DESTROYED", "DESTROYED", "DESTROYED"]
    assert errors == []


def test_destroy_while_the_component_works_on_a_call(demo):
    sign_in(demo)
    demo.evaluate("() => { sim.hang('dial'); window.pending = bridge.dial('0800123456').catch((e) => e.code); }")
    demo.wait_for_function("sim.log.some((e) => e.method === 'dial')")
    demo.evaluate("bridge.destroy()")
    assert demo.evaluate("window.pending") == "DESTROYED"


def test_runtime_404_fails_the_boot_and_queued_calls(blank, errors):
    blank.context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    start(blank)
    result = settle(blank, "bridge.notify('queued')")
    assert result["code"] == "BOOT_FAILED"
    assert "pyodide.asm.wasm" in result["message"] and "404" in result["message"]
    assert blank.evaluate("errorEvents.map((e) => e.code)") == ["BOOT_FAILED"]
    assert settle(blank, "bridge.ready")["code"] == "BOOT_FAILED"
    assert settle(blank, "bridge.notify('later')")["code"] == "BOOT_FAILED"
    assert errors == []


def test_integrity_mismatch_fails_the_boot(blank, errors):
    def tamper(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.body() + b"\x00")
    blank.context.route("**/bridge-stdlib.zip", tamper)
    start(blank)
    result = settle(blank, "bridge.ready")
    assert result["code"] == "BOOT_FAILED"
    assert "bridge-stdlib.zip" in result["message"] and "integrity mismatch" in result["message"]
    assert errors == []


def test_page_whose_csp_forbids_wasm_fails_the_boot_at_once(page, server, errors):
    """A Content-Security-Policy without 'wasm-unsafe-eval': a clear BOOT_FAILED, not a boot
    that hangs until bootTimeout (Pyodide only logs a failed wasm instantiation)."""
    page.route(f"{server}/pages/csp.html", lambda route: route.fulfill(content_type="text/html", body=(
        "<!doctype html><meta http-equiv='Content-Security-Policy' content=\"default-src 'self' blob:\">"
        "<script src='/dist/agent-bridge.js'></script>")))
    page.goto(f"{server}/pages/csp.html")
    result = page.evaluate("""async () => {
        const bridge = AgentBridge.start({operator: () => ({}), bootTimeout: 60000});
        try { await bridge.ready; return {ok: true}; } catch (e) { return {code: e.code, message: e.message}; }
    }""")
    assert result["code"] == "BOOT_FAILED"
    assert "could not compile pyodide/pyodide.asm.wasm" in result["message"]
    assert "Content Security Policy" in result["message"]  # the browser's own explanation
    assert errors == []


def test_runtime_script_missing(blank, server):
    start(blank, "{baseUrl: '/nowhere/'}")
    result = settle(blank, "bridge.notify('x')")
    assert result["code"] == "BOOT_FAILED" and "runtime.mjs" in result["message"]


def test_workers_blocked(blank, errors):
    blank.evaluate("() => { window.Worker = function () { throw new DOMException('blocked by policy', 'SecurityError'); }; }")
    start(blank)
    result = settle(blank, "bridge.ready")
    assert result["code"] == "BOOT_FAILED"
    assert "could not start a Web Worker" in result["message"] and 'runtime: "main"' in result["message"]
    assert errors == []


def test_boot_that_never_finishes_times_out(blank, errors):
    blank.context.route("**/bridge-stdlib.zip", lambda route: None)  # never answered
    start(blank, "{bootTimeout: 1500}")
    result = settle(blank, "bridge.notify('queued')")
    assert result["code"] == "BOOT_FAILED" and "did not start within 1500 ms" in result["message"]
    assert blank.evaluate("errorEvents.map((e) => e.code)") == ["BOOT_FAILED"]
    assert errors == []


def test_operator_lookup_that_throws_counts_as_missing(blank):
    blank.evaluate("window.bridge = AgentBridge.start({operator: () => { throw new Error('frame gone'); }})")
    assert settle(blank, "bridge.notify('x')")["code"] == "OPERATOR_MISSING"


def test_a_throwing_listener_does_not_stop_the_others(demo):
    demo.evaluate("""() => { window.seen = [];
        bridge.on('call', () => { throw new Error('listener bug'); });
        bridge.on('call', (e) => seen.push(e.change)); }""")
    sign_in(demo)
    demo.evaluate("sim.ringIncoming({number: '0800123456'})")
    demo.wait_for_function("seen.includes('ringing')")


def test_worker_failing_after_ready_settles_everything(demo, errors):
    sign_in(demo)
    demo.evaluate("() => { sim.hang('dial'); window.pending = bridge.dial('0800123456').catch((e) => e.code); "
                  "window.errorEvents = []; bridge.on('error', (e) => errorEvents.push(e.code)); }")
    demo.wait_for_function("sim.log.some((e) => e.method === 'dial')")
    (worker,) = [w for w in demo.workers if w.url.startswith("blob:")]
    worker.evaluate("setTimeout(() => { throw new Error('the runtime broke'); }); 0")
    assert demo.evaluate("window.pending") == "RUNTIME_FAILED"
    assert demo.evaluate("errorEvents") == ["RUNTIME_FAILED"]
    result = settle(demo, "bridge.notify('after')")
    assert result["code"] == "RUNTIME_FAILED" and "the runtime broke" in result["message"]


def test_main_thread_runtime_failing_to_load(page, server, errors):
    page.context.route("**/bridge-stdlib.zip", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{server}/demo/index.html?runtime=main&component=none")
    result = settle(page, "bridge.ready")
    assert result["code"] == "BOOT_FAILED" and "bridge-stdlib.zip" in result["message"]
    # The page's fetch and wasm instantiation are its own again.
    assert "[native code]" in page.evaluate("window.fetch.toString()")
    assert "[native code]" in page.evaluate("WebAssembly.instantiateStreaming.toString()")
    assert errors == []
