"""Browser test fixtures: dist/, the demo and the test pages served on loopback."""

import pytest
from browser_helpers import DEMO_SECRET, DEMO_UCS_SECRET, DIST, ROOT

from bridge.dev.server import start_server
from bridge.testing import simulator_app
from bridge.testing.fakes.ucs import UcsFake
from demo.server import UCS_CLIENT_ID, start_demo

# Penpal's browser build (npm, pinned in package.json): another library in the same frames.
PENPAL = ROOT / "node_modules" / "penpal" / "dist"


@pytest.fixture(scope="session")
def server():
    if not (DIST / "agent-bridge.js").exists():
        pytest.fail("dist/ is not built: run `make test` (or `python build.py` first)")
    srv = start_server({
        "/dist/": DIST,
        "/demo/": ROOT / "demo",
        "/demo/ucs-simulator.js": simulator_app,
        "/pages/": ROOT / "tests" / "browser" / "pages",
        "/penpal/": PENPAL,
    })
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def other_origin():
    """Pages served from a second origin (localhost on another port): the CRM's iframes."""
    srv = start_server({"/pages/": ROOT / "tests" / "browser" / "pages", "/dist/": DIST,
                        "/forms/": ROOT / "demo" / "forms", "/penpal/": PENPAL})
    yield f"http://localhost:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def demo_ucs():
    """The UCS REST fake the demo server writes its call records into and reads through its
    client (OAuth client secret DEMO_UCS_SECRET)."""
    return UcsFake(client_id=UCS_CLIENT_ID, client_secret=DEMO_UCS_SECRET)


@pytest.fixture(scope="session")
def demo_origins(server, demo_ucs):
    """The demo as `make demo` serves it (demo/server.py): the CRM origin (the CRM page, dist/,
    the CRM's sign-in and token endpoint and call API, and the UCS server's stand-in, holding
    DEMO_SECRET) and the disposition form's origin, each told the other's. Their two origins."""
    servers = start_demo(DIST, form_port=0, secret=DEMO_SECRET, ucs_fake=demo_ucs, ucs_secret=DEMO_UCS_SECRET)
    yield tuple(f"http://127.0.0.1:{srv.server_address[1]}" for srv in servers)
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="session")
def demo_origin(demo_origins):
    return demo_origins[0]


@pytest.fixture(scope="session")
def demo_form_origin(demo_origins):
    """The one origin the demo page frames and trusts (its server says so, not the page's URL)."""
    return demo_origins[1]


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
def demo(page, demo_origin, errors):
    """The demo CRM page (nobody signed in to the CRM) with its bridge ready and the simulator installed."""
    page.goto(f"{demo_origin}/index.html")
    page.wait_for_function("window.bridge && window.bridge.version", timeout=60_000)
    return page
