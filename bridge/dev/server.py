"""A small file server for dist/ and the pages that use it (demo and tests).

Build-time and test tooling, never loaded in the browser. It maps URL prefixes to folders,
serves the types the bridge needs (``.mjs`` as JavaScript, ``.wasm`` as application/wasm so
streaming compilation works), speaks HTTP/1.1, and refuses paths that leave their folder.
A prefix may also map to a WSGI application (the SSO token endpoint, a CRM's own views), run
through the standard library's ``wsgiref`` gateway.
"""

from __future__ import annotations

import mimetypes
import posixpath
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Union
from urllib.parse import unquote, urlsplit
from wsgiref.simple_server import ServerHandler

WsgiApp = Callable  # (environ, start_response) -> iterable of bytes
Route = Union[Path, str, WsgiApp]

TYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
    ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
    ".ts": "text/plain", ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml",
}


# Precompressed copies build.py writes beside a file, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def _accepts(header: str, encoding: str) -> bool:
    """Whether an Accept-Encoding header allows ``encoding`` (q=0 refuses it)."""
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() == encoding:
            q = params.strip().lower()
            return not (q.startswith("q=") and float(q[2:] or 0) == 0)
    return False


class _Gateway(ServerHandler):
    # wsgiref copies the whole process environment into every request's environ by default;
    # an app's secret (AGENT_BRIDGE_SSO_SECRET) has no business there.
    os_environ: dict[str, str] = {}


def _under(path: str, prefix: str) -> bool:
    return path == prefix.rstrip("/") or path.startswith(prefix)


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # (URL prefix, folder or WSGI app), longest prefix first: start_server sorts them once.
    mounts: list[tuple[str, Union[Path, WsgiApp]]] = []
    extra_headers: dict[str, str] = {}

    def do_GET(self):
        if not self._run_app():
            super().do_GET()

    def do_HEAD(self):
        if not self._run_app():
            super().do_HEAD()

    def do_POST(self):
        if not self._run_app():
            self.send_error(405, "Only WSGI routes answer POST")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _run_app(self) -> bool:
        """Answer through the WSGI app mounted over this path, if any (a longer folder prefix wins)."""
        path = posixpath.normpath(unquote(urlsplit(self.path).path))
        prefix, app = next(((prefix, target) for prefix, target in self.mounts if _under(path, prefix)), ("", None))
        if not callable(app):
            return False
        gateway = _Gateway(self.rfile, self.wfile, sys.stderr, self._environ(prefix, path), multithread=True)
        gateway.request_handler = self
        gateway.run(app)
        # wsgiref answers in HTTP/1.0 without a promise about the body's end: close.
        self.close_connection = True
        return True

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

    _encoding: tuple[str, str] | None = None  # (Content-Encoding, file suffix) of this response
    _has_variants = False  # the file has precompressed copies: the response varies by Accept-Encoding

    def parse_request(self):
        # One handler serves every request of a kept-alive connection: start each one clean.
        self._encoding, self._has_variants = None, False
        return super().parse_request()

    def send_head(self):
        # A precompressed copy when the browser takes it; the body is the same file once decoded,
        # so Subresource Integrity still holds.
        self._encoding = None
        path = self.translate_path(self.path)
        if Path(path).is_file():
            accepted = self.headers.get("Accept-Encoding", "")
            variants = [(name, suffix) for name, suffix in ENCODINGS if Path(path + suffix).is_file()]
            self._encoding = next(((name, suffix) for name, suffix in variants if _accepts(accepted, name)), None)
            self._has_variants = bool(variants)
        return super().send_head()

    def translate_path(self, path: str) -> str:
        target = self._translate(path)
        return target + self._encoding[1] if self._encoding else target

    def _translate(self, path: str) -> str:
        path = posixpath.normpath(unquote(urlsplit(path).path))
        for prefix, folder in self.mounts:
            if isinstance(folder, Path) and _under(path, prefix):
                relative = path[len(prefix):].lstrip("/")
                target = (folder / relative).resolve()
                if target == folder or folder in target.parents:
                    return str(target)
        return str(Path("/nonexistent"))

    def guess_type(self, path) -> str:
        path = str(path)
        if self._encoding and path.endswith(self._encoding[1]):
            path = path[: -len(self._encoding[1])]  # the type of what it decodes to
        return TYPES.get(Path(path).suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"

    def end_headers(self):
        # Revalidate every time: a rebuilt dist/ must never be mixed with a cached one.
        self.send_header("Cache-Control", "no-cache")
        if self._encoding:
            self.send_header("Content-Encoding", self._encoding[0])
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

    The longest matching prefix wins. A WSGI app gets the prefix as ``SCRIPT_NAME`` and the
    rest as ``PATH_INFO``. ``headers`` are added to every file response (e.g. COOP/COEP for
    cross-origin isolation); a WSGI app sets its own.
    The caller stops it with ``server.shutdown()`` then ``server.server_close()``;
    ``server.server_address`` has the port.
    """
    mounts = [(prefix, target if callable(target) else Path(target).resolve()) for prefix, target in routes.items()]
    handler = type("Handler", (_Handler,), {
        "mounts": sorted(mounts, key=lambda mount: -len(mount[0])),
        "extra_headers": dict(headers or {}),
    })
    server = _Server((host, port), handler)
    threading.Thread(target=server.serve_forever, name="agent-bridge-devserver", daemon=True).start()
    return server
