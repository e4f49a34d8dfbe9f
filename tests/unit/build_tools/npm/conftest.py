"""The npm package written from the repository's built dist/ (never rebuilt here: Pyodide is not
downloaded), and a scratch project that installed it from the file, with no network."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from bridge import __version__
from bridge.build.npm_package import write_npm_package

ROOT = Path(__file__).resolve().parents[4]
DIST = ROOT / "dist"
TSC = ROOT / "node_modules" / ".bin" / "tsc"


@pytest.fixture(scope="session")
def npm_tarball(tmp_path_factory) -> Path:
    if not (DIST / "agent-bridge-frame.mjs").exists():
        pytest.fail("dist/ is not built (or predates agent-bridge-frame.mjs): run `make test` (or `python build.py`)")
    return write_npm_package(DIST, tmp_path_factory.mktemp("packages"), __version__)


@pytest.fixture(scope="session")
def npm_members(npm_tarball) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(npm_tarball) as tar:
        return {info.name: info for info in tar.getmembers()}


@pytest.fixture(scope="session")
def npm_package_json(npm_tarball) -> dict:
    with tarfile.open(npm_tarball) as tar:
        return json.load(tar.extractfile("package/package.json"))


@pytest.fixture(scope="session")
def npm_project(npm_tarball, tmp_path_factory) -> Path:
    """A front-end project that ran `npm install <tarball>` offline, with a cache of its own."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not on the PATH (Node ships it; `make test` needs it too)")
    if not TSC.exists():
        pytest.fail("TypeScript is not installed: run `make test` (it runs `npm ci`)")
    project = tmp_path_factory.mktemp("crm-frontend")
    (project / "package.json").write_text(json.dumps({"name": "crm-frontend", "private": True, "type": "module"}))
    # --offline: the tarball has no dependencies, so nothing may be fetched; a registry that
    # points nowhere makes sure of it.
    env = {**os.environ, "npm_config_registry": "http://127.0.0.1:9/", "npm_config_update_notifier": "false"}
    result = subprocess.run(
        [npm, "install", str(npm_tarball), "--offline", "--no-audit", "--no-fund", "--ignore-scripts",
         "--no-package-lock", "--cache", str(tmp_path_factory.mktemp("npm-cache"))],
        cwd=project, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return project
