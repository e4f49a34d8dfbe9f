"""A small file server for dist/ and the pages that use it (demo and tests).

Build-time and test tooling, never loaded in the browser. It maps URL prefixes to folders,
serves the types the bridge needs (``.mjs`` as JavaScript, ``.wasm`` as application/wasm so
streaming compilation works), speaks HTTP/1.1, and refuses paths that leave their folder.
A prefix may also map to a WSGI application (the SSO token endpoint, a CRM's own views), run
through the standard library's ``wsgiref`` gateway.
"""

from __future__ import annotations

import posixpath
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Union
from urllib.parse import unquote, urlsplit
from wsgiref.simple_server import ServerHandler

# The types, the precompressed copies and the Accept-Encoding choice are production's
# (bridge.serving, which BrowserFiles uses): the dev server answers as a CRM's server would.
from .. import serving

WsgiApp = Callable  # (environ, start_response) -> iterable of bytes
Route = Union[Path, str, WsgiApp]


class _Gateway(ServerHandler):
    # wsgiref copies the whole process environment into every request's environ by default;
    # an app's secret (AGENT_BRIDGE_SSO_SECRET) has no business there.
    os_environ: dict[str, str] = {}


def _under(path: str, prefix: str) -> bool:
    """Whether ``prefix`` mounts ``path``, segment by segment: ``/crm`` mounts ``/crm`` and
    ``/crm/...``, never ``/crmx``."""
    base = prefix.rstrip("/")
    return path == base or path.startswith(base + "/")


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # (URL prefix, folder or WSGI app), longest prefix first: start_server sorts them once.
    mounts: list[tuple[str, Union[Path, WsgiApp]]] = []
    extra_headers: dict[str, str] = {}

    def do_GET(self):
        self._route(super().do_GET)

    def do_HEAD(self):
        self._route(super().do_HEAD)

    def do_POST(self):
        self._route(lambda: self.send_error(405, "Only WSGI routes answer " + self.command))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    _path = "/"  # this request's path, decoded and normalized (set by _route)

    def _route(self, serve_file: Callable[[], None]) -> None:
        """Answer through the WSGI app mounted over the request's path, else as a file.

        A path that no file or app can have is a bad request, answered 400: the standard
        library would raise on a NUL byte and drop the connection with a traceback.
        """
        path = unquote(urlsplit(self.path).path)
        if not path.startswith("/") or "\0" in path:
            self.send_error(400, "The path must start with / and hold no NUL byte")
            return
        self._path = posixpath.normpath(path)
        prefix, app = self._mount(self._path)
        if callable(app):
            self._run_app(prefix, app)
        else:
            serve_file()

    def _mount(self, path: str) -> tuple[str, Union[Path, WsgiApp, None]]:
        """The mount that answers ``path``: the longest prefix over it, alone (no fallback to a
        shorter one)."""
        return next(((prefix, target) for prefix, target in self.mounts if _under(path, prefix)), ("", None))

    def _run_app(self, prefix: str, app: WsgiApp) -> None:
        gateway = _Gateway(self.rfile, self.wfile, sys.stderr, self._environ(prefix, self._path), multithread=True)
        gateway.request_handler = self
        gateway.run(app)
        # wsgiref answers in HTTP/1.0 without a promise about the body's end: close.
        self.close_connection = True

    def _environ(self, prefix: str, path: str) -> dict:
        script = prefix.rstrip("/")
        host, port = self.server.server_address[:2]
        environ = {
            "REQUEST_METHOD": self.command, "SCRIPT_NAME": script, "PATH_INFO": path[len(script):],
            "QUERY_STRING": urlsplit(self.path).query, "SERVER_NAME": str(host), "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": self.request_version, "REMOTE_ADDR": self.client_address[0],
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": self.headers.get("Content-Length", ""),
        }
        for name in set(self.headers.keys()):
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[key] = ",".join(self.headers.get_all(name))
        return environ

    _file: Path | None = None  # what this response sends: the file, or its precompressed copy
    _encoding: str | None = None  # the Content-Encoding of that copy
    _has_variants = False  # the file has precompressed copies: the response varies by Accept-Encoding

    def parse_request(self):
        # One handler serves every request of a kept-alive connection: start each one clean.
        self._file, self._encoding, self._has_variants = None, None, False
        return super().parse_request()

    def send_head(self):
        accept = self.headers.get("Accept-Encoding", "")
        try:
            serving.accepted_encodings(accept)  # malformed: 400, for every path
        except ValueError as error:
            self.send_error(400, "Bad Accept-Encoding", str(error))  # the client's text in the body only
            return None
        path = self._path
        if urlsplit(self.path).path.endswith("/"):
            # A folder's index.html, found here so that it passes the containment check too
            # (the base class would open one that is a symlink out of the folder). Folders
            # are never listed.
            path = posixpath.join(path, "index.html")
        self._file = self._contained(path)
        if self._file is not None and self._file.is_file():
            # A precompressed copy when the browser takes it; the body is the same file once
            # decoded, so Subresource Integrity still holds.
            variants = [(name, copy) for name, suffix in serving.ENCODINGS
                        if (copy := self._contained(path + suffix)) is not None and copy.is_file()]
            self._has_variants = bool(variants)
            coding = serving.choose_encoding(accept, dict(variants))
            if coding is None:
                self.send_error(406, "No acceptable encoding", "Accept-Encoding refuses the file as it is")
                return None
            if coding != serving.IDENTITY:
                self._encoding, self._file = coding, dict(variants)[coding]
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # send_head chose the file (the base class asks again with the raw path: ignored).
        return str(self._file or "/nonexistent")

    def _contained(self, path: str) -> Path | None:
        """The file or folder a URL path names inside the folder mounted over it; None when
        no folder is, or when it lies outside that folder (a symlink that leads out)."""
        prefix, folder = self._mount(path)
        if not isinstance(folder, Path):
            return None
        try:
            target = (folder / path[len(prefix.rstrip("/")):].lstrip("/")).resolve()
        except (OSError, RuntimeError):  # a name too long, a symlink loop
            return None
        return target if target == folder or folder in target.parents else None

    def guess_type(self, path) -> str:
        path = str(path)
        suffix = dict(serving.ENCODINGS).get(self._encoding)
        if suffix and path.endswith(suffix):
            path = path[: -len(suffix)]  # the type of what it decodes to
        return serving.content_type(path)

    def end_headers(self):
        # Revalidate every time: a rebuilt dist/ must never be mixed with a cached one.
        self.send_header("Cache-Control", "no-cache")
        if self._encoding:
            self.send_header("Content-Encoding", self._encoding)
        if self._has_variants:
            self.send_header("Vary", "Accept-Encoding")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that stops a download (a page closed, a test ended) is not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def start_server(routes: dict[str, Route], host: str = "127.0.0.1", port: int = 0,
                 headers: dict[str, str] | None = None) -> ThreadingHTTPServer:
    """Serve ``routes`` (URL prefix -> folder, or -> WSGI app) in a background thread;
    ``port=0`` picks one.

    The longest matching prefix wins, on whole path segments (``/crm`` is not over ``/crmx``).
    A WSGI app gets the prefix as ``SCRIPT_NAME`` and the rest as ``PATH_INFO``. ``headers``
    are added to every file response (e.g. COOP/COEP for cross-origin isolation); a WSGI app
    sets its own.
    The caller stops it with ``server.shutdown()`` then ``server.server_close()``;
    ``server.server_address`` has the port.
    """
    return serve(listen(host, port), routes, headers)


def listen(host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server bound to its port, answering nothing until ``serve`` gives it its routes: two
    servers whose routes name each other's origin are both bound first."""
    return _Server((host, port), _Handler)


def serve(server: ThreadingHTTPServer, routes: dict[str, Route],
          headers: dict[str, str] | None = None) -> ThreadingHTTPServer:
    """Serve ``routes`` on a server from ``listen``, as ``start_server`` does."""
    mounts = [(prefix, target if callable(target) else Path(target).resolve()) for prefix, target in routes.items()]
    server.RequestHandlerClass = type("Handler", (_Handler,), {
        "mounts": sorted(mounts, key=lambda mount: -len(mount[0])),
        "extra_headers": dict(headers or {}),
    })
    # A short poll so that shutdown() returns in 50 ms, not the default half second (test
    # fixtures stop servers often).
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     name="agent-bridge-devserver", daemon=True).start()
    return server
