"""The memory snapshot: the bridge restores it, and boots normally when Pyodide refuses it."""

import base64
import hashlib
import shutil
from urllib.parse import urlsplit

import pytest
from browser_helpers import DIST, ROOT, settle, start_with_simulator

from bridge.dev.server import start_server
from bridge.build.snapshot_file import pack_snapshot, unpack_snapshot
from bridge.testing import simulator_app

SNAPSHOT = "bridge.snapshot"


def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


@pytest.fixture(scope="module")
def foreign_snapshot_origin(tmp_path_factory):
    """dist/ with the snapshot of "another build": its build id changed, its hash in the shim
    updated to match, so only Pyodide's own check can refuse it."""
    dist = tmp_path_factory.mktemp("foreign") / "dist"
    shutil.copytree(DIST, dist)
    packed = (dist / SNAPSHOT).read_bytes()
    snapshot = bytearray(unpack_snapshot(packed))
    snapshot[16] ^= 0xFF  # the first byte of the build id (after magic, offset, length, 0)
    foreign = pack_snapshot(bytes(snapshot))
    (dist / SNAPSHOT).write_bytes(foreign)
    replace_hash(dist, sri(packed), sri(foreign))
    yield from serve(dist)


def replace_hash(dist, old, new):
    """Put ``new`` where the shim in ``dist`` has ``old``; its precompressed copies go."""
    shim = (dist / "agent-bridge.js").read_text()
    assert shim.count(old) == 1
    (dist / "agent-bridge.js").write_text(shim.replace(old, new))
    for copy in dist.glob("agent-bridge.js.*"):
        if copy.suffix in (".br", ".gz"):
            copy.unlink()


def serve(dist):
    server = start_server({"/dist/": dist, "/demo/ucs-simulator.js": simulator_app,
                           "/pages/": ROOT / "tests" / "browser" / "pages"})
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def console_of(page):
    seen = []
    page.on("console", lambda message: seen.append(message.text))
    return seen


def test_the_build_has_a_snapshot_the_shim_checks():
    assert (DIST / SNAPSHOT).stat().st_size > 1_000_000
    assert sri((DIST / SNAPSHOT).read_bytes()) in (DIST / "agent-bridge.js").read_text()


def test_the_bridge_restores_the_snapshot(page, server, errors):
    console = console_of(page)
    with page.expect_request(f"{server}/dist/{SNAPSHOT}"):
        page.goto(f"{server}/pages/blank.html")
        start_with_simulator(page)
    assert settle(page, "bridge.notify('restored')")["ok"]
    assert not any("snapshot refused" in text for text in console)
    assert errors == []


def requests_of(page):
    paths = []
    page.context.on("request", lambda request: paths.append(urlsplit(request.url).path))
    return paths


def test_a_snapshot_of_another_build_is_refused_and_the_bridge_still_starts(page, foreign_snapshot_origin, errors):
    console = console_of(page)
    requested = requests_of(page)
    page.goto(f"{foreign_snapshot_origin}/pages/blank.html")
    start_with_simulator(page)
    assert settle(page, "bridge.login('agent', 'demo')")["ok"]
    page.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
    refused = [text for text in console if "memory snapshot refused" in text]
    assert refused and "build id mismatch" in refused[0].lower()
    # The normal boot installs the bridge from its wheel, on the same trimmed stdlib.
    assert any(path.endswith("-py3-none-any.whl") for path in requested)
    assert errors == []


def test_a_snapshot_that_fails_its_integrity_check_fails_the_boot(page, server, errors):
    """Not a fallback: a file that is not the build's own means the server is not to be trusted."""
    def tamper(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.body() + b"\x00")
    page.context.route(f"**/{SNAPSHOT}", tamper)
    page.goto(f"{server}/pages/blank.html")
    page.evaluate("window.bridge = AgentBridge.start({operator: () => ({notify: () => 1})})")
    result = settle(page, "bridge.ready")
    assert result["code"] == "BOOT_FAILED"
    assert SNAPSHOT in result["message"] and "integrity mismatch" in result["message"]
    assert errors == []


def test_without_decompression_stream_the_bridge_boots_normally(page, server, errors):
    """Browsers before Firefox 113 and Safari 16.4: no snapshot, a normal boot, a warning."""
    console = console_of(page)
    requested = requests_of(page)
    page.goto(f"{server}/pages/blank.html")
    # runtime "main": the runtime runs in the page's realm, where the test can take the API away.
    page.evaluate("delete window.DecompressionStream")
    start_with_simulator(page, "{runtime: 'main'}")
    assert settle(page, "bridge.notify('booted')")["ok"]
    assert any("snapshot unusable (no DecompressionStream)" in text for text in console)
    assert f"/dist/{SNAPSHOT}" not in requested
    assert any(path.endswith("-py3-none-any.whl") for path in requested)
    assert errors == []
