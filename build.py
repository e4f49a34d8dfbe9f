#!/usr/bin/env python3
"""Build dist/: the pinned Pyodide runtime, the bridge wheel, and the generated page files.

    python build.py            # build dist/
    python build.py --serve    # build, then serve the demo at http://127.0.0.1:8000/
    python build.py --docs     # rewrite the generated tables in README.md
    python build.py --npm      # build dist/ if needed, then write packages/agent-bridge-<version>.tgz
    python build.py --package  # build dist/ if it is older than its sources, then packages/:
                               # the wheel and sdist (with dist/ inside, as bridge/dist/), the npm tarball

Pyodide comes from the npm registry (``npm pack``), is checked against the sha512 pinned
here, and is cached in .cache/. The wheel is built with the standard frontend
(``python -m build``): pyodide-build's ``pyodide build`` downloads a cross-build environment
from outside the package registries, and a pure-Python wheel needs none. dist/manifest.json
lists every file's sha256; the shim carries the same hashes and loads nothing unchecked.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
CACHE = ROOT / ".cache"
WEB = ROOT / "web"
PACKAGES = ROOT / "packages"

PYODIDE_VERSION = "314.0.7"
# npm's integrity for pyodide-314.0.7.tgz; the tarball's own sha512 is checked against it.
PYODIDE_INTEGRITY = "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
# The part of the package the runtime loads (the rest is Node support, docs and consoles).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
# Pyodide's standard library, whole; dist/ has only the part the bridge uses (BRIDGE_STDLIB).
PYODIDE_STDLIB = "python_stdlib.zip"
BRIDGE_STDLIB = "bridge-stdlib.zip"
RUNTIME = "runtime.mjs"


def log(message: str) -> None:
    print(f"build: {message}", flush=True)


def sri(data: bytes) -> str:
    """A Subresource Integrity string (what fetch(url, {integrity}) checks)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def fetch_pyodide() -> Path:
    """The pinned Pyodide tarball, from the cache or the npm registry, integrity-checked."""
    CACHE.mkdir(exist_ok=True)
    tarball = CACHE / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("build: npm is needed to fetch Pyodide (install Node.js and npm)")
        log(f"fetching pyodide@{PYODIDE_VERSION} from the npm registry")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([npm, "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", tmp, "--silent"],
                           check=True, stdout=subprocess.DEVNULL)
            (Path(tmp) / f"pyodide-{PYODIDE_VERSION}.tgz").replace(tarball)
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != PYODIDE_INTEGRITY:
        tarball.unlink()
        sys.exit(f"build: {tarball.name} failed its integrity check ({digest}); removed it, run again")
    return tarball


def unpack_pyodide(tarball: Path, target: Path, names: tuple[str, ...] = PYODIDE_FILES) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for name in names:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                sys.exit(f"build: {name} is missing from {tarball.name}")
            (target / name).write_bytes(member.read())


