"""What both fakes are made of: a WSGI application with a request log, the fault knobs in its
pipeline, and CORS for one exact origin.

A fake is its own WSGI callable: ``httpx2.Client(transport=httpx2.WSGITransport(app=fake))``
in-process, :meth:`FakeApp.serve` (or :func:`bridge.testing.fakes.serve.serving`) on 127.0.0.1.
Its state is guarded by one lock, held while a request is handled (each handler is quick), never
while a ``slow`` knob waits, so concurrent requests on a served fake overlap.
"""

from __future__ import annotations

import abc
import json
import re
import sys
import threading
import time
import traceback
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from typing import Callable, Iterator
from urllib.parse import parse_qs

from ...component.optiontypes import Origin
from .faults import DELAY, FAILURE, Failure, Faults

# A fake takes what a test sends; far larger bodies are a test's bug, refused before reading.
MAX_BODY = 16 * 1024 * 1024
# The request log keeps the latest requests: a fake serving a long demo must not grow forever.
LOG_SIZE = 100_000


def reason(status: int) -> str:
    """The reason phrase of ``status`` (a knob may ask for one the standard library does not name)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error" if status >= 400 else "OK"


class BadRequest(Exception):
    """A request the fake cannot read; the handler turns it into the vendor's error answer."""


@dataclass(frozen=True)
class RecordedRequest:
    """One request a fake answered, as ``fake.requests`` lists it."""

    method: str
    path: str  # decoded, without the query
    query: str  # the raw query string ("limit=50&offset=100"), "" when none
    authorized: bool  # it carried a credential the fake took (a valid token or API key)
    status: int  # what the fake answered


class Request:
    """A request as a fake's handlers read it."""

    def __init__(self, environ: dict):
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        self.path = _decoded_path(environ.get("PATH_INFO", "") or "/")
        self.query_string = environ.get("QUERY_STRING", "")
        self.headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items()
                        if key.startswith("HTTP_")}
        content_type = environ.get("CONTENT_TYPE", "")
        self.content_type = content_type.split(";")[0].strip().lower()
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self.body, self.body_error = b"", "the body's Content-Length is missing, malformed or over the limit"
        else:
            self.body, self.body_error = (environ["wsgi.input"].read(length) if length else b""), None

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string, keep_blank_values=True)

    def form(self) -> dict[str, list[str]]:
        """The form-encoded body's fields (each a list of its values)."""
        if self.body_error:
            raise BadRequest(self.body_error)
        try:
            return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise BadRequest("the form is not UTF-8") from None

    def json(self):
        """The JSON body; :class:`BadRequest` when it is not JSON."""
        if self.body_error:
            raise BadRequest(self.body_error)
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest("the body is not JSON") from None


def _decoded_path(path: str) -> str:
    """PATH_INFO as text. PEP 3333 servers (serve.py) give the URL's bytes as latin-1; httpx2's
    WSGITransport gives the decoded text: read the first as UTF-8, keep the second."""
    try:
        return path.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return path


@dataclass
class Response:
    status: int
    body: bytes
    headers: list[tuple[str, str]]

    @classmethod
    def json(cls, status: int, value, headers: list[tuple[str, str]] | None = None) -> Response:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return cls(status, body, [("Content-Type", "application/json"), *(headers or [])])

    @classmethod
    def text(cls, status: int, text: str, headers: list[tuple[str, str]] | None = None) -> Response:
        return cls(status, text.encode("utf-8"), [("Content-Type", "text/plain; charset=utf-8"), *(headers or [])])


def find_route(routes, prefix: str, request: "Request") -> tuple[tuple | None, dict, list[str]]:
    """The route of ``request`` among ``routes`` (tuples that begin with a method and a compiled
    pattern of the path after ``prefix``): ``(route, path params, [])``, or ``(None, {}, the
    methods the path has)``: a 405 with that ``Allow`` when there are some, else a 404."""
    rest = request.path[len(prefix):] if request.path.startswith(prefix + "/") else None
    allowed: list[str] = []
    if rest is not None:
        for route in routes:
            match = route[1].fullmatch(rest)
            if match is None:
                continue
            if route[0] != request.method:
                allowed.append(route[0])
                continue
            return route, match.groupdict(), []
    return None, {}, allowed


def checked_origin(origin: str | None) -> str | None:
    """``cors_origin`` as given, once it is an exact origin (the bridge's one origin grammar)."""
    if origin is not None and (not isinstance(origin, str) or not re.fullmatch(Origin.PATTERN, origin)):
        raise ValueError(f"cors_origin must be one exact origin like http://127.0.0.1:8000 "
                         f"(scheme, host, optional port, nothing else); got {origin!r}")
    return origin


