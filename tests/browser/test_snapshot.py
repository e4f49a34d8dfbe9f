"""The memory snapshot: the bridge restores it, and boots normally when Pyodide refuses it."""

import base64
import hashlib
import shutil

import pytest
from browser_helpers import DIST, ROOT, settle, start_with_simulator

from bridge.devserver import start_server
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
    for copy in dist.glob(SNAPSHOT + ".*"):
        copy.unlink()  # no precompressed copies of the original
    data = bytearray((dist / SNAPSHOT).read_bytes())
    original = sri(bytes(data))
    data[16] ^= 0xFF  # the first byte of the build id (after magic, offset, length, 0)
    (dist / SNAPSHOT).write_bytes(bytes(data))
    shim = (dist / "agent-bridge.js").read_text()
    assert shim.count(original) == 1
    (dist / "agent-bridge.js").write_text(shim.replace(original, sri(bytes(data))))
    for copy in dist.glob("agent-bridge.js.*"):
        if copy.suffix in (".br", ".gz"):
            copy.unlink()
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


def test_a_snapshot_of_another_build_is_refused_and_the_bridge_still_starts(page, foreign_snapshot_origin, errors):
    console = console_of(page)
    page.goto(f"{foreign_snapshot_origin}/pages/blank.html")
    start_with_simulator(page)
    assert settle(page, "bridge.login('agent', 'demo')")["ok"]
    page.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
    refused = [text for text in console if "memory snapshot refused" in text]
    assert refused and "build id mismatch" in refused[0].lower()
    assert errors == []
