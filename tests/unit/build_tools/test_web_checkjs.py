"""The JavaScript in web/ is plain JavaScript that TypeScript can read: `tsc -p web` type-checks
the page shim's and the frame SDK's modules and the runtime (with the constants build.py wrote)."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def test_web_javascript_type_checks():
    if not TSC.exists():
        pytest.fail("TypeScript is not installed: run `make test` (it runs `npm ci`)")
    missing = [p for p in ("page", "frame") if not (ROOT / "web" / p / "constants.js").exists()]
    if missing:
        pytest.fail(f"web/{missing[0]}/constants.js is written by the build: run `make test` (or `python build.py`)")
    result = subprocess.run([str(TSC), "-p", "web"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_constants_are_generated():
    # No templates: every other .js file in web/ is source that linters and tsc read as it is.
    assert sorted((ROOT / "web").rglob("*.j2")) == [ROOT / "web" / name for name in (
        "agent-bridge-frame.d.ts.j2", "agent-bridge.d.ts.j2", "shared-types.d.ts.j2")]
    ignored = subprocess.run(["git", "check-ignore", "web/page/constants.js", "web/frame/constants.js"],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert ignored == ["web/page/constants.js", "web/frame/constants.js"]
