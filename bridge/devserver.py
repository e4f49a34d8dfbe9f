"""A small static file server for dist/ and the pages that use it (demo and tests).

Build-time and test tooling, never loaded in the browser. It maps URL prefixes to folders,
serves the types the bridge needs (``.mjs`` as JavaScript, ``.wasm`` as application/wasm so
streaming compilation works), speaks HTTP/1.1, and refuses paths that leave their folder.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {
    ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
    ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip",
    ".ts": "text/plain", ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml",
}


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict[str, Path] = {}
    extra_headers: dict[str, str] = {}

    def translate_path(self, path: str) -> str:
        path = posixpath.normpath(unquote(urlsplit(path).path))
        for prefix, folder in sorted(self.routes.items(), key=lambda item: -len(item[0])):
            if path == prefix.rstrip("/") or path.startswith(prefix):
                relative = path[len(prefix):].lstrip("/")
                target = (folder / relative).resolve()
                if target == folder or folder in target.parents:
                    return str(target)
        return str(Path("/nonexistent"))

    def guess_type(self, path) -> str:
        return TYPES.get(Path(str(path)).suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"

    def end_headers(self):
        # Revalidate every time: a rebuilt dist/ must never be mixed with a cached one.
        self.send_header("Cache-Control", "no-cache")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def start_server(routes: dict[str, Path | str], host: str = "127.0.0.1", port: int = 0,
                 headers: dict[str, str] | None = None) -> ThreadingHTTPServer:
    """Serve ``routes`` (URL prefix -> folder) in a background thread; ``port=0`` picks one.

    ``headers`` are added to every response (e.g. COOP/COEP for cross-origin isolation).
    The caller stops it with ``server.shutdown()`` then ``server.server_close()``;
    ``server.server_address`` has the port.
    """
    handler = type("Handler", (_Handler,), {
        "routes": {p: Path(f).resolve() for p, f in routes.items()},
        "extra_headers": dict(headers or {}),
    })
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="agent-bridge-devserver", daemon=True).start()
    return server
