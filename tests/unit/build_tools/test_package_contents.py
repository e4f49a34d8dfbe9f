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


def _copy_of_dist(folder: Path) -> Path:
    if not (ROOT / "dist" / "manifest.json").is_file():
        pytest.fail("dist/ is not built: run python build.py (make test does)", pytrace=False)
    shutil.copytree(ROOT / "dist", folder)
    return folder


@pytest.fixture
def dist(tmp_path, monkeypatch):
    copy = _copy_of_dist(tmp_path / "dist")
    monkeypatch.setattr(build, "DIST", copy)
    return copy


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    """The three packages of a copy of dist/ holding two strays (a .env, an editor's backup),
    made once for the tests that read them."""
    folder = tmp_path_factory.mktemp("package")
    copy = _copy_of_dist(folder / "dist")
    (copy / ".env").write_text("SECRET=1\n")
    (copy / "agent-bridge.js~").write_text("a backup")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "DIST", copy)
        written = build.package(folder / "out")
    version = bridge.__version__
    return {"written": written,
            "wheel": zipfile.ZipFile(folder / "out" / f"agent_bridge-{version}-py3-none-any.whl"),
            "sdist": tarfile.open(folder / "out" / f"agent_bridge-{version}.tar.gz"),
            "npm": tarfile.open(folder / "out" / f"agent-bridge-{version}.tgz")}


def test_only_the_listed_files_of_dist_are_packaged(packaged):
    wheel, sdist = packaged["wheel"].namelist(), packaged["sdist"].getnames()
    assert len(packaged["written"]) == 3
    assert "bridge/dist/agent-bridge.js" in wheel and "bridge/dist/manifest.json" in wheel
    for names in (wheel, [name.split("/", 1)[1] for name in sdist if "/" in name], packaged["npm"].getnames()):
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


def test_the_licences_ship_in_every_package(packaged):
    # The bridge's MIT licence, and NOTICE: what the build carries of Pyodide (MPL-2.0) and CPython (PSF).
    version = bridge.__version__
    for name in ("LICENSE", "NOTICE"):
        expected = (ROOT / name).read_bytes()
        assert packaged["wheel"].read(f"agent_bridge-{version}.dist-info/licenses/{name}") == expected
        assert packaged["sdist"].extractfile(f"agent_bridge-{version}/{name}").read() == expected
        assert packaged["npm"].extractfile(f"package/{name}").read() == expected
    notice = (ROOT / "NOTICE").read_text()
    assert "Pyodide" in notice and "Mozilla Public License" in notice and "Python Software Foundation" in notice
