"""Serve a WSGI app (a fake) on 127.0.0.1, in a background thread: HTTP/1.1 with keep-alive,
one thread per connection, so pooled clients reuse their connections and concurrent requests
are answered side by side.

``bridge.dev.server`` also mounts WSGI apps, but through ``wsgiref``'s gateway, which answers in
HTTP/1.0 fashion: it closes the connection after every answer (a benchmark would time TCP
handshakes), and it normalizes the path (``..`` and ``//`` in an external_id would be rewritten).
Here the app's answer is buffered (the fakes' answers are small) and sent with its length, and
PATH_INFO is the URL's path as PEP 3333 says (percent-decoded bytes, as latin-1 text).
"""

from __future__ import annotations

import io
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator
from urllib.parse import unquote_to_bytes, urlsplit

from .wsgi import MAX_BODY

WsgiApp = Callable  # (environ, start_response) -> iterable of bytes


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    app: WsgiApp  # set per server by serving()
    # An idle kept-alive connection is closed after a minute (a pool notices and reconnects).
    timeout = 60
    # The headers and the body are two writes: with Nagle's algorithm, the body waits for the
    # client's delayed ACK of the headers (40 ms a request on Linux loopback).
    disable_nagle_algorithm = True

    def _run(self) -> None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            # Every client of the fakes sends a length (httpx2, fetch); refusing beats guessing.
            self._plain(411, b"Send the body with a Content-Length")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._plain(400, b"Bad Content-Length")
            return
        if length > MAX_BODY:
            self._plain(413, b"The body is too large for a fake")
            return
        body = self.rfile.read(length) if length else b""
        target = urlsplit(self.path)
        environ = {
            "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False,
            "REQUEST_METHOD": self.command, "SCRIPT_NAME": "",
            "PATH_INFO": unquote_to_bytes(target.path).decode("latin-1"), "QUERY_STRING": target.query,
            "SERVER_NAME": self.server.server_address[0], "SERVER_PORT": str(self.server.server_address[1]),
            "SERVER_PROTOCOL": self.request_version, "REMOTE_ADDR": self.client_address[0],
            "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(length) if length else "",
        }
        for name in set(self.headers.keys()):
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[key] = ",".join(self.headers.get_all(name))
        answer: dict = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return lambda data: answer.setdefault("written", []).append(data)

        chunks = self.app(environ, start_response)
        try:
            data = b"".join(answer.get("written", [])) + b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        code, _, reason = answer["status"].partition(" ")
        if any(name.lower() == "date" for name, _ in answer["headers"]):
            # The app tells its own time (a fake with a skewed clock): one Date, the app's.
            self.log_request(int(code))
            self.send_response_only(int(code), reason)
            self.send_header("Server", self.version_string())
        else:
            self.send_response(int(code), reason)
        for name, value in answer["headers"]:
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _run

    def _plain(self, code: int, text: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(text)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(text)
        self.close_connection = True

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # idle kept-alive connections never hold up a shutdown

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up
            return
        super().handle_error(request, client_address)


@contextmanager
def serving(app: WsgiApp, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``app`` while the block runs; yields its base URL, ``http://127.0.0.1:PORT``
    (``port=0``: a free one). The server stops when the block ends."""
    server = _Server((host, port), type("Handler", (_Handler,), {"app": staticmethod(app)}))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="agent-bridge-fake", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
