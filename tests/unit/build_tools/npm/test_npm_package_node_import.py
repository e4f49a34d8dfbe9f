"""Node resolves the installed package's entries by its exports and gets what each script defines:
the ES module entries really run their classic scripts."""

import json
import shutil
import subprocess

from bridge import __version__

SCRIPT = """
const page = await import("agent-bridge");
const frame = await import("agent-bridge/frame");
console.log(JSON.stringify({
  page: [typeof page.default.start, page.default.version, page.AgentBridge === page.default],
  frame: [typeof frame.default.connect, frame.default.version, frame.AgentBridgeFrame === frame.default],
  base: page.default.defaultBaseUrl,
  runtime: import.meta.resolve("agent-bridge/runtime.mjs"),
  scripts: [import.meta.resolve("agent-bridge/script"), import.meta.resolve("agent-bridge/frame/script")],
}));
"""


def test_both_entries_run_and_point_at_the_package(npm_project):
    result = subprocess.run([shutil.which("node"), "--input-type=module", "-e", SCRIPT], cwd=npm_project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    package = (npm_project / "node_modules" / "agent-bridge").resolve().as_uri() + "/"
    assert seen["page"] == ["function", __version__, True]
    assert seen["frame"] == ["function", __version__, True]
    # agent-bridge.mjs tells the shim its folder: the package's, where runtime.mjs and pyodide/ are.
    assert seen["base"] == package
    assert seen["runtime"] == package + "runtime.mjs"
    # The classic scripts by name, for a <script src>: the files the ES modules run.
    assert seen["scripts"] == [package + "agent-bridge.js", package + "agent-bridge-frame.js"]
