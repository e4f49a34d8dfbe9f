"""dist/agent-bridge.d.ts and dist/agent-bridge-frame.d.ts compile, accept what a CRM developer
writes in the page and in a frame, and refuse misuse."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TSC = ROOT / "node_modules" / ".bin" / "tsc"


@pytest.mark.parametrize("declarations, usage", [
    ("agent-bridge.d.ts", "tests/types/usage.ts"),
    ("agent-bridge-frame.d.ts", "tests/types/frame-usage.ts"),
])
def test_declarations_type_check_real_usage(declarations, usage):
    if not (ROOT / "dist" / declarations).exists():
        pytest.fail("dist/ is not built: run `make test` (or `python build.py` first)")
    if not TSC.exists():
        pytest.fail("TypeScript is not installed: run `make test` (it runs `npm ci`)")
    result = subprocess.run(
        [str(TSC), "--noEmit", "--strict", "--target", "es2022", "--module", "es2022",
         "--moduleResolution", "bundler", "--lib", "es2022,dom", usage],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
