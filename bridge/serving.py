"""Serve the browser build from the CRM's own Python server: ``BrowserFiles``, a WSGI app.

An installed wheel carries the build in ``bridge/dist/`` (``browser_files()``); mount it under
a versioned path and the page loads ``<prefix>/agent-bridge.js``::

    from bridge import __version__
    from bridge.serving import BrowserFiles

    static = BrowserFiles()  # the packaged build; BrowserFiles("path/to/dist") for another
    # mount `static` at f"/static/agent-bridge/{__version__}/" (SCRIPT_NAME is the prefix)

It follows the README's "Serving dist/ in production": the types the browser needs (``.wasm``
as ``application/wasm``, or the streaming compile fails), the Brotli or gzip copy build.py
wrote beside a file when ``Accept-Encoding`` takes it (with ``Content-Encoding`` and ``Vary``),
``Cache-Control: public, max-age=31536000, immutable`` (every file is checked against the hash
the shim carries, and the path names the version), and an ``ETag`` (the sent bytes' sha256,
from manifest.json) answered 304 when ``If-None-Match`` matches.

It serves the files manifest.json lists, and manifest.json: a request's path is looked up among
those names, never joined onto a folder, so no path leads out of the build and no folder is
listed. The encoding choice is shared with the development server (bridge/dev/server.py).
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import re
from pathlib import Path, PurePosixPath
from typing import Iterable, Literal

from .clients.errors import InvalidArgument

PACKAGED = Path(__file__).resolve().parent / "dist"
MANIFEST = "manifest.json"

# The types the README's "Serving dist/ in production" names, and those of the build's other
# files (the snapshot and the zips are served as they are).
TYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
    ".json": "application/json", ".map": "application/json", ".whl": "application/zip",
    ".zip": "application/zip", ".snapshot": "application/octet-stream", ".ts": "text/plain",
    ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml",
}

# Precompressed copies build.py writes beside a file, best first (smallest: the tie-break when
# the browser weighs them alike).
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
IDENTITY = "identity"

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
CACHE_CONTROL = {"immutable": IMMUTABLE, "revalidate": REVALIDATE}

# A weight is q= then 0 to 1 with at most three decimals (RFC 9110, section 12.4.2).
_QVALUE = re.compile(r"q=(0(\.\d{0,3})?|1(\.0{0,3})?)", re.IGNORECASE)


def content_type(name: str) -> str:
    """The Content-Type of a file of the build, by its name (a copy's is its original's: pass that)."""
    return TYPES.get(PurePosixPath(name).suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def accepted_encodings(header: str) -> dict[str, float]:
    """An Accept-Encoding header as {coding: weight}; ``ValueError`` when a weight is malformed
    (the request is then answered 400 rather than guessed at)."""
    weights = {}
    for item in header.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        if not name:
            continue  # empty list elements are allowed ("gzip, , br")
        weight = 1.0
        for param in params:
            if not _QVALUE.fullmatch(param):
                raise ValueError(f"malformed Accept-Encoding weight {param!r}")
            weight = float(param[2:])
        weights[name.lower()] = weight
    return weights


def choose_encoding(header: str | None, available: Iterable[str]) -> str | None:
    """The coding to send, from ``available`` (of ``br``, ``gzip``: the copies a file has) and
    the request's Accept-Encoding: ``"br"``, ``"gzip"``, ``"identity"`` (the file as it is), or
    None when the request refuses every one of them (answer 406). ``ValueError`` on a malformed
    weight.

    RFC 9110, section 12.5.3: the highest weight wins, q=0 is "not acceptable", ``*`` weighs
    every coding the header does not name. The choices where it leaves room:
    - no header, or an empty one: the file as it is (no coding is asked for; the RFC's "any
      coding is acceptable" without the header is not a request for one);
    - equal weights: br, then gzip, then identity (the smaller download first);
    - identity, unnamed, is the fallback rather than a competitor ("gzip;q=0.5" gets gzip),
      refused only by "identity;q=0", or "*;q=0" without an identity entry.
    """
    weights = accepted_encodings(header or "")
    wildcard = weights.get("*")
    candidates = []
    for rank, (name, _) in enumerate(ENCODINGS):
        if name in available:
            weight = weights.get(name, wildcard if wildcard is not None else 0.0)
            if weight > 0:
                candidates.append((-weight, rank, name))
    if IDENTITY in weights and weights[IDENTITY] > 0:
        candidates.append((-weights[IDENTITY], len(ENCODINGS), IDENTITY))
    if candidates:
        return min(candidates)[2]
    refused = weights.get(IDENTITY, wildcard if wildcard is not None else 1.0) == 0
    return None if refused else IDENTITY


def browser_files() -> Path | None:
    """The browser build an installed wheel carries (``bridge/dist/``), or None (a source
    checkout: its build is the repository's ``dist/``)."""
    return PACKAGED if (PACKAGED / "agent-bridge.js").is_file() else None


def _etag(sha256: str) -> str:
    return f'"{sha256}"'


def _matches(if_none_match: str, etag: str) -> bool:
    """If-None-Match's weak comparison (RFC 9110, section 13.1.2): ``*``, or one of the listed
    tags with or without ``W/``."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


class _File:
    """One file of the build: where it is, its ETag, and its precompressed copies."""

    __slots__ = ("path", "etag", "size", "copies")

    def __init__(self, path: Path, sha256: str, size: int):
        self.path, self.etag, self.size = path, _etag(sha256), size
        self.copies: dict[str, _File] = {}  # coding -> the copy


class BrowserFiles:
    """A WSGI app serving a build's files (GET and HEAD): see the module's docstring.

    ``directory``: a built ``dist/`` (with its manifest.json); None, the packaged build
    (:func:`browser_files`). ``cache``: ``"immutable"`` (the default, for a versioned path) or
    ``"revalidate"`` (``no-cache``: every use asks again, answered 304 when unchanged; for a
    path that outlives a version).
    """

    def __init__(self, directory: str | Path | None = None, *,
                 cache: Literal["immutable", "revalidate"] = "immutable"):
        if cache not in CACHE_CONTROL:
            raise InvalidArgument(f"cache must be one of {', '.join(CACHE_CONTROL)}, not {cache!r}")
        if directory is None:
            directory = browser_files()
            if directory is None:
                raise InvalidArgument("this installation of agent-bridge carries no browser build (bridge/dist/): "
                                      "install the wheel build.py --package writes, or pass the folder of a "
                                      "build (BrowserFiles('dist'))")
        self.directory = Path(directory).resolve()
        self.cache_control = CACHE_CONTROL[cache]
        self._files = self._load(self.directory)

    @staticmethod
    def _load(directory: Path) -> dict[str, _File]:
        manifest_path = directory / MANIFEST
        if not (directory / "agent-bridge.js").is_file() or not manifest_path.is_file():
            raise InvalidArgument(f"{directory} is not a browser build (no agent-bridge.js and manifest.json): "
                                  "build it with python build.py")
        data = manifest_path.read_bytes()
        listed = json.loads(data)["files"]
        every = {MANIFEST: _File(manifest_path, hashlib.sha256(data).hexdigest(), len(data))}
        for name, entry in listed.items():
            # The manifest is the build's own, but a name that leaves the folder is refused all the same.
            parts = PurePosixPath(name).parts
            if name.startswith("/") or "\\" in name or any(part in ("..", ".", "") for part in parts):
                raise InvalidArgument(f"{manifest_path} lists {name!r}, a path outside the build")
            every[name] = _File(directory.joinpath(*parts), entry["sha256"], entry["bytes"])
        files = {}
        for name, file in every.items():
            original = next((name[: -len(suffix)] for _, suffix in ENCODINGS if name.endswith(suffix)), None)
            if original in every:
                continue  # a copy is a representation of its original, not a URL of its own
            files[name] = file
            for coding, suffix in ENCODINGS:
                if name + suffix in every:
                    file.copies[coding] = every[name + suffix]
        return files

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return self._answer(start_response, "405 Method Not Allowed", [("Allow", "GET, HEAD")], method)
        file = self._files.get(self._name(environ.get("PATH_INFO", "")))
        if file is None:
            return self._answer(start_response, "404 Not Found", method=method)
        try:
            coding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING"), file.copies)
        except ValueError:
            return self._answer(start_response, "400 Bad Request", method=method)
        if coding is None:
            # The answer depends on Accept-Encoding (Vary), and is no file to keep (no-store, as
            # every error here): a shared cache keeping it for a year would fail every boot.
            return self._answer(start_response, "406 Not Acceptable", [("Vary", "Accept-Encoding")], method)
        headers = [("Cache-Control", self.cache_control)]
        if file.copies:
            headers.append(("Vary", "Accept-Encoding"))
        sent = file.copies.get(coding, file)
        headers.append(("ETag", sent.etag))
        if _matches(environ.get("HTTP_IF_NONE_MATCH", ""), sent.etag):
            start_response("304 Not Modified", headers)
            return []
        headers += [("Content-Type", content_type(file.path.name)), ("Content-Length", str(sent.size)),
                    ("X-Content-Type-Options", "nosniff")]
        if sent is not file:
            # The body is the file once decoded, so the shim's integrity check still holds.
            headers.append(("Content-Encoding", coding))
        try:
            handle = sent.path.open("rb")
        except OSError:  # listed but gone: a build changed under a running server
            return self._answer(start_response, "404 Not Found", method=method)
        if os.fstat(handle.fileno()).st_size != sent.size:
            # dist/ was rebuilt under a running server: its length and ETag are the old build's
            # (read at start), the file the new one's. Refused rather than served mislabelled.
            handle.close()
            return self._answer(start_response, "503 Service Unavailable", method=method)
        start_response("200 OK", headers)
        if method == "HEAD":
            handle.close()
            return []
        wrapper = environ.get("wsgi.file_wrapper")
        return wrapper(handle, 1 << 16) if wrapper else _chunks(handle)

    @staticmethod
    def _name(path_info: str) -> str:
        """The manifest name a request's path asks for, or "" (no such name). PATH_INFO is
        already decoded by the server: decoding it again (``%2e%2e``) would be a second,
        unasked-for decoding, so it is not."""
        try:
            path = path_info.encode("latin-1").decode("utf-8")  # PEP 3333: bytes as latin-1
        except UnicodeError:
            return ""
        return path[1:] if path.startswith("/") else ""

    @staticmethod
    def _answer(start_response, status: str, headers: list | None = None, method: str = "GET"):
        # An error is never cached (no-store): a 404 kept for a year by a CDN would outlive the fix.
        body = status.encode() + b"\n"
        start_response(status, [*(headers or []), ("Cache-Control", "no-store"), ("Content-Type", "text/plain"),
                                ("Content-Length", str(len(body)))])
        return [] if method == "HEAD" else [body]


def _chunks(handle, size: int = 1 << 16):
    with handle:
        while chunk := handle.read(size):
            yield chunk


# -- python -m bridge static DEST ----------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parent


def build_files(directory: Path) -> list[str]:
    """The names of a build's files: manifest.json's, and manifest.json (what BrowserFiles
    serves, with the precompressed copies)."""
    return sorted({*json.loads((directory / MANIFEST).read_text())["files"], MANIFEST})


def copy_build(source: Path, dest: Path) -> list[str]:
    """Copy the build in ``source`` into ``dest`` (made if missing; files of the same names are
    replaced, others left alone); the names copied. ``InvalidArgument`` for a ``dest`` inside
    the installed package: a copy there would land in bridge/dist/ or beside the code, where the
    next install or uninstall removes it, or would copy the build onto itself."""
    import shutil

    source, dest = source.resolve(), dest.resolve()
    if dest == PACKAGE or PACKAGE in dest.parents:
        raise InvalidArgument(f"{dest} is inside the installed package ({PACKAGE}): "
                              "copy the browser files to a folder of your web server's")
    if not (source / MANIFEST).is_file():
        raise InvalidArgument(f"{source} is not a browser build (no {MANIFEST})")
    names = build_files(source)
    for name in names:
        target = dest.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source.joinpath(*PurePosixPath(name).parts), target)
    return names


def add_command(commands) -> None:
    """Add ``static`` to the subcommands of ``python -m bridge``."""
    what = "copy the packaged browser files (with their .br/.gz copies) to a folder your web server serves"
    static = commands.add_parser("static", help=what, description=what + ", under a versioned path")
    static.add_argument("dest", metavar="DEST", type=Path, help="the folder to copy them into (made if missing)")
    static.set_defaults(run=run_static)


def run_static(args) -> int:
    import sys

    from . import __version__

    source = browser_files()
    if source is None:
        print("python -m bridge static: this installation of agent-bridge carries no browser build "
              f"({PACKAGED} has no agent-bridge.js): install the wheel build.py --package writes, "
              "or serve the repository's dist/ after python build.py", file=sys.stderr)
        return 2
    try:
        names = copy_build(source, args.dest)
    except (InvalidArgument, OSError) as error:
        print(f"python -m bridge static: {error}", file=sys.stderr)
        return 2
    dest = args.dest.resolve()
    copies = [name for name in names if name.endswith(tuple(suffix for _, suffix in ENCODINGS))]
    size = sum((dest / name).stat().st_size for name in names)
    for name in names:
        print(name)
    print(f"copied agent-bridge {__version__}'s browser files to {dest}: {len(names)} files "
          f"({len(names) - len(copies)} and {len(copies)} Brotli/gzip copies), {size / 1e6:.1f} MB. "
          f"Serve them under a versioned path (/static/agent-bridge/{__version__}/), as the README's "
          "\"Serving dist/ in production\" says.")
    return 0
