"""The npm package of the browser build: ``agent-bridge-<version>.tgz``, written from a built ``dist/``
with Python's :mod:`tarfile` (no Node needed), in the layout ``npm pack`` writes.

The package is the folder a CRM page loads its files from: the shims, their ES module entries and
types, and everything the shim fetches relative to its own URL (``runtime.mjs``, ``pyodide/``, the
browser wheel, the stdlib zip, the snapshot). ``build.py --package`` writes it into ``packages/``
beside the wheel and the sdist; ``build.py --npm`` writes it alone.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
from pathlib import Path

from .dist_check import ENTRIES, check_version, shipped_files

# The repository's root: LICENSE and NOTICE.
LICENSES = Path(__file__).resolve().parents[2]

NAME = "agent-bridge"

# npm's own tarballs: every entry under "package/", regular files only (no directory entries),
# mode 0644, owner 0:0 with no names, and this fixed mtime (1985-10-26T08:15:00Z, what npm pack
# stamps on every entry so that a tarball depends on its content only). The gzip header has no
# name and mtime 0. Together with sorted entries, the same dist/ gives the same bytes.
NPM_MTIME = 499162500

# npm refuses versions that are not semver; a PEP 440 form such as "0.2.0rc1" or "0.1.0.post1"
# must be changed in bridge/__init__.py (the one place), not translated here behind its back.
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")

README = """\
# agent-bridge {version}

