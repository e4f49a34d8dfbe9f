"""Where Python runs and what the page downloads."""

from urllib.parse import urlsplit

from browser_helpers import settle, sign_in


def test_default_runtime_is_a_worker(blank, errors):
    result = blank.evaluate("""async () => {
        const bridge = AgentBridge.start({operator: () => ({notify: (t) => 'shown ' + t})});
        await bridge.ready;
        return {value: await bridge.notify('hi'), version: bridge.version};
    }""")
    assert result["value"] == "shown hi"
    assert result["version"]
    # Python runs in a dedicated worker started from a (checked) blob: URL.
    assert [w.url.startswith("blob:") for w in blank.workers] == [True]
    assert errors == []


def test_main_thread_runtime(page, server, errors):
    page.goto(f"{server}/demo/index.html?runtime=main")
    page.wait_for_function("window.bridge && bridge.version", timeout=60_000)
    sign_in(page)
    assert settle(page, "bridge.dial('0800123456')")["ok"]
    assert settle(page, "bridge.dial('nope')")["code"] == "INVALID_ARGUMENT"
    # The page's own fetch and wasm instantiation are its own again once the runtime is up.
    assert page.evaluate("window.fetch.toString()").find("[native code]") > 0
    assert page.evaluate("WebAssembly.instantiateStreaming.toString()").find("[native code]") > 0
    assert errors == []


def test_es_module_import(page, server, errors):
    page.goto(f"{server}/pages/module.html")
    page.wait_for_function("window.bridge")
    assert page.evaluate("window.sameExport") is True
    assert settle(page, "bridge.notify('x')") == {"ok": True, "value": "shown x"}
    assert errors == []


def test_everything_comes_from_the_dist_origin(blank, server, errors):
    requested = []
    blank.context.on("request", lambda request: requested.append(request.url))
    blank.evaluate("() => { window.bridge = AgentBridge.start({operator: () => ({notify() {}})}); }")
    assert settle(blank, "bridge.ready")["ok"]
    origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in requested if not u.startswith(("blob:", "data:"))}
    assert origins == {server}
    paths = {urlsplit(u).path for u in requested}
    assert {"/dist/runtime.mjs", "/dist/pyodide/pyodide.asm.wasm", "/dist/bridge-stdlib.zip",
            "/dist/bridge.snapshot"} <= paths
    # The snapshot has every module of the bridge imported: its wheel is for normal boots only.
    assert not any(p.endswith(".whl") for p in paths)
    assert errors == []


def test_callbacks_object_relays_any_on_name(blank):
    events = blank.evaluate("""async () => {
        const bridge = AgentBridge.start({operator: () => ({})});
        const seen = [];
        bridge.on('callback', (e) => seen.push(e.name));
        bridge.on('call', (e) => seen.push('call:' + e.change));
        bridge.callbacks.onConnect();
        bridge.callbacks.onVendorSpecific({uniqueid: '9.9', direction: 'INCOMING', state: 2, cause: -1, number: '1'});
        await bridge.ready;
        await new Promise((r) => setTimeout(r, 200));
        return {seen, known: Object.keys(bridge.callbacks), then: typeof bridge.callbacks.then};
    }""")
    assert events["seen"] == ["onConnect", "onVendorSpecific", "call:ringing"]
    assert {"onConnect", "onCredentials", "onReady"} <= set(events["known"])
    assert events["then"] == "undefined"  # not mistaken for a thenable
