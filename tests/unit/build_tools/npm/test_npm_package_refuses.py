"""write_npm_package refuses what it cannot vouch for: a dist/ built at another version, changed
after its build, or missing an entry, and a version npm would not take; and it ships what the
manifest lists, not whatever else lies in the folder."""

import hashlib
import json
import tarfile

import pytest

from bridge.build.npm_package import ENTRIES, write_npm_package


def small_dist(folder, version="1.2.3"):
    """A dist/ with the entries only (their banners as build.py writes them) and its manifest."""
    folder.mkdir()
    for name in ENTRIES:
        label = "agent-bridge-frame" if name.startswith("agent-bridge-frame") else "agent-bridge"
        (folder / name).write_text(f"/*! {label} {version} | edit web/, not dist/ */\n")
    (folder / "pyodide").mkdir()
    (folder / "pyodide" / "pyodide.mjs").write_text("export {};\n")
    files = {p.relative_to(folder).as_posix(): {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                                                "bytes": p.stat().st_size}
             for p in sorted(folder.rglob("*")) if p.is_file()}
    (folder / "manifest.json").write_text(json.dumps({"files": files}))
    return folder


def test_a_small_dist_packs(tmp_path):
    # The baseline the refusals below depart from.
    tarball = write_npm_package(small_dist(tmp_path / "dist"), tmp_path / "out", "1.2.3")
    assert tarball == tmp_path / "out" / "agent-bridge-1.2.3.tgz"


def test_a_dist_built_at_another_version(tmp_path):
    dist = small_dist(tmp_path / "dist", version="1.2.2")
    with pytest.raises(ValueError, match=r"agent-bridge\.js was built as version '1\.2\.2', not '1\.2\.3'"):
        write_npm_package(dist, tmp_path / "out", "1.2.3")
    assert not (tmp_path / "out" / "agent-bridge-1.2.3.tgz").exists()


def test_a_file_changed_after_the_build(tmp_path):
    dist = small_dist(tmp_path / "dist")
    (dist / "pyodide" / "pyodide.mjs").write_text("export const changed = 1;\n")
    with pytest.raises(ValueError, match="pyodide.mjs differs from manifest.json"):
        write_npm_package(dist, tmp_path / "out", "1.2.3")


def test_an_entry_missing(tmp_path):
    # A dist/ built before web/agent-bridge-frame.mjs existed has no frame ES module entry.
    dist = small_dist(tmp_path / "dist")
    manifest = json.loads((dist / "manifest.json").read_text())
    del manifest["files"]["agent-bridge-frame.mjs"]
    (dist / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(FileNotFoundError, match="agent-bridge-frame.mjs is not in"):
        write_npm_package(dist, tmp_path / "out", "1.2.3")


def test_a_stray_file_is_not_shipped(tmp_path):
    dist = small_dist(tmp_path / "dist")
    (dist / ".env").write_text("UCS_SECRET=x\n")
    with tarfile.open(write_npm_package(dist, tmp_path / "out", "1.2.3")) as tar:
        assert "package/.env" not in tar.getnames()


@pytest.mark.parametrize("version", ["0.2.0rc1", "0.1.0.post1", "1.2"])
def test_a_version_npm_would_not_take(tmp_path, version):
    with pytest.raises(ValueError, match="not semver"):
        write_npm_package(small_dist(tmp_path / "dist", version), tmp_path / "out", version)