The browser build of agent-bridge: the page shim (`agent-bridge.js`, a classic script), its ES
module entry (`agent-bridge.mjs`), the frame SDK for forms in iframes (`agent-bridge-frame.js`,
`agent-bridge-frame.mjs`), their TypeScript declarations, and the Python runtime they start
(`runtime.mjs`, `pyodide/`, the bridge's wheel, `bridge-stdlib.zip`, `bridge.snapshot`).

## Serve this folder as static files

The shim loads the runtime, Pyodide and the wheel **relative to its own URL**, and checks each
against the hash it carries: copy the whole folder (as it is, with the `.br` and `.gz` copies) to
where your web server serves static files, under a versioned path, e.g.
`/static/agent-bridge/{version}/`:

```sh
cp -r node_modules/agent-bridge/. public/static/agent-bridge/{version}/
```

```html
<script src="/static/agent-bridge/{version}/agent-bridge.js"></script>
<script>const bridge = AgentBridge.start();</script>
```

Serve `.js`/`.mjs` as `text/javascript` and `.wasm` as `application/wasm`; serve the `.br`/`.gz`
copies by `Accept-Encoding` (nginx: `brotli_static on; gzip_static on;`, Caddy:
`file_server {{ precompressed br gzip }}`) with `Cache-Control: public, max-age=31536000,
immutable`; the page's CSP must allow `'wasm-unsafe-eval'` and `blob:` in `worker-src`. A Python
server can instead `pip install agent-bridge=={version}` and mount `bridge.serving.BrowserFiles`.

## Import it

```ts
import AgentBridge from "agent-bridge";              // the page shim (agent-bridge.mjs)
import AgentBridgeFrame from "agent-bridge/frame";   // the frame SDK (agent-bridge-frame.mjs)
```

Types come with both entries (`"moduleResolution": "bundler"` or `"nodenext"`). A bundler copies
the module into its own output, away from the files it loads, so tell the shim where you serve
this folder: `AgentBridge.start({{ baseUrl: "/static/agent-bridge/{version}/" }})`. The frame SDK
loads nothing else and needs no base URL.

The other files are exported under their own names (`agent-bridge/runtime.mjs`,
`agent-bridge/pyodide/pyodide.asm.wasm`, ...) for tools that copy assets.

## Licences

agent-bridge: MIT. `pyodide/` is Pyodide (Mozilla Public License 2.0), unchanged; the wheel's and
the stdlib zip's Python files are the bridge's (MIT) and CPython's (PSF License).
"""


def package_json(version: str, files: list[str]) -> dict:
    """The package.json of the tarball; ``files`` are its paths (posix, relative to the package)."""
    top = sorted({name.split("/")[0] + ("/" if "/" in name else "") for name in files})
    return {
        "name": NAME,
        "version": version,
        "description": "The browser build of agent-bridge (page shim, frame SDK, types, and the Pyodide runtime"
                       " they load): serve this folder as static files.",
        "license": "MIT",
        # "module": the .d.ts files are ES module declarations (export default), and TypeScript
        # reads a .d.ts by its package's "type" under "moduleResolution": "node16"/"nodenext":
        # without it they would be taken for CommonJS and `import AgentBridge from "agent-bridge"`
        # typed as the module object, not the shim. The classic scripts stay valid read as modules
        # (esbuild's IIFEs of ES modules: strict code that only sets globalThis.X).
        "type": "module",
        "exports": {
            # A classic script has no exports: an import (bundler or Node) must land on the ES
            # module, which runs the classic script and exports what it defined. "types" comes
            # first (TypeScript takes the first condition it knows). No "require": the entries are
            # ES modules; "default" serves the rest (Node >= 22's require() of ES modules included).
            ".": {
                "types": "./agent-bridge.d.ts",
                "import": "./agent-bridge.mjs",
                "default": "./agent-bridge.mjs",
            },
            # The frame SDK is a separate script for forms inside iframes (the page shim is not
            # loaded there): its own entry with its own declarations.
            "./frame": {
                "types": "./agent-bridge-frame.d.ts",
                "import": "./agent-bridge-frame.mjs",
                "default": "./agent-bridge-frame.mjs",
            },
            # The classic scripts by name, for a <script src> or a bundler's asset import
            # (`import url from "agent-bridge/script?url"`): they define globalThis.AgentBridge
            # and globalThis.AgentBridgeFrame and export nothing.
            "./script": "./agent-bridge.js",
            "./frame/script": "./agent-bridge-frame.js",
            "./package.json": "./package.json",
            # Every other file by its own name: the classic scripts for <script src> or an asset
            # import (`agent-bridge/agent-bridge.js`), and what the shim loads relative to itself
            # (runtime.mjs, pyodide/, the wheel, the snapshot), for tools that copy assets. Not
            # typed entries: import bindings from "." and "./frame".
            "./*": "./*",
        },
        # For resolvers that predate "exports" (TypeScript's "node10", webpack 4).
        "main": "./agent-bridge.mjs",
        "module": "./agent-bridge.mjs",
        "types": "./agent-bridge.d.ts",
        # What npm would pack from this folder (README.md, LICENSE and package.json it always adds).
        "files": [*top, "NOTICE"],
    }


def write_npm_package(dist: Path, out_dir: Path, version: str) -> Path:
    """Write ``out_dir/agent-bridge-<version>.tgz`` from the built ``dist`` and return its path.

    The tarball holds every file dist/manifest.json lists, the manifest, a generated package.json
    and a README.md. The ``.br``/``.gz`` copies are in it (about 7 MB of the tarball's 18 MB: compressed already, they do not shrink in it):
    the folder is meant to be served as it is, a Brotli 11 pass over the wasm takes ~20 s and a
    tool a static host rarely has, and the copies are what the README's production serving rests
    on (nginx ``brotli_static``/``gzip_static``, Caddy ``precompressed``); without them the
    manifest would also list files the package lacks.
    """
    dist, out_dir = Path(dist), Path(out_dir)
    if not SEMVER.fullmatch(version):
        raise ValueError(f"version {version!r} is not semver, which npm requires (set it in bridge/__init__.py)")
    files = shipped_files(dist)
    check_version(dist, version)
    generated = {
        "package.json": (json.dumps(package_json(version, files), indent=2) + "\n").encode(),
        "README.md": README.format(version=version).encode(),
        # The bridge's licence, and what the build carries of others' (Pyodide's MPL-2.0, CPython's PSF).
        "LICENSE": (LICENSES / "LICENSE").read_bytes(),
        "NOTICE": (LICENSES / "NOTICE").read_bytes(),
    }
    members = sorted([(name, None) for name in files] + [(name, data) for name, data in generated.items()])
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{NAME}-{version}.tgz"
    fd, tmp = tempfile.mkstemp(prefix=f".{NAME}-", suffix=".tgz", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as zipped, \
                tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name, data in members:
                info = tarfile.TarInfo(f"package/{name}")
                info.mode, info.mtime, info.uid, info.gid, info.uname, info.gname = 0o644, NPM_MTIME, 0, 0, "", ""
                if data is None:
                    info.size = (dist / name).stat().st_size
                    with open(dist / name, "rb") as handle:
                        tar.addfile(info, handle)
                else:
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
