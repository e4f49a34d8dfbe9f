"""What every receiver of a vendor's unsigned event posts shares: a WSGI app at a secret path that
validates a JSON body, answers at once, and hands the event to the CRM's callback and to
``async for`` loops from a worker thread of its own.

XUC's event export (seed 004) and Udesk's subscriptions (seed 003) POST JSON to a URL the CRM
gives them and sign nothing, so the only credential is the URL: :attr:`WebhookReceiver.path`
ends with a long random token, compared in constant time, and every other path answers the same
404 (nothing tells a prober that a receiver exists). A request is answered as soon as it is
validated (202), and the callback runs afterwards on the receiver's own worker thread, so a slow
CRM never delays the vendor. Payloads are not trusted: a CRM re-reads through the API before any
privileged change.

Answers: 404 any path but the receiver's; 405 not POST; 415 not JSON; 411 chunked or no
Content-Length; 413 over ``max_bytes`` (refused before reading); 400 malformed length, not UTF-8,
not JSON, nested deeper than ``max_depth``, not a JSON object; 503 (with ``Retry-After``) the
queue is full or the receiver is closed, so the vendor may send it again; 202 accepted, or a
duplicate.

A vendor's module subclasses :class:`WebhookReceiver`: :meth:`~WebhookReceiver._event` turns the
parsed body into the vendor's event, :meth:`~WebhookReceiver._identity` says what duplicates are
recognized by (the canonical JSON's hash unless overridden), and the class attributes name the
vendor in the logs and the worker thread.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import hmac
import json
import logging
import queue
import re
import secrets
import threading
import time
import weakref
from typing import Any, Callable, ClassVar, Generic, TypeVar

from .errors import InvalidArgument

E = TypeVar("E")

log = logging.getLogger("bridge.clients.webhooks")

# Both spellings of JSON: XUC's other JSON uploads are sent as text/json (the callback import,
# seed 004), and a sender that says text/json means JSON all the same.
JSON_TYPES = frozenset({"application/json", "text/json"})
# A token is URL-safe base64 (what secrets.token_urlsafe gives) of at least 32 characters (192 bits):
# anything shorter could be guessed, anything else would need percent-encoding in the vendor's URL.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,}")
# For the depth pre-scan: JSON strings (possessive, so a long string never backtracks), then
# everything but brackets. What remains is walked in a loop: no recursion, whatever the body.
# A string left open runs to the end (such a body is not JSON anyway): were it no match, the
# search would start again at each of its escaped quotes, quadratic in the body's length.
_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]++")


class _Refused(Exception):
    def __init__(self, status: str, reason: str, headers=()):
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, tuple(headers)


# The clock of the duplicate window (a name of its own, so a test can move it alone). A vendor's
# module may have its own, read by its subclass's _now.
_clock = time.monotonic

_STOP = object()  # ends the worker, and each stream, once everything before it was delivered


def canonical_identity(data: Any) -> str:
    """The SHA-256 (hex) of ``data``'s canonical JSON (keys sorted, no spaces): the same event
    re-serialized, keys in another order or spaced otherwise, has the same identity."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


