"""Browser test fixtures: dist/, the demo and the test pages served on loopback."""

from pathlib import Path

import pytest

from bridge.devserver import start_server
from demo.server import demo_routes

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
# The demo server's SSO secret in these tests: searched for in everything the browser gets.
DEMO_SECRET = "demo-sso-secret-that-never-reaches-a-browser-7f3a"


@pytest.fixture(scope="session")
def server():
    if not (DIST / "agent-bridge.js").exists():
        pytest.fail("dist/ is not built: run `make test` (or `python build.py` first)")
    srv = start_server({
        "/dist/": DIST,
        "/demo/": ROOT / "demo",
        "/pages/": ROOT / "tests" / "browser" / "pages",
    })
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def other_origin():
    """Pages served from a second origin (localhost on another port): the CRM's iframes."""
    srv = start_server({"/pages/": ROOT / "tests" / "browser" / "pages", "/dist/": DIST,
                        "/forms/": ROOT / "demo" / "forms"})
    yield f"http://localhost:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def demo_origin(server):
    """The demo as `make demo` serves it (demo/server.py): the CRM page, dist/, the CRM's
    sign-in and token endpoint, and the UCS server's stand-in, holding DEMO_SECRET."""
    srv = start_server(demo_routes(DIST, secret=DEMO_SECRET))
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def errors(page):
    """Uncaught errors on the page; tests that expect none assert it is empty."""
    seen = []
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


@pytest.fixture
def blank(page, server, errors):
    """The bare test page: bridge script and simulator loaded, nothing started."""
    page.goto(f"{server}/pages/blank.html")
    return page


@pytest.fixture
def demo(page, demo_origin, other_origin, errors):
    """The demo CRM page (nobody signed in to the CRM) with its bridge ready and the simulator installed."""
    page.goto(f"{demo_origin}/index.html?forms={other_origin}")
    page.wait_for_function("window.bridge && window.bridge.version", timeout=60_000)
    return page


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