def build_wheel(target: Path) -> Path:
    """The bridge as a pure-Python wheel, reproducible (fixed timestamps)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        # -P: this file is build.py, so "-m build" from this folder would run it, not the frontend.
        subprocess.run([sys.executable, "-P", "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
            sys.exit(f"build: expected one pure-Python wheel, got {[w.name for w in wheels]}")
        return Path(shutil.copy2(wheels[0], target / wheels[0].name))


# The browser's part of the package, as folders (and the two modules at its top): the core,
# the frames, the error tree, the REST clients (their pure core and pyfetch transport: a XUC CTI
# agent's own token may be used from the worker, see config.apiOrigins). Servers, SSO, build and
# test tooling, the simulator and its pytest plugin stay out of the wheel in dist/.
# tests/unit/build_tools/test_browser_wheel.py checks that everything bridge.component.wire
# imports is in, and that no module of the wheel imports httpx2.
BROWSER_PACKAGE = ("bridge/__init__.py", "bridge/errors.py", "bridge/component/", "bridge/frames/", "bridge/clients/")
# Inside the allowlist, but not for the browser: the clients' httpx2 transport (CPython only;
# Pyodide has no httpx2, and the snapshot, which imports every module of the wheel, would fail),
# the clients' command lines (a terminal's, never a page's: less to download and to snapshot), and
# the event receivers, XUC's and Udesk's, and the machinery they share (WSGI apps with a worker
# thread: the CRM's server's).
BROWSER_EXCLUDED = ("bridge/clients/transports/httpx.py", "bridge/clients/cli_support.py",
                    "bridge/clients/ucs/cli.py", "bridge/clients/ucs/sync.py", "bridge/clients/ucontact/cli.py",
                    "bridge/clients/xuc/cli.py", "bridge/clients/xuc/events.py", "bridge/clients/webhooks.py",
                    "bridge/clients/udesk/cli.py", "bridge/clients/udesk/events.py")
BROWSER_EXCLUDED_METADATA = ("entry_points.txt",)  # the pytest plugin's entry point


def in_browser_wheel(name: str) -> bool:
    """Whether a wheel entry belongs in the browser's subset: the allowlisted part of the
    package but its exclusions, and the wheel's metadata (.dist-info) but for the plugin's
    entry points."""
    if name.startswith("bridge/"):
        return name.startswith(BROWSER_PACKAGE) and name not in BROWSER_EXCLUDED
    return ".dist-info/" in name and not name.endswith(BROWSER_EXCLUDED_METADATA)


def browser_wheel(wheel: Path) -> None:
    """Rewrite ``wheel`` in place as the browser's subset (:func:`in_browser_wheel`), METADATA
    without the long description (the README), RECORD rewritten to match. Still a valid wheel."""
    import zipfile

    with zipfile.ZipFile(wheel) as source:
        entries = [(info, source.read(info)) for info in source.infolist() if in_browser_wheel(info.filename)]
    record_name = next(info.filename for info, _ in entries if info.filename.endswith(".dist-info/RECORD"))
    kept, record = [], []
    for info, data in entries:
        if info.filename == record_name:
            continue
        if info.filename.endswith(".dist-info/METADATA"):
            data = data.split(b"\n\n", 1)[0] + b"\n"  # the headers; the body is the README
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{info.filename},sha256={digest},{len(data)}")
        kept.append((info, data))
    record.append(f"{record_name},,")
    record_info = next(info for info, _ in entries if info.filename == record_name)
    kept.append((record_info, ("\n".join(record) + "\n").encode()))
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info, data in kept:
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=9)


SNAPSHOT = "bridge.snapshot"


def run_node(*args: str | Path) -> str:
    """web/make-snapshot.mjs with ``args``, in Node; what it prints."""
    node = shutil.which("node")
    if node is None:
        sys.exit("build: node is needed to make the memory snapshot (install Node.js)")
    return subprocess.run([node, str(WEB / "make-snapshot.mjs"), *map(str, args)],
                          check=True, stdout=subprocess.PIPE, text=True).stdout


def stdlib_in_use(pyodide_dir: Path, full_stdlib: Path, wheel: Path) -> list[str]:
    """The files of Pyodide's stdlib zip in use once every module of ``wheel`` is imported, and
    every module their source names (Pyodide's own start included), found by booting Pyodide in
    Node with the whole zip (web/make-snapshot.mjs says what else it imports, and why)."""
    return json.loads(run_node("list", pyodide_dir, full_stdlib, wheel))


def subset_stdlib(full_stdlib: Path, names: list[str], target: Path) -> None:
    """Write ``target``: the zip ``full_stdlib`` with only ``names`` and their folders' entries,
    in the same order, dates and compression (the same input gives the same bytes)."""
    import zipfile

    wanted = set(names)
    folders = {name[:i + 1] for name in wanted for i, char in enumerate(name) if char == "/"}
    with zipfile.ZipFile(full_stdlib) as source:
        missing = wanted - set(source.namelist())
        if missing:
            sys.exit(f"build: {full_stdlib.name} lacks {sorted(missing)}")
        with zipfile.ZipFile(target, "w") as subset:
            for info in source.infolist():
                if info.filename in wanted or info.filename in folders:
                    subset.writestr(info, source.read(info), compresslevel=9)


def make_snapshot(dist: Path, stdlib: Path, wheel: Path) -> Path:
    """dist/bridge.snapshot: Pyodide's memory snapshot with every bridge module imported, made in Node
    with ``stdlib`` mounted (the zip the browser mounts), packed (bridge/build/snapshot_file.py)."""
    from bridge.build.snapshot_file import pack_snapshot

    target = dist / SNAPSHOT
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "snapshot"
        run_node("snapshot", dist / "pyodide", stdlib, wheel, raw)
        target.write_bytes(pack_snapshot(raw.read_bytes()))
    return target


def bundle(entry: Path, name: str, banner: str, target: Path) -> None:
    """Write ``name``: the ES module ``entry`` and its imports as one classic script, minified,
    with its source map.

    esbuild (pinned in package-lock.json) bundles the plain .js files of web/ into an IIFE, and
    terser minifies that: the shim is what every CRM page downloads first. The map leads a
    debugger back to the files in web/.
    """
    esbuild, terser = (ROOT / "node_modules" / ".bin" / tool for tool in ("esbuild", "terser"))
    if not (esbuild.exists() and terser.exists()):
        sys.exit("build: esbuild or terser is missing: run `npm ci` (make does) first")
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(tmp) / name
        subprocess.run([str(esbuild), str(entry), "--bundle", "--format=iife", "--target=es2020", "--charset=utf8",
                        "--log-level=warning", "--sourcemap", "--sources-content=true", f"--banner:js={banner}",
                        f"--outfile={bundled}"], check=True)
        subprocess.run([str(terser), str(bundled), "--compress", "--mangle", "--comments", "/^!/",
                        "--source-map", f"content='{name}.map',url='{name}.map',includeSources",
                        "--output", str(target / name)], check=True, cwd=tmp)


def write_constants(folder: Path, text: str) -> None:
    """web/<folder>/constants.js, the only generated JavaScript (git ignores it)."""
    path = WEB / folder / "constants.js"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


# Served precompressed (name.br, name.gz beside name) when that saves at least 10 %: the
# dev server picks by Accept-Encoding, and so can a production server (see README). Not the
# snapshot (gzip already, see bridge/build/snapshot_file.py), nor the zips (deflated already).
COMPRESSIBLE = (".wasm", ".mjs", ".js", ".json", ".map", ".ts")
MIN_SAVING = 0.10


def precompress(dist: Path) -> None:
    """Write Brotli (quality 11) and gzip (level 9) copies of the compressible files. Brotli 11
    takes ~20 s on the wasm, so results are cached in .cache/compressed/ by content hash."""
    import gzip

    import brotli

    cache = CACHE / "compressed"
    cache.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE):
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        for suffix, compress in ((".br", lambda d: brotli.compress(d, quality=11)),
                                 (".gz", lambda d: gzip.compress(d, 9, mtime=0))):
            cached = cache / f"{key}{suffix}"
            if cached.exists():
                packed = cached.read_bytes()
            else:
                packed = compress(data)
                cached.write_bytes(packed)
            if len(packed) <= len(data) * (1 - MIN_SAVING):
                (path.parent / (path.name + suffix)).write_bytes(packed)


def write_manifest(dist: Path) -> dict:
    files = {}
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and p.name != "manifest.json"):
        data = path.read_bytes()
        files[path.relative_to(dist).as_posix()] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    manifest = {"pyodide": PYODIDE_VERSION, "files": files}
    (dist / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def build() -> Path:
    from bridge import __version__
    from bridge.build import codegen  # needs jinja2: imported only when building

    started = time.monotonic()
    tarball = fetch_pyodide()
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=ROOT))
    staging.chmod(0o755)
    try:
        unpack_pyodide(tarball, staging / "pyodide")
        wheel = build_wheel(staging)
        browser_wheel(wheel)
        shutil.copy2(WEB / RUNTIME, staging / RUNTIME)
        with tempfile.TemporaryDirectory() as tmp:
            full_stdlib = Path(tmp) / PYODIDE_STDLIB
            unpack_pyodide(tarball, Path(tmp), (PYODIDE_STDLIB,))
            subset_stdlib(full_stdlib, stdlib_in_use(staging / "pyodide", full_stdlib, wheel), staging / BRIDGE_STDLIB)
        integrity = {f"pyodide/{name}": sri((staging / "pyodide" / name).read_bytes()) for name in PYODIDE_FILES}
        integrity[BRIDGE_STDLIB] = sri((staging / BRIDGE_STDLIB).read_bytes())
        integrity[wheel.name] = sri(wheel.read_bytes())
        integrity[SNAPSHOT] = sri(make_snapshot(staging, staging / BRIDGE_STDLIB, wheel).read_bytes())
        integrity[RUNTIME] = sri((staging / RUNTIME).read_bytes())
        write_constants("page", codegen.render_page_constants(integrity, RUNTIME, wheel.name))
        write_constants("frame", codegen.render_frame_constants())
        notice = "| edit web/, not dist/: build.py bundles it with constants from bridge/ */"
        bundle(WEB / "page" / "index.js", "agent-bridge.js", f"/*! agent-bridge {__version__} {notice}", staging)
        bundle(WEB / "frame" / "index.js", "agent-bridge-frame.js", f"/*! agent-bridge-frame {__version__} {notice}",
               staging)
        # The ES module entries: each runs its classic script and exports what it defined.
        for module in ("agent-bridge.mjs", "agent-bridge-frame.mjs"):
            shutil.copy2(WEB / module, staging / module)
        (staging / "agent-bridge.d.ts").write_text(codegen.render_types())
        (staging / "agent-bridge-frame.d.ts").write_text(codegen.render_frame_types())
        precompress(staging)
        write_manifest(staging)
        if DIST.exists():
            shutil.rmtree(DIST)
        staging.replace(DIST)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"dist/ ready in {time.monotonic() - started:.1f} s")
    return DIST


def write_npm() -> Path:
    """packages/agent-bridge-<version>.tgz from dist/ (built first if it is not there)."""
    from bridge import __version__
    from bridge.build.npm_package import write_npm_package

    dist = DIST if (DIST / "manifest.json").exists() else build()
    try:
        tarball = write_npm_package(dist, PACKAGES, __version__)
    except (FileNotFoundError, ValueError) as error:  # a stale or changed dist/: say so, no traceback
        sys.exit(f"build: {error}")
    log(f"{tarball.relative_to(ROOT)} written ({tarball.stat().st_size / 1e6:.1f} MB)")
    return tarball
# What dist/ is built from: when one of these is newer than dist/manifest.json (written last),
# --package builds dist/ again before packaging it.
DIST_SOURCES = ("bridge", "web", "build.py", "pyproject.toml", "package-lock.json")
# The package's own copy of the browser build, in the wheel and sdist only (gitignored).
PACKAGED_DIST = "bridge/dist"


def dist_is_current() -> bool:
    """Whether dist/ is built and no newer than its sources (mtimes, as make compares them)."""
    manifest = DIST / "manifest.json"
    if not (manifest.is_file() and (DIST / "agent-bridge.js").is_file()):
        return False
    built = manifest.stat().st_mtime
    for source in DIST_SOURCES:
        path = ROOT / source
        paths = path.rglob("*") if path.is_dir() else [path]
        for each in paths:
            if "__pycache__" in each.parts or each.is_relative_to(ROOT / PACKAGED_DIST) or not each.is_file():
                continue
            if each.stat().st_mtime > built:
                return False
    return True


def package_sources() -> list[Path]:
    """The files of the package a wheel and an sdist are made of: bridge/'s files git tracks (an
    untracked bridge/.env, an editor's backup, never ship), without bytecode; outside a git
    checkout (an unpacked sdist), every file under bridge/ but bridge/dist/."""
    listed = subprocess.run(["git", "ls-files", "-z", "--", "bridge"], cwd=ROOT, capture_output=True)
    if listed.returncode == 0 and listed.stdout:
        names = [name for name in listed.stdout.decode().split("\0") if name]
        return [ROOT / name for name in names if (ROOT / name).is_file()]
    return [path for path in sorted((ROOT / "bridge").rglob("*")) if path.is_file()
            and "__pycache__" not in path.parts and not path.is_relative_to(ROOT / PACKAGED_DIST)]


def package(out: Path = PACKAGES) -> list[Path]:
    """Write into ``out`` the wheel and the sdist of the whole package with the build in dist/
    inside it (``bridge/dist/``: what :func:`bridge.serving.browser_files` finds once installed),
    and the npm tarball of the browser files; their paths.

    dist/ is checked first (every file its manifest lists, as built, at this version: what the
    shim's integrity checks need), and only those files go in, as in the npm tarball. The
    package is built from a copy of the sources (:func:`package_sources`) with them copied in,
    never by putting bridge/dist/ into this checkout: an editable install of the checkout would
    find a packaged build there while it exists. Everything is written to a scratch folder and
    copied to ``out`` only when all three were made: a failure leaves no half-made package. The
    sdist's wheel is built from the sdist (the standard frontend's default), so a broken sdist
    fails here. Fixed timestamps, as build_wheel.
    """
    from bridge import __version__
    from bridge.build.dist_check import check_version, shipped_files
    from bridge.build.npm_package import write_npm_package

    try:
        shipped = shipped_files(DIST)
        check_version(DIST, __version__)
    except (FileNotFoundError, ValueError) as error:  # a missing, stale or changed dist/: say so, no traceback
        sys.exit(f"build: {error}")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    env.pop("PYTHONPATH", None)  # a checkout on it would make "-m build" this file, -P or not
    with tempfile.TemporaryDirectory(prefix="agent-bridge-package-") as tmp:
        tree, built = Path(tmp) / "source", Path(tmp) / "built"
        tree.mkdir()
        for name in ("pyproject.toml", "README.md", "LICENSE", "NOTICE"):  # flit puts the last two in the wheel's dist-info
            shutil.copy2(ROOT / name, tree / name)
        for source in package_sources():
            target = tree / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        for name in shipped:
            target = tree / PACKAGED_DIST / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(DIST / name, target)
        subprocess.run([sys.executable, "-P", "-m", "build", "--no-isolation", "--outdir", str(built), str(tree)],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        expected = [f"agent_bridge-{__version__}-py3-none-any.whl", f"agent_bridge-{__version__}.tar.gz"]
        if sorted(p.name for p in built.iterdir()) != sorted(expected):
            sys.exit(f"build: expected {expected}, got {sorted(p.name for p in built.iterdir())}")
        try:
            tarball = write_npm_package(DIST, built, __version__)
        except (FileNotFoundError, ValueError) as error:
            sys.exit(f"build: {error}")
        out.mkdir(parents=True, exist_ok=True)
        written = [Path(shutil.copy2(built / name, out / name)) for name in [*expected, tarball.name]]
    for path in written:
        log(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size / 1e6:.1f} MB)")
    return written


def update_readme() -> bool:
    """Rewrite README.md's generated sections; True when something changed."""
    from bridge.build import codegen

    readme = ROOT / "README.md"
    text = original = readme.read_text()
    for name, render in codegen.README_SECTIONS.items():
        start, end = f"<!-- generated:{name}:start -->", f"<!-- generated:{name}:end -->"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = f"{before}{start}\n{render()}{end}{after}"
    if text != original:
        readme.write_text(text)
    return text != original


def serve(port: int) -> None:
    from demo.server import start_demo

    # The demo's disposition form comes from a second origin, the next port; each server is
    # told the other's origin (the page never takes it from its URL).
    servers = start_demo(DIST, port=port)
    (host, bound), forms_port = servers[0].server_address[:2], servers[1].server_address[1]
    print(f"demo: http://{host}:{bound}/  (CRM sign-in: agent / crm; its form from http://{host}:{forms_port};"
          " Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        for each in servers:
            each.shutdown()
            each.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", action="store_true", help="serve the demo after building")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--docs", action="store_true", help="rewrite README.md's generated tables and exit")
    parser.add_argument("--npm", action="store_true",
                        help="write packages/agent-bridge-<version>.tgz (the npm package) from dist/, building it if absent")
    parser.add_argument("--package", action="store_true",
                        help="write the wheel, sdist and npm tarball into packages/ (dist/ built first if stale)")
    parser.add_argument("--no-build", action="store_true",
                        help="with --package: package dist/ as it is (no Node, no Pyodide), even if stale")
    parser.add_argument("--out", type=Path, default=PACKAGES, help="with --package: where to write (packages/)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.docs:
        log("README.md updated" if update_readme() else "README.md already current")
        return
    if args.npm:
        write_npm()
        return
    if args.package:
        if not args.no_build and not dist_is_current():
            build()
        package(args.out.resolve())
        return
    build()
    if args.serve:
        serve(args.port)


if __name__ == "__main__":
    main()
