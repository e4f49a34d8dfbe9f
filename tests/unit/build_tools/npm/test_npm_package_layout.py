"""The npm tarball is laid out as `npm pack` writes one, holds dist/ as built, and is reproducible."""

import gzip
import hashlib
import json
import tarfile
from pathlib import Path

from bridge import __version__
from bridge.build.npm_package import NPM_MTIME, write_npm_package

DIST = Path(__file__).resolve().parents[4] / "dist"


def test_entries_are_what_npm_pack_writes(npm_tarball, npm_members):
    assert npm_tarball.name == f"agent-bridge-{__version__}.tgz"
    # npm pack: everything under package/, regular files only, 0644, owner 0:0 without names,
    # its fixed mtime; sorted here so that the order depends on nothing but the names.
    assert list(npm_members) == sorted(npm_members)
    for name, info in npm_members.items():
        assert name.startswith("package/") and ".." not in name.split("/"), name
        assert info.isreg(), name
        assert (info.mode, info.uid, info.gid, info.uname, info.gname, info.mtime) == (0o644, 0, 0, "", "", NPM_MTIME), name
    header = npm_tarball.read_bytes()[:10]
    assert header[:3] == b"\x1f\x8b\x08" and header[3] == 0 and header[4:8] == b"\0\0\0\0", "gzip header: no name, mtime 0"


def test_it_holds_every_file_dist_manifest_lists_byte_for_byte(npm_tarball, npm_members):
    listed = json.loads((DIST / "manifest.json").read_text())["files"]
    assert set(npm_members) == {f"package/{name}" for name in [*listed, "manifest.json", "package.json", "README.md", "LICENSE", "NOTICE"]}
    with tarfile.open(npm_tarball) as tar:
        for name, entry in listed.items():
            assert hashlib.sha256(tar.extractfile(f"package/{name}").read()).hexdigest() == entry["sha256"], name
        assert tar.extractfile("package/manifest.json").read() == (DIST / "manifest.json").read_bytes()
        readme = tar.extractfile("package/README.md").read().decode()
    # What a team reads in node_modules/agent-bridge/: serve the folder, at this version.
    assert "Serve this folder as static files" in readme and f"/static/agent-bridge/{__version__}/" in readme


def test_the_same_dist_gives_the_same_bytes(npm_tarball, tmp_path):
    again = write_npm_package(DIST, tmp_path, __version__)
    assert again.read_bytes() == npm_tarball.read_bytes()
    # And the gzip stream decodes to the same tar, not merely the same compressed bytes by chance.
    assert gzip.decompress(again.read_bytes())[:512] == gzip.decompress(npm_tarball.read_bytes())[:512]
