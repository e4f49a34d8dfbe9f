"""Test doubles for the clients' core: a UCS-shaped server for ``httpx2.MockTransport``, a clock
and a sleep that only record. Not the WSGI fakes (bridge/testing/fakes): the core is proved on
its own, with answers each test scripts.

The server issues ``token_value(1)``, ``token_value(2)``... on each login, accepts a call only with a token it
issued and has not revoked (else 401, as an OAuth resource server answers an invalid token),
and answers each call with the next scripted answer (a response, an exception to raise, or a
function of the request), or with a success envelope naming the path and the token used.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx2

from bridge.clients.base import AsyncClient, SyncClient
from bridge.clients.calls import Call
from bridge.clients.redaction import Redactor
from bridge.clients.ucs.api import UcsApi, read_data

BASE = "https://ucs.test"
CLIENT_ID = "crm-service"
CLIENT_SECRET = "cs-Client-Secret-0042"
TOKEN_PATH = "/login/oauth2/token"


def token_value(n: int) -> str:
    """The value of the ``n``-th token the double issues."""
    return f"tok-{n}-Bearer-Value"


def envelope(data, success=True, status=200, **headers) -> httpx2.Response:
    return httpx2.Response(status, json={"success": success, "data": data}, headers=headers)


def get(path="/api/v1.0/things/1", **options) -> Call:
    return Call("things.get", "GET", path, read_data, **options)


def create(**options) -> Call:
    return Call("things.create", "POST", "/api/v1.0/things", read_data, json={"name": "Ann"}, **options)


class UcsDouble:
    def __init__(self, expires_in="3610"):
        self.expires_in = expires_in
        self.requests: list[httpx2.Request] = []
        self.logins = 0
        self.issued = 0
        self.valid: set[str] = set()
        self.login_script: list = []  # answers to the next logins (else a new token)
        self.script: list = []  # answers to the next API calls (else a success envelope)
        self.login_delay = 0.0  # seconds each login takes (threads overlap while it runs)
        self.login_gate: asyncio.Event | None = None  # async logins wait for it, when set
        self.login_after_refusals = 0  # logins wait until this many calls were refused (callers overlap)
        self.refusals = 0
        self._lock = threading.Lock()
        self._refused = threading.Condition(self._lock)

    # What the tests read.
    def paths(self) -> list[str]:
        return [request.url.path for request in self.requests]

    def tokens_used(self) -> list[str | None]:
        return [(r.headers.get("authorization") or "").removeprefix("Bearer ") or None
                for r in self.requests if r.url.path != TOKEN_PATH]

    def revoke_all(self) -> None:
        self.valid.clear()

    # The handlers.
    def handler(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.path == TOKEN_PATH:
            with self._lock:
                self.requests.append(request)
                self.logins += 1
            if self.login_delay:
                time.sleep(self.login_delay)
            with self._refused:
                assert self._refused.wait_for(lambda: self.refusals >= self.login_after_refusals, timeout=5)
            return self._login(request)
        return self._call(request)

    async def async_handler(self, request: httpx2.Request) -> httpx2.Response:
        if request.url.path == TOKEN_PATH:
            self.requests.append(request)
            self.logins += 1
            if self.login_delay:
                await asyncio.sleep(self.login_delay)
            if self.login_gate is not None:
                await self.login_gate.wait()
            async with asyncio.timeout(5):
                while self.refusals < self.login_after_refusals:
                    await asyncio.sleep(0)
            return self._login(request)
        await asyncio.sleep(0)  # a real round trip yields to the other tasks
        return self._call(request)

    def _login(self, request) -> httpx2.Response:
        with self._lock:
            answer = self.login_script.pop(0) if self.login_script else None
            if answer is None:
                self.issued += 1
                token = token_value(self.issued)
                self.valid.add(token)
                body = {"access_token": token, "token_type": "Bearer"}
                if self.expires_in is not None:
                    body["expires_in"] = self.expires_in
                return httpx2.Response(200, json=body)
        return _answer(answer, request)

    def _call(self, request) -> httpx2.Response:
        with self._lock:
            self.requests.append(request)
            token = (request.headers.get("authorization") or "").removeprefix("Bearer ")
            if token not in self.valid:
                self.refusals += 1
                self._refused.notify_all()
                return httpx2.Response(401, json={"success": False, "error": "invalid token"})
            answer = self.script.pop(0) if self.script else None
        if answer is None:
            return envelope({"path": request.url.path, "token": token})
        return _answer(answer, request)


def _answer(answer, request) -> httpx2.Response:
    if isinstance(answer, BaseException):
        raise answer
    if callable(answer):
        return answer(request)
    return answer


class KeyApi:
    """An API without a login (``login()`` is None): a fixed key on every request."""

    vendor = "Keyed"
    base_url = "https://keyed.test"

    def __init__(self, key: str):
        self._key = key

    def login(self):
        return None

    def authorize(self, token):
        assert token is None
        return (("X-Api-Key", self._key),)

    def rejects_token(self, response):
        return False


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def ucs_api(base=BASE) -> UcsApi:
    return UcsApi(base, CLIENT_ID, CLIENT_SECRET)


def sync_client(server: UcsDouble, *, sleeps: list | None = None, redactor: Redactor | None = None,
                **options) -> SyncClient:
    """A sync client on ``server``; its sleeps are recorded in ``sleeps`` (never slept)."""
    sleeps = [] if sleeps is None else sleeps
    options.setdefault("sleep", sleeps.append)
    return SyncClient(ucs_api(), redactor or Redactor(CLIENT_SECRET), transport=httpx2.MockTransport(server.handler),
                      **options)


def async_client(server: UcsDouble, *, sleeps: list | None = None, **options) -> AsyncClient:
    sleeps = [] if sleeps is None else sleeps

    async def sleep(seconds):
        sleeps.append(seconds)

    options.setdefault("sleep", sleep)
    return AsyncClient(ucs_api(), Redactor(CLIENT_SECRET), transport=httpx2.MockTransport(server.async_handler),
                       **options)


def body(request: httpx2.Request):
    return json.loads(request.content)


class LoopbackUcs:
    """A tiny threaded HTTP/1.1 server on 127.0.0.1 answering like UCS (any token accepted),
    counting the connections it accepts. ``ssl_context`` makes it HTTPS."""

    def __init__(self, ssl_context=None):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        outer = self
        self.connections = 0
        self.seen: list[tuple[str, str, str | None]] = []  # method, path, authorization

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                outer.seen.append((self.command, self.path, self.headers.get("Authorization")))
                if self.path == TOKEN_PATH:
                    data = {"access_token": token_value(1), "token_type": "Bearer", "expires_in": "3610"}
                else:
                    data = {"success": True, "data": {"path": self.path}}
                payload = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def verify_request(self, request, client_address):
                outer.connections += 1
                return True

            def handle_error(self, request, client_address):
                pass  # a client that gave up on the TLS handshake, or closed its pool

        self.httpd = Server(("127.0.0.1", 0), Handler)
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"{'https' if ssl_context else 'http'}://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
