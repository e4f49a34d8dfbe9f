"""python -m bridge static DEST: the packaged browser files, with their precompressed copies,
copied into a folder a web server serves."""

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bridge import serving
from bridge.__main__ import main
from serving_helpers import ROOT, make_build


@pytest.fixture
def packaged(tmp_path, monkeypatch):
    """An installation whose package carries a build (what the wheel's bridge/dist/ is)."""
    build = make_build(tmp_path / "site-packages" / "bridge" / "dist")
    monkeypatch.setattr(serving, "PACKAGED", build)
    return build


def test_every_file_and_copy_is_copied_and_named(packaged, tmp_path, capsys):
    dest = tmp_path / "www" / "static" / "agent-bridge" / "0.1.0"
    assert main(["static", str(dest)]) == 0
    listed = sorted([*json.loads((packaged / "manifest.json").read_text())["files"], "manifest.json"])
    copied = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert copied == listed
    assert "pyodide/pyodide.asm.wasm.br" in copied and "pyodide/pyodide.asm.wasm.gz" in copied
    assert all(filecmp.cmp(packaged / name, dest / name, shallow=False) for name in copied)
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == listed  # says what it copied, file by file
    assert out[-1].startswith(f"copied agent-bridge 0.1.0's browser files to {dest}: {len(listed)} files "
                              f"({len(listed) - 3} and 3 Brotli/gzip copies)")
    assert "/static/agent-bridge/0.1.0/" in out[-1]


def test_copying_again_replaces_the_files_and_keeps_the_rest(packaged, tmp_path):
    dest = tmp_path / "www"
    (dest / "pyodide").mkdir(parents=True)
    (dest / "agent-bridge.js").write_text("an older build")
    (dest / "index.html").write_text("the site's own")
    assert main(["static", str(dest)]) == 0
    assert (dest / "agent-bridge.js").read_bytes() == (packaged / "agent-bridge.js").read_bytes()
    assert (dest / "index.html").read_text() == "the site's own"


def test_the_package_is_the_installed_bridge():
    import bridge

    assert serving.PACKAGE == serving.PACKAGED.parent == Path(bridge.__file__).resolve().parent


@pytest.mark.parametrize("inside", ["dist", "dist/copy", "static", "."])
def test_a_destination_inside_the_package_is_refused(tmp_path, monkeypatch, inside, capsys):
    # The package is a folder of the test's: were the refusal broken, the copy lands there, not
    # in this checkout's bridge/ (where the plugin would then find a "packaged build").
    package = tmp_path / "site-packages" / "bridge"
    monkeypatch.setattr(serving, "PACKAGED", make_build(package / "dist"))
    monkeypatch.setattr(serving, "PACKAGE", package)
    dest = package / inside
    before = sorted(p for p in package.rglob("*"))
    assert main(["static", str(dest)]) == 2
    assert f"is inside the installed package ({package})" in capsys.readouterr().err
    assert sorted(p for p in package.rglob("*")) == before  # nothing was made or written


def test_without_a_packaged_build_it_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(serving, "PACKAGED", tmp_path / "no-build")
    assert main(["static", str(tmp_path / "www")]) == 2
    err = capsys.readouterr().err
    assert "carries no browser build" in err and "build.py --package" in err
    assert not (tmp_path / "www").exists()


def test_the_command_from_a_shell():
    helped = subprocess.run([sys.executable, "-m", "bridge", "static", "--help"], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert "DEST" in helped.stdout and ".br/.gz" in helped.stdout
