"""What --package puts in the wheel and sdist: dist/'s files as its manifest lists them, checked
first (a file changed after the build, or a build of another version, is refused with nothing
written), and bridge/'s files git tracks (an untracked bridge/.env never ships)."""

import importlib.util
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

import bridge

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("agent_bridge_build_py", ROOT / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@pytest.fixture
def dist(tmp_path, monkeypatch):
    if not (ROOT / "dist" / "manifest.json").is_file():
        pytest.fail("dist/ is not built: run python build.py (make test does)", pytrace=False)
    copy = tmp_path / "dist"
    shutil.copytree(ROOT / "dist", copy)
    monkeypatch.setattr(build, "DIST", copy)
    return copy


def test_only_the_listed_files_of_dist_are_packaged(dist, tmp_path):
    (dist / ".env").write_text("SECRET=1\n")
    (dist / "agent-bridge.js~").write_text("a backup")
    written = build.package(tmp_path / "out")
    version = bridge.__version__
    wheel = zipfile.ZipFile(tmp_path / "out" / f"agent_bridge-{version}-py3-none-any.whl").namelist()
    sdist = tarfile.open(tmp_path / "out" / f"agent_bridge-{version}.tar.gz").getnames()
    assert len(written) == 3
    assert "bridge/dist/agent-bridge.js" in wheel and "bridge/dist/manifest.json" in wheel
    for names in (wheel, [name.split("/", 1)[1] for name in sdist if "/" in name]):
        assert not [name for name in names if name.endswith((".env", "~"))]


@pytest.mark.parametrize("change", ["edited", "other version"])
def test_a_dist_that_is_not_as_built_writes_nothing(dist, tmp_path, monkeypatch, change):
    if change == "edited":
        (dist / "runtime.mjs").write_text("export const changed = true;")
    else:
        monkeypatch.setattr(bridge, "__version__", "9.9.9")  # dist/ was built as another version
    with pytest.raises(SystemExit) as refused:
        build.package(tmp_path / "out")
    assert "build:" in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_the_package_s_sources_are_the_files_git_tracks(tmp_path, monkeypatch):
    root = tmp_path / "checkout"
    (root / "bridge" / "__pycache__").mkdir(parents=True)
    (root / "bridge" / "__init__.py").write_text("")
    (root / "bridge" / ".env").write_text("SECRET=1\n")
    (root / "bridge" / "__pycache__" / "x.pyc").write_bytes(b"")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "bridge/__init__.py"], check=True)
    monkeypatch.setattr(build, "ROOT", root)
    assert build.package_sources() == [root / "bridge" / "__init__.py"]
