"""A front-end project that installed the tarball (offline, from the file) type-checks an import
of both entries with `tsc --strict`, and a wrong argument type is refused."""

import json
import re
import subprocess
from pathlib import Path

import pytest

TSC = Path(__file__).resolve().parents[4] / "node_modules" / ".bin" / "tsc"

USAGE = """\
import AgentBridge, { type Bridge, type ErrorCode } from "agent-bridge";
import AgentBridgeFrame, { type Connection } from "agent-bridge/frame";

// The page: the bundler moved the module, so the shim is told where the folder is served.
const bridge: Bridge = AgentBridge.start({ baseUrl: "/static/agent-bridge/", callTimeout: 5000 });
const fromWindow: typeof AgentBridge = window.AgentBridge;

async function page(): Promise<void> {
  await bridge.ready;
  await bridge.dial("0800123456", "directCall");
  bridge.on("error", ({ code }) => { const known: ErrorCode = code; void known; });
}

// A form in an iframe.
async function form(): Promise<void> {
  const conn: Connection = await AgentBridgeFrame.connect({ parentOrigin: "https://crm.example.com", timeout: 2000 });
  await conn.dial("0800123456", 2);
  const codes: readonly ErrorCode[] = AgentBridgeFrame.codes;
  void codes;
}

void fromWindow, page, form;
"""

# Each must fail where it says, for the reason it says (not, say, because the module was not found).
MISUSE = {
    "page": ('import AgentBridge from "agent-bridge";\n'
             'AgentBridge.start({ callTimeout: "5 s" });\n',
             "Type 'string' is not assignable to type 'number'"),
    "frame": ('import AgentBridgeFrame from "agent-bridge/frame";\n'
              'void AgentBridgeFrame.connect({ parentOrigin: 443 });\n',
              "Type 'number' is not assignable to type 'string'"),
}


def tsc(project: Path, source: str, resolution: str) -> subprocess.CompletedProcess:
    (project / "use.ts").write_text(source)
    module = "nodenext" if resolution == "nodenext" else "esnext"
    # No path mapping, no typeRoots: the types come from node_modules/agent-bridge's exports only.
    (project / "tsconfig.json").write_text(json.dumps({"compilerOptions": {
        "strict": True, "noEmit": True, "target": "es2022", "lib": ["es2022", "dom"], "types": [],
        "module": module, "moduleResolution": resolution, "skipLibCheck": False}, "files": ["use.ts"]}))
    return subprocess.run([str(TSC), "-p", ".", "--listFiles"], cwd=project, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("resolution", ["nodenext", "bundler"])
def test_both_entries_type_check(npm_project, resolution):
    result = tsc(npm_project, USAGE, resolution)
    assert result.returncode == 0, result.stdout + result.stderr
    read = {Path(line).resolve() for line in result.stdout.splitlines() if line.endswith(".d.ts")}
    package = (npm_project / "node_modules" / "agent-bridge").resolve()
    assert {package / "agent-bridge.d.ts", package / "agent-bridge-frame.d.ts"} <= read


@pytest.mark.parametrize("entry", sorted(MISUSE))
def test_a_wrong_argument_type_is_refused(npm_project, entry):
    source, message = MISUSE[entry]
    result = tsc(npm_project, source, "nodenext")
    errors = [line for line in result.stdout.splitlines() if re.match(r"use\.ts\(\d+,\d+\): error", line)]
    assert result.returncode != 0
    assert len(errors) == 1 and errors[0].startswith("use.ts(2,") and message in errors[0], result.stdout