class WebhookReceiver(Generic[E]):
    """A WSGI app that receives a vendor's unsigned JSON events (subclass it: see the module).

    Give the vendor the CRM's public URL of this app followed by :attr:`path` (relative to where
    the app is mounted: with a prefix in Flask's ``DispatcherMiddleware``, the prefix comes
    first). The path holds the token: keep it as secret as a password.

    :param on_event: called with each event, on the receiver's one worker thread, in the order the
        events were accepted. An exception is logged and the next event goes on; the answer the
        vendor got does not change. None: only :meth:`events` streams get them.
    :param token: the capability token in the path (URL-safe, 32 characters or more); by default
        ``secrets.token_urlsafe(32)``, new at each start, so pass one kept with the CRM's secrets
        to keep the same URL across restarts.
    :param prefix: the path before the token (None: the class's :attr:`default_prefix`).
    :param max_bytes: the largest body taken; a larger Content-Length is answered 413 unread.
    :param max_depth: the deepest nesting of arrays and objects taken.
    :param queue_size: events accepted but not yet handed to ``on_event``; when it is full the
        answer is 503, so the vendor may send the event again rather than have it dropped here.
    :param dedupe_seconds: how long a delivered event's identity is remembered; the same event
        again within it is answered 202 and dropped. 0 turns de-duplication off.
    :param dedupe_size: at most that many identities remembered (the oldest forgotten first),
        so a flood cannot grow the memory.

    De-duplication is per process: behind several worker processes, each remembers its own.
    """

    #: The vendor's name in log messages.
    vendor: ClassVar[str] = "webhook"
    #: The worker thread's name (what a thread dump shows).
    thread_name: ClassVar[str] = "agent-bridge-webhook-events"
    #: Where the messages go: a vendor's module gives its own logger.
    logger: ClassVar[logging.Logger] = log
    #: The path before the token when the constructor gets none.
    default_prefix: ClassVar[str] = "/events"
    #: The media types taken (``Content-Type`` without its parameters, lowercase).
    json_types: ClassVar[frozenset[str]] = JSON_TYPES

    def __init__(self, on_event: Callable[[E], Any] | None = None, *, token: str | None = None,
                 prefix: str | None = None, max_bytes: int = 64 * 1024, max_depth: int = 32,
                 queue_size: int = 1000, dedupe_seconds: float = 60.0, dedupe_size: int = 10_000):
        if prefix is None:
            prefix = self.default_prefix
        if token is None:
            token = secrets.token_urlsafe(32)
        elif not isinstance(token, str) or not _TOKEN.fullmatch(token):
            # The token itself is left out of the message: it may be the real one, mistyped.
            raise InvalidArgument("token: at least 32 characters of A-Z a-z 0-9 _ - (secrets.token_urlsafe(32))")
        if not isinstance(prefix, str) or not prefix.startswith("/") or "?" in prefix or "#" in prefix:
            raise InvalidArgument(f"prefix: a URL path starting with '/', got {prefix!r}")
        for name, value in (("max_bytes", max_bytes), ("max_depth", max_depth), ("queue_size", queue_size),
                            ("dedupe_size", dedupe_size)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InvalidArgument(f"{name}: a positive integer, got {value!r}")
        if not isinstance(dedupe_seconds, (int, float)) or isinstance(dedupe_seconds, bool) or dedupe_seconds < 0:
            raise InvalidArgument(f"dedupe_seconds: a number of seconds >= 0, got {dedupe_seconds!r}")
        self._on_event = on_event
        self._path = f"{prefix.rstrip('/')}/{token}"
        self._expected = self._path.encode("ascii")
        self._prefix = prefix.rstrip("/")
        self.max_bytes, self.max_depth = max_bytes, max_depth
        self._dedupe_seconds, self._dedupe_size = float(dedupe_seconds), dedupe_size
        self._seen: collections.OrderedDict[str, float] = collections.OrderedDict()
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        # One lock for the check-then-enqueue-then-remember of an event (two deliveries of one
        # event racing must not both pass), the worker's start, closing, and the set of streams.
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._closed = False
        self._streams: weakref.WeakSet[EventStream] = weakref.WeakSet()

    @property
    def path(self) -> str:
        """The path to give the vendor after the CRM's public URL (it holds the token: a secret)."""
        return self._path

    def __repr__(self) -> str:
        return f"<{type(self).__name__} at {self._prefix}/<token>>"

    # -- what a vendor's subclass provides ----------------------------------------------------

    def _event(self, data: dict, body: bytes, identity: str) -> E:
        """The vendor's event for a body that parsed as a JSON object (``data``; ``body`` its
        bytes), carrying ``identity`` as its ``identity`` attribute (what :meth:`_accept` reads).
        Lenient: whatever the object holds, an event is made (nothing is refused here)."""
        raise NotImplementedError

    def _identity(self, data: dict) -> str:
        """What duplicates are recognized by: by default the hash of the canonical JSON
        (:func:`canonical_identity`), for vendors whose events carry no id of their own."""
        return canonical_identity(data)

    def _describe(self, event: E) -> str:
        """A few words naming the event in log messages (never a secret, never the whole body)."""
        return "an event"

    def _now(self) -> float:
        """The duplicate window's clock (monotonic seconds)."""
        return _clock()

    # -- WSGI ---------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        try:
            event = self._read(environ)
            status, headers = self._accept(event)
            return _answer(start_response, status, None, headers)
        except _Refused as refusal:
            # Never the path: it may be the token with a typo.
            self.logger.info("%s event refused: %s (%s)", self.vendor, refusal.status, refusal.reason)
            return _answer(start_response, refusal.status, refusal.reason, refusal.headers)

    def _read(self, environ) -> E:
        path = environ.get("PATH_INFO", "")
        if path.endswith("/"):  # a URL configured with a trailing slash (XUC's seed shows one)
            path = path[:-1]
        # Constant time (the posts are unsigned: the token is the only credential). Any other
        # path, whatever the method, is the same 404.
        if not hmac.compare_digest(path.encode("utf-8", "replace"), self._expected):
            raise _Refused("404 Not Found", "not found")
        if environ.get("REQUEST_METHOD") != "POST":
            raise _Refused("405 Method Not Allowed", "use POST", [("Allow", "POST")])
        media, _, params = environ.get("CONTENT_TYPE", "").partition(";")
        charset = re.search(r"charset\s*=\s*\"?([^\";\s]+)", params, re.IGNORECASE)
        if media.strip().lower() not in self.json_types or (charset and charset.group(1).lower() not in ("utf-8", "utf8")):
            raise _Refused("415 Unsupported Media Type", "send Content-Type: application/json (UTF-8)")
        # A body without a length would have to be read to learn its size; an HTTP client
        # sends one for a small JSON body.
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower() or not environ.get("CONTENT_LENGTH"):
            raise _Refused("411 Length Required", "send the body with a Content-Length")
        try:
            length = int(environ["CONTENT_LENGTH"])
        except ValueError:
            length = -1
        if length < 0:
            raise _Refused("400 Bad Request", "bad Content-Length")
        if length > self.max_bytes:
            raise _Refused("413 Content Too Large", f"an event is at most {self.max_bytes} bytes")
        body = _read_exactly(environ["wsgi.input"], length)
        if len(body) != length:
            raise _Refused("400 Bad Request", "the body is shorter than its Content-Length")
        return self._parse(body)

    def _parse(self, body: bytes) -> E:
        if _nesting(body) > self.max_depth:
            raise _Refused("400 Bad Request", f"JSON nested deeper than {self.max_depth}")
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _Refused("400 Bad Request", "the body is not UTF-8 JSON") from None
        if not isinstance(data, dict):
            raise _Refused("400 Bad Request", "an event is a JSON object")
        # Lenient past this point: whatever the object holds is passed on, typed where known.
        return self._event(data, body, self._identity(data))

    def _accept(self, event: E) -> tuple[str, tuple]:
        identity = event.identity
        with self._lock:
            if self._closed:
                raise _Refused("503 Service Unavailable", "the receiver is closed", [("Retry-After", "5")])
            now = self._now()
            self._forget_expired(now)
            if identity in self._seen:
                self.logger.debug("%s event dropped as a duplicate: %s", self.vendor, self._describe(event))
                return "202 Accepted", ()
            try:
                self._queue.put_nowait(event)
            except queue.Full:
                # Not remembered as seen: the retry the vendor may send is the first delivery that counts.
                self.logger.warning("%s event refused with 503: %d events wait for the callback",
                                    self.vendor, self._queue.maxsize)
                raise _Refused("503 Service Unavailable", "too many events waiting", [("Retry-After", "1")]) from None
            # Room is made only now: at capacity, a duplicate must still find its original. (With
            # dedupe_seconds=0 the identity is forgotten at the next event: nothing is a duplicate.)
            while len(self._seen) >= self._dedupe_size:
                self._seen.popitem(last=False)
            self._seen[identity] = now
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name=self.thread_name, daemon=True)
                self._worker.start()
        return "202 Accepted", ()

    def _forget_expired(self, now: float) -> None:
        # Oldest first (insertion order is time order): stop at the first still in the window.
        seen = self._seen
        while seen and next(iter(seen.values())) <= now - self._dedupe_seconds:
            seen.popitem(last=False)

    # -- delivery -----------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            event = self._queue.get()
            self._publish(event)
            if event is _STOP:
                return
            if self._on_event is None:
                continue
            try:
                self._on_event(event)
            except BaseException:  # noqa: B036 - a SystemExit here would stop every later event
                # The answer was given already: a failing CRM callback costs this event only (a
                # callback calling sys.exit() must not leave the queue filling with nobody reading).
                self.logger.exception("%s event callback failed (%s)", self.vendor, self._describe(event))

    def _publish(self, event) -> None:
        with self._lock:
            streams = list(self._streams)
        for stream in streams:
            try:
                stream._loop.call_soon_threadsafe(stream._deliver, event)
            except RuntimeError:  # its event loop is closed: nobody will read it again
                self._unsubscribe(stream)

    def events(self, *, buffer: int = 1000) -> EventStream[E]:
        """An async iterator of the events accepted from now on, for asyncio code::

            async for event in receiver.events():
                ...

        Call it in the event loop that reads it (it needs the running loop). Each stream gets
        every event, handed from the worker thread with ``loop.call_soon_threadsafe``, and buffers
        up to ``buffer`` unread ones; an event that finds the buffer full is dropped for that
        stream only, logged and counted in ``stream.dropped`` (the callback and other streams
        still get it). Events before the stream was made, or while nobody holds one, go to the
        callback only. A stream ends when closed (``aclose()``, ``async with``, or dropped by its
        last reference, as a ``break`` out of ``async for`` does) and, after the events before
        it, when the receiver closes.
        """
        if not isinstance(buffer, int) or isinstance(buffer, bool) or buffer < 1:
            raise InvalidArgument(f"buffer: a positive integer, got {buffer!r}")
        stream: EventStream[E] = EventStream(self, asyncio.get_running_loop(), buffer)
        with self._lock:
            if self._closed:
                stream._ended = True
            else:
                self._streams.add(stream)
        return stream

    def _unsubscribe(self, stream: EventStream) -> None:
        with self._lock:
            self._streams.discard(stream)

    def close(self, timeout: float | None = 10.0) -> None:
        """Stop taking events (503 from now on), hand those accepted to the callback and the
        streams, then stop the worker, waiting at most ``timeout`` seconds in all (None: as long
        as it takes). A callback that does not return within it leaves the (daemon) worker with
        what is still queued, and a warning says how many."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            worker = self._worker
            streams = list(self._streams)
        if worker is None:
            for stream in streams:
                try:
                    stream._loop.call_soon_threadsafe(stream._deliver, _STOP)
                except RuntimeError:
                    pass
            return
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            self._queue.put(_STOP, timeout=timeout)  # waits only while the worker makes room
        except queue.Full:
            self.logger.warning("%s event receiver closed with %d events still waiting for a callback that has "
                                "not returned", self.vendor, self._queue.qsize())
            return
        worker.join(None if deadline is None else max(0.0, deadline - time.monotonic()))

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class EventStream(Generic[E]):
    """The events of one ``async for`` (see :meth:`WebhookReceiver.events`); read by one task."""

    def __init__(self, receiver: WebhookReceiver[E], loop: asyncio.AbstractEventLoop, buffer: int):
        self._receiver = weakref.ref(receiver)
        # Kept apart from the receiver: a stream may outlive it and still log what it drops.
        self._vendor, self._logger = receiver.vendor, receiver.logger
        self._loop = loop
        self._buffer = buffer
        self._items: collections.deque[E] = collections.deque()
        self._waiter: asyncio.Future | None = None
        self._ended = False
        self.dropped = 0

    def _deliver(self, event) -> None:  # on the stream's loop, from call_soon_threadsafe
        if event is _STOP:
            self._ended = True
        elif self._ended:
            return
        elif len(self._items) >= self._buffer:
            self.dropped += 1
            self._logger.warning("%s event dropped for a stream that is not read: %d waiting, %d dropped so far",
                                 self._vendor, len(self._items), self.dropped)
            return
        else:
            self._items.append(event)
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def __aiter__(self) -> EventStream[E]:
        return self

    async def __anext__(self) -> E:
        while not self._items:
            if self._ended:
                raise StopAsyncIteration
            self._waiter = self._loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._items.popleft()

    async def aclose(self) -> None:
        """Stop receiving; the events still buffered are dropped."""
        self._ended = True
        self._items.clear()
        receiver = self._receiver()
        if receiver is not None:
            receiver._unsubscribe(self)
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def __aenter__(self) -> EventStream[E]:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()


def _nesting(body: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings do not count):
    measured before parsing, in a loop, so a hostile body costs neither recursion nor objects."""
    depth = deepest = 0
    for byte in _NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", body)):
        if byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _read_exactly(stream, length: int) -> bytes:
    chunks, left = [], length
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _answer(start_response, status: str, error: str | None, extra=()):
    data = b"" if error is None else json.dumps({"error": error}).encode("utf-8")
    headers = [("Cache-Control", "no-store"), ("Content-Length", str(len(data))), *extra]
    if data:
        headers += [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")]
    start_response(status, headers)
    return [data]
