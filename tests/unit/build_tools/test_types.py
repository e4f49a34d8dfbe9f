"""dist/agent-bridge.d.ts compiles, accepts what a CRM developer writes, refuses misuse."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TSC = ROOT / "node_modules" / ".bin" / "tsc"


@pytest.mark.skipif(not (ROOT / "dist" / "agent-bridge.d.ts").exists(), reason="dist/ not built")
def test_declarations_type_check_real_usage():
    if not TSC.exists():
        pytest.fail("TypeScript is not installed: run `make test` (it runs `npm ci`)")
    result = subprocess.run(
        [str(TSC), "--noEmit", "--strict", "--target", "es2022", "--module", "es2022",
         "--moduleResolution", "bundler", "--lib", "es2022,dom", "tests/types/usage.ts"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