class FakeApp(Faults):
    """The pipeline of a fake: log, CORS, knobs, then the fake's own handler.

    A subclass sets ``LOGIN_PATH`` and ``CORS_METHODS`` and implements ``_handle`` (the answer,
    called with the state locked), ``_authorized`` (whether the request carries a credential the
    fake takes) and ``_fault_answer`` (the body of a ``fail_next`` status, in the vendor's shape).
    """

    LOGIN_PATH: str
    CORS_METHODS: str
    # Headers a browser's script may read from an answer (Retry-After is not CORS-safelisted).
    CORS_EXPOSED = "Retry-After, WWW-Authenticate"

    url: str | None = None  # http://127.0.0.1:PORT while served by serve(), else None

    def __init__(self, *, cors_origin: str | None = None, sleep: Callable[[float], None] = time.sleep):
        super().__init__()
        self.cors_origin = checked_origin(cors_origin)
        self._sleep = sleep
        self._lock = threading.RLock()
        self._log: deque[RecordedRequest] = deque(maxlen=LOG_SIZE)
        self._logins = 0

    # -- what tests read -------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests answered so far, oldest first (the latest 100,000), CORS preflights included."""
        with self._lock:
            return list(self._log)

    @property
    def login_count(self) -> int:
        """How many login requests (``POST`` to the login path) arrived, whatever they were
        answered (a refused or faulted login counts)."""
        with self._lock:
            return self._logins

    def clear_requests(self) -> None:
        """Forget the request log and the login count (the state stays)."""
        with self._lock:
            self._log.clear()
            self._logins = 0

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Serve this fake on 127.0.0.1 (a free port) while the block runs; yields the base URL,
        also in ``self.url``."""
        from .serve import serving

        with serving(self) as url:
            self.url = url
            try:
                yield url
            finally:
                self.url = None

    # -- the pipeline ----------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        request = Request(environ)
        origin = request.headers.get("origin")
        if request.method == "OPTIONS" and origin is not None and "access-control-request-method" in request.headers:
            response, authorized = self._preflight(origin), False
        else:
            delay = self._take(DELAY, request.path)
            if delay:
                self._sleep(delay)  # outside the lock: concurrent requests wait side by side
            response, authorized = self._answer(request, environ)
        if self.cors_origin is not None:
            response.headers.append(("Vary", "Origin"))
            if origin == self.cors_origin:
                response.headers += [("Access-Control-Allow-Origin", origin),
                                     ("Access-Control-Expose-Headers", self.CORS_EXPOSED)]
        with self._lock:
            self._log.append(RecordedRequest(request.method, request.path, request.query_string, authorized,
                                             response.status))
        headers = response.headers + [("Content-Length", str(len(response.body)))]
        start_response(f"{response.status} {reason(response.status)}", headers)
        return [response.body]

    def _answer(self, request: Request, environ: dict) -> tuple[Response, bool]:
        with self._lock:
            if request.method == "POST" and request.path == self.LOGIN_PATH:
                self._logins += 1
            authorized = self._authorized(request)
            failure: Failure | None = self._take(FAILURE, request.path)
            if failure is not None:
                response = self._fault_answer(request, failure.status)
                if failure.retry_after is not None:
                    response.headers.append(("Retry-After", str(failure.retry_after)))
                return response, authorized
            try:
                return self._handle(request), authorized
            except Exception:  # a bug in the fake: the vendor's "unexpected exception", and its traceback
                traceback.print_exc(file=environ.get("wsgi.errors") or sys.stderr)
                return self._fault_answer(request, 500), authorized

    def _preflight(self, origin: str) -> Response:
        """A CORS preflight: allowed for the one configured origin, refused for any other."""
        if self.cors_origin is None or origin != self.cors_origin:
            return Response.text(403, "CORS is not allowed for this origin")
        return Response(204, b"", [("Access-Control-Allow-Methods", self.CORS_METHODS),
                                   ("Access-Control-Allow-Headers", "Authorization, Content-Type"),
                                   ("Access-Control-Max-Age", "600")])

    @abc.abstractmethod
    def _handle(self, request: Request) -> Response:
        """The fake's answer (the state is locked)."""

    @abc.abstractmethod
    def _authorized(self, request: Request) -> bool:
        """Whether the request carries a credential the fake takes now."""

    @abc.abstractmethod
    def _fault_answer(self, request: Request, status: int) -> Response:
        """The answer of an injected ``status`` (and of a bug in the fake, 500), in the vendor's shape."""
