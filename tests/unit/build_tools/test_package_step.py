"""build.py's package step: bridge/dist/ (the packaged browser build) never goes into the
browser's wheel, and --package rebuilds dist/ only when it is older than its sources.
(tests/packaging/ builds the wheel and sdist themselves and installs them.)"""

import importlib.util
import os
from pathlib import Path

import pytest

# build.py under a name of its own ("import build" could be PyPA's frontend).
_spec = importlib.util.spec_from_file_location("agent_bridge_build_py", Path(__file__).resolve().parents[3] / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def test_the_packaged_build_and_its_server_stay_out_of_the_browser_wheel():
    for name in ("bridge/dist/agent-bridge.js", "bridge/dist/pyodide/pyodide.asm.wasm.br",
                 "bridge/dist/agent_bridge-0.1.0-py3-none-any.whl", "bridge/dist/manifest.json",
                 "bridge/serving.py"):
        assert not build.in_browser_wheel(name), name
    assert build.in_browser_wheel("bridge/__init__.py")  # bridge.version goes


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    root = tmp_path / "checkout"
    for name in ("bridge/__init__.py", "web/page/index.js", "build.py", "pyproject.toml", "package-lock.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    monkeypatch.setattr(build, "ROOT", root)
    monkeypatch.setattr(build, "DIST", root / "dist")
    return root


def built(root, at: float):
    (root / "dist").mkdir()
    for name in ("agent-bridge.js", "manifest.json"):
        (root / "dist" / name).write_text("")
    os.utime(root / "dist" / "manifest.json", (at, at))


def age_everything(root, at: float):
    for path in root.rglob("*"):
        os.utime(path, (at, at))


def test_dist_is_current_until_a_source_is_newer(checkout):
    assert not build.dist_is_current()  # not built
    age_everything(checkout, 1_000)
    built(checkout, 2_000)
    assert build.dist_is_current()
    for source in ("web/page/index.js", "bridge/__init__.py", "build.py", "package-lock.json"):
        os.utime(checkout / source, (3_000, 3_000))
        assert not build.dist_is_current(), source
        os.utime(checkout / source, (1_000, 1_000))
    assert build.dist_is_current()


def test_caches_and_the_packaged_copy_do_not_count_as_sources(checkout):
    age_everything(checkout, 1_000)
    built(checkout, 2_000)
    for generated in ("bridge/__pycache__/x.pyc", "bridge/dist/agent-bridge.js"):
        (checkout / generated).parent.mkdir(parents=True, exist_ok=True)
        (checkout / generated).write_text("")
        os.utime(checkout / generated, (3_000, 3_000))
    assert build.dist_is_current()
