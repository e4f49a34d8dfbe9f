"""Helpers and constants of the browser tests (a module of its own: test modules import it by
name, and "conftest" would be whichever conftest.py pytest loaded last)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
# The demo server's SSO secret in these tests: searched for in everything the browser gets.
DEMO_SECRET = "demo-sso-secret-that-never-reaches-a-browser-7f3a"
# The demo server's OAuth client secret at the UCS REST API (its fake): searched for likewise.
DEMO_UCS_SECRET = "demo-ucs-client-secret-that-stays-on-the-server-2b8e"


def settle(page, expression: str):
    """Await a promise-returning expression on the page.

    Returns ``{"ok": True, "value": ...}`` or ``{"ok": False, "code", "message", "name"}``.
    """
    return page.evaluate(
        """async (source) => {
            try { return {ok: true, value: await (0, eval)(source)}; }
            catch (e) { return {ok: false, code: e.code, message: e.message, name: e.name}; }
        }""",
        expression,
    )


def sign_in(page):
    """Walk the component from CREDENTIALS to READY through the bridge, as a CRM would."""
    page.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    assert settle(page, "bridge.login('agent', 'demo')")["ok"]
    page.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
    assert settle(page, "bridge.selectIdentifier('SIP/1001')")["ok"]
    page.wait_for_function("bridge.snapshot.state === 'DEVICE'")
    assert settle(page, "bridge.provision()")["ok"]
    page.wait_for_function("bridge.snapshot.state === 'READY' && bridge.snapshot.status !== null")


DISPOSITION = {"campaign": "CampanaTest", "callerid": "123456Test", "guid": "GUID", "l1": "nivel1",
               "l2": "nivel2", "l3": "nivel3", "d1": "data1", "d2": "data2", "comment": "ComentarioTest",
               "schedule": "2019-05-04 15:55:55"}


def start_with_simulator(page, config: str = "{}", simulator: str = ""):
    """Start the bridge (``config`` as JS) with the simulator wired to it (extra install
    options as JS object members), and wait until the component shows its login."""
    page.evaluate(f"""async () => {{
        window.bridge = AgentBridge.start({config});
        window.sim = UcsSimulator.install({{callbacks: bridge.callbacks, {simulator}}});
        await bridge.ready;
    }}""")
    page.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")


def start_with_frames(page, frames, extra=""):
    """Start the bridge and the simulator on the parent page with the given frames config (JS)."""
    start_with_simulator(page, f"{{frames: {frames} {extra}}}")


def add_frame(page, url, name="form", sandbox=None):
    page.evaluate("""([url, name, sandbox]) => new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.name = name;
        if (sandbox !== null) frame.setAttribute('sandbox', sandbox);
        frame.onload = () => resolve();
        frame.src = url;
        document.body.append(frame);
    })""", [url, name, sandbox])
    return page.frame(name=name)


def serve_web_modules(page, server):
    """Let ``page`` (on ``server``) import the page shim's own ES modules from /web/page/, as
    esbuild bundles them (constants.js from the last build)."""
    def serve(route):
        path = ROOT / route.request.url[len(server) + 1:].split("?")[0]
        route.fulfill(path=str(path), content_type="text/javascript")
    page.route(f"{server}/web/page/*.js", serve)


def spy_on_the_worker(page):
    """Record in ``window.crossed`` every message the page posts to a worker (the runtime's),
    before the bridge starts; and give the page a closeActiveTab() that does nothing."""
    page.evaluate("""() => {
        window.crossed = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
            crossed.push(typeof message === 'string' ? JSON.parse(message) : message);
            return post.call(this, message, ...rest);
        };
        window.closeActiveTab = () => {};
    }""")


def record_responses(page):
    """Every response the browser receives for this page, its workers included: (url, headers, body)."""
    seen = []

    def keep(response):
        try:
            body = response.body()
        except Exception:  # redirects have no body; dist/'s biggest outgrow the inspector's cache
            if not (300 <= response.status < 400 or "/dist/" in response.url):
                raise
            body = b""  # dist/ is searched on disk (test_dist_holds_no_secret)
        seen.append((response.url, response.all_headers(), body))

    page.context.on("response", keep)
    return seen


def sign_in_to_the_crm(page, demo_origin, path, password="crm"):
    """Open the demo's CRM page at ``path`` and sign in to the CRM from it (it comes back)."""
    page.goto(f"{demo_origin}{path}")
    page.get_by_test_id("crm-sign-in-link").click()
    page.get_by_test_id("crm-password").fill(password)
    page.get_by_test_id("crm-sign-in").click()


def assert_nowhere_in_the_browser(page, responses, secrets):
    """None of ``secrets`` is in a recorded response (body or header), the page or its storage."""
    for url, headers, body in responses:
        for secret in secrets:
            assert secret.encode() not in body, url
            assert all(secret not in value for value in headers.values()), url
    page_text = page.content() + page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert all(secret not in page_text for secret in secrets)
