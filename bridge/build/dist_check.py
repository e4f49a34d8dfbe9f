"""What a built dist/ ships, checked before anything is packaged from it (the wheel and sdist
of build.py --package, the npm tarball): the files its manifest lists, each as built, at the
version being packaged."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

# The files a CRM page or a bundler names; a dist/ without one of them is not a whole build.
ENTRIES = ("agent-bridge.js", "agent-bridge.mjs", "agent-bridge.d.ts",
           "agent-bridge-frame.js", "agent-bridge-frame.mjs", "agent-bridge-frame.d.ts")

# The shims' banners (build.py writes "/*! agent-bridge 0.1.0 | ..."): how a package checks that
# dist/ was built at the version it is about to be labelled with.
BANNER = re.compile(rb"/\*! (agent-bridge(?:-frame)?) (\S+) ")


def shipped_files(dist: Path) -> list[str]:
    """dist/'s files as its manifest lists them, each checked against its sha256.

    The manifest, not a directory walk, says what ships: a stray file in dist/ (an editor's
    backup, a local .env) is not published, and a file changed after the build is refused.
    """
    manifest_path = dist / "manifest.json"
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{manifest_path} is missing: build dist/ first (python build.py)")
    listed = json.loads(manifest_path.read_text())["files"]
    for name in ENTRIES:
        if name not in listed:
            raise FileNotFoundError(f"{name} is not in {dist}: rebuild dist/ (python build.py)")
    for name, entry in listed.items():
        path = dist / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} is listed in manifest.json but missing: rebuild dist/")
        if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            raise ValueError(f"{path} differs from manifest.json: dist/ changed after its build; rebuild it")
    return sorted(listed) + ["manifest.json"]


def check_version(dist: Path, version: str) -> None:
    for name in ("agent-bridge.js", "agent-bridge-frame.js"):
        found = BANNER.match((dist / name).read_bytes()[:200])
        built = found.group(2).decode() if found else None
        if built != version:
            raise ValueError(f"{dist / name} was built as version {built!r}, not {version!r}: rebuild dist/")
