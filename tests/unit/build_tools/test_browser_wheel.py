"""The wheel in dist/ is the browser's subset of the package: what the runtime imports, no tooling."""

import ast
import base64
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

DIST = Path(__file__).resolve().parents[3] / "dist"


@pytest.fixture(scope="module")
def wheel():
    wheels = list(DIST.glob("*.whl"))
    if len(wheels) != 1:
        pytest.fail("dist/ is not built: run `make test` (or `python build.py` first)")
    with zipfile.ZipFile(wheels[0]) as archive:
        yield {info.filename: archive.read(info) for info in archive.infolist()}


def test_everything_the_runtime_imports_is_in(wheel):
    listed = subprocess.run(
        [sys.executable, "-c", "import bridge.component.wire, sys; print(' '.join(m for m in sys.modules if m.split('.')[0] == 'bridge'))"],
        check=True, capture_output=True, text=True).stdout.split()
    for module in listed:
        path = module.replace(".", "/")
        assert f"{path}.py" in wheel or f"{path}/__init__.py" in wheel, module


def test_tooling_the_browser_never_runs_is_left_out(wheel):
    names = set(wheel)
    for left_out in ("bridge/testing/simulator/ucs-simulator.js", "bridge/testing/plugin.py", "bridge/dev/server.py",
                     "bridge/build/codegen.py", "bridge/sso/endpoint.py", "bridge/build/snapshot_file.py", "bridge/__main__.py"):
        assert left_out not in names
    assert not any(name.endswith("entry_points.txt") for name in names)
    metadata = next(data for name, data in wheel.items() if name.endswith("METADATA"))
    assert b"Name: agent-bridge" in metadata and b"# agent-bridge" not in metadata  # no README body


def test_the_rest_clients_are_in_without_httpx2(wheel):
    # Pyodide has no httpx2: the clients go to the browser with their pure core and pyfetch only.
    names = set(wheel)
    for kept in ("bridge/clients/__init__.py", "bridge/clients/flow.py", "bridge/clients/transports/pyfetch.py",
                 "bridge/clients/ucs/client.py"):
        assert kept in names
    importing = [name for name, data in wheel.items() if name.endswith(".py") and "httpx2" in imported(data)]
    assert importing == []


def test_the_clients_command_lines_stay_on_the_server(wheel):
    # A terminal's code (argparse commands, the CSV sync) is never a page's.
    assert [name for name in wheel if name.endswith(("/cli.py", "/cli_support.py", "/ucs/sync.py"))] == []


def test_every_command_line_of_the_sources_is_excluded_from_the_browser_wheel():
    # From the sources, not dist/: a client's cli.py added without its BROWSER_EXCLUDED entry
    # (udesk/cli.py) fails here before the next build puts it in the wheel.
    sys.path.insert(0, str(DIST.parent))
    try:
        import build
    finally:
        sys.path.remove(str(DIST.parent))
    commands = sorted(path.relative_to(DIST.parent).as_posix() for path in (DIST.parent / "bridge/clients").rglob("cli.py"))
    assert "bridge/clients/udesk/cli.py" in commands and "bridge/clients/xuc/cli.py" in commands
    assert [name for name in commands if build.in_browser_wheel(name)] == []
    assert build.in_browser_wheel("bridge/clients/udesk/client.py")


def test_the_xuc_event_receiver_stays_on_the_server_and_the_xuc_client_goes(wheel):
    # A CTI agent's own token may live in the worker: the client goes; the receiver (a WSGI app
    # with a worker thread) is the CRM's server's.
    assert "bridge/clients/xuc/client.py" in wheel and "bridge/clients/xuc/events.py" not in wheel


def test_the_udesk_event_receiver_and_the_shared_machinery_stay_on_the_server(wheel):
    # Udesk's subscription receiver and the webhook machinery under both receivers are WSGI apps
    # with a worker thread, as XUC's is: the CRM's server's, never a page's.
    assert "bridge/clients/udesk/api.py" in wheel
    assert "bridge/clients/udesk/events.py" not in wheel and "bridge/clients/webhooks.py" not in wheel


def imported(source: bytes) -> set[str]:
    """The top-level packages a module's source imports, anywhere in it (functions too)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_record_matches_the_files(wheel):
    record_name = next(name for name in wheel if name.endswith(".dist-info/RECORD"))
    rows = [line.split(",") for line in wheel[record_name].decode().splitlines()]
    assert {row[0] for row in rows} == set(wheel)
    for name, digest, size in rows:
        if name == record_name:
            assert digest == size == ""
            continue
        data = wheel[name]
        assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert int(size) == len(data)
