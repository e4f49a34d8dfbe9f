"""The drivers of :func:`~.flow.call_flow`: one sync, one async, each over a transport.

A transport is one method: ``send(request, timeout) -> Response`` (awaitable for the async
engine), raising :class:`~.flow.TransportFailure` when no response came. httpx2 provides them
on CPython (:mod:`.transports.httpx`), ``pyfetch`` in Pyodide (:mod:`.transports.pyfetch`).

A token due for renewal is traded through the Api's optional ``renew`` call (XUC's
``/auth/check``) when it has one, inside the same shared login (one renewal for every caller);
a failed renewal, or a token the server refused, leads to a login.

Both engines share one login among concurrent callers, and its outcome: every caller that
needed a token while it ran gets its token, or its error (a failed login is not tried again by
each waiter in turn; the next call after it tries again). The sync one shares one
:class:`concurrent.futures.Future` among threads, the lock held only to look at it; the async one
shares one in-flight task, never a lock held across an ``await`` (an asyncio lock there fails
with "current task is not holding this lock" when a waiter is cancelled, as
modelcontextprotocol/python-sdk learned).
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from concurrent.futures import Future
from typing import Any, Callable, Protocol

from .calls import Api, Call
from .errors import ApiError, InvalidArgument, RateLimitedError, ServerError, TransportError
from .flow import GetToken, Send, Sleep, TransportFailure, call_flow
from .messages import Request, Response
from .redaction import Redactor
from .retry import RetryPolicy
from .tokens import Token, TokenState

log = logging.getLogger("bridge.clients")

DEFAULT_TIMEOUT = 10.0  # seconds for one attempt; never None: a dead server must not hang a CRM worker


class SyncTransport(Protocol):
    def send(self, request: Request, timeout: float) -> Response: ...
    def close(self) -> None: ...


class AsyncTransport(Protocol):
    async def send(self, request: Request, timeout: float) -> Response: ...
    async def close(self) -> None: ...


def checked_timeout(timeout: Any) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 3600:
        raise InvalidArgument("timeout must be seconds, more than 0 and at most 3600")
    return float(timeout)


def checked_options(retry: Any, timeout: Any) -> float:
    """The timeout, once both are known to be usable (a client checks them before it opens a pool)."""
    if not isinstance(retry, RetryPolicy):
        raise InvalidArgument("retry must be a RetryPolicy")
    return checked_timeout(timeout)


class _Engine:
    def __init__(self, api: Api, *, retry: RetryPolicy, redactor: Redactor, timeout: float,
                 clock: Callable[[], float], rng: random.Random | None,
                 wall_clock: Callable[[], float] = time.time):
        self.timeout = checked_options(retry, timeout)
        self.api = api
        self.retry = retry
        self.redactor = redactor
        self.clock = clock
        # Seconds since the epoch: only to read a token's absolute expiry (Token.expires_at).
        self.wall_clock = wall_clock
        self.rng = rng or random.Random()
        self.tokens = TokenState()

    def _flow(self, call: Call):
        return call_flow(self.api, call, self.retry, self.redactor, self.rng)

    def _login_flow(self, stale: Token | None):
        """Obtaining a token, as a flow both engines drive like a call's: the renewal when one is
        due (kept as it is when the server fails it only for now), else a login, and then the
        end of the credential it replaced. Only one runs at a time (the engines share it)."""
        renewal = self._renewal(stale)
        if renewal is not None:
            requested_at, wall_now = self.clock(), self.wall_clock()
            try:
                renewed = yield from self._flow(renewal)
            except ApiError as error:
                kept = self._kept_unrenewed(error)
                if kept is not None:
                    return kept
            else:
                return self._keep(renewed, requested_at, wall_now, renewed=True)
        login = self.api.login()
        if login is None:  # an API without a login: its authorize() carries a fixed credential
            return None
        requested_at, wall_now, previous = self.clock(), self.wall_clock(), self.tokens.token
        token = self._keep((yield from self._flow(login)), requested_at, wall_now)
        retire = self._retirement(previous, token)
        if retire is not None:
            try:
                yield from self._flow(retire)
            except ApiError as error:
                self._not_retired(error)
        return token

    def _keep(self, token: Token, requested_at: float, wall_now: float, *, renewed: bool = False) -> Token:
        self.redactor.add(token.value)
        self.tokens.store(token, requested_at, wall_now=wall_now, renewed=renewed)
        return self.tokens.token  # a renewal that renewed nothing keeps the token it had

    def _renewal(self, stale: Token | None) -> Call | None:
        """The call that renews the current token without a login (XUC's ``/auth/check``), when
        the Api has one and the token is only due: a token the server just refused (``stale``)
        cannot renew itself, so that case goes straight to a login. The renewal carries the
        token in its own headers (an unauthenticated Call), so it never asks for a token itself."""
        renew = getattr(self.api, "renew", None)
        current = self.tokens.token
        if renew is None or current is None or current is stale:
            return None
        return renew(current)

    def _kept_unrenewed(self, error: ApiError) -> Token | None:
        """After a failed renewal: the current token when the server only failed for now (no
        answer, 5xx, 429) and the token has not expired (a login instead would fail for an SSO
        login that cannot be repeated, with minutes of the token left); None: log in."""
        now = self.clock()
        if isinstance(error, (TransportError, ServerError, RateLimitedError)) and self.tokens.valid(now):
            log.info("%s: the token could not be renewed for now, kept until it expires: %s", self.api.vendor, error)
            self.tokens.postpone(now)
            return self.tokens.token
        log.info("%s: the token could not be renewed, logging in: %s", self.api.vendor, error)
        return None

    def _retirement(self, previous: Token | None, token: Token | None) -> Call | None:
        """The call that ends ``previous`` now that ``token`` replaced it (uContact's EndSession:
        the document asks to end every session), or None for tokens that simply expire."""
        retire = getattr(self.api, "retire", None)
        if retire is None or previous is None or token is None or previous.value == token.value:
            return None
        return retire(previous)

    def _not_retired(self, error: ApiError) -> None:
        # Best effort: the server refused the old credential, so it may have ended it itself.
        log.info("%s: the replaced session could not be ended: %s", self.api.vendor, error)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.api.vendor}, {self.tokens.logins} logins)"


class SyncEngine(_Engine):
    """Runs calls in the calling thread; safe to share among threads."""

    def __init__(self, api: Api, transport: SyncTransport, *, retry: RetryPolicy = RetryPolicy(),
                 redactor: Redactor | None = None, timeout: float = DEFAULT_TIMEOUT,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None, wall_clock: Callable[[], float] = time.time):
        super().__init__(api, retry=retry, redactor=redactor or Redactor(), timeout=timeout, clock=clock, rng=rng,
                         wall_clock=wall_clock)
        self.transport = transport
        self.sleep = sleep
        self._lock = threading.Lock()  # held only to look at or replace _login, never during a login
        self._login: Future | None = None

    def run(self, call: Call) -> Any:
        return self._drive(self._flow(call))

    def token(self, stale: Token | None) -> Token | None:
        token = self.tokens.usable(stale, self.clock())
        if token is not None:
            return token
        with self._lock:
            # Another thread may have logged in between the look above and this one.
            token = self.tokens.usable(stale, self.clock())
            if token is not None:
                return token
            login, leader = self._login, self._login is None
            if leader:
                login = self._login = Future()
        if not leader:
            return login.result()  # the token of the login under way, or its error
        try:
            token = self._drive(self._login_flow(stale))
        except BaseException as error:
            self._finish(login, error=error)
            raise
        self._finish(login, token=token)
        return token

    def _finish(self, login: Future, *, token: Token | None = None, error: BaseException | None = None) -> None:
        # No longer shared before its waiters wake: a call that comes after a failed login
        # tries again instead of meeting the old error.
        with self._lock:
            self._login = None
        if error is not None:
            login.set_exception(error)
        else:
            login.set_result(token)

    def _drive(self, flow) -> Any:
        try:
            step = next(flow)
            while True:
                if isinstance(step, Send):
                    failure = None
                    try:
                        response = self.transport.send(step.request, self.timeout)
                    except TransportFailure as error:
                        failure = error
                    # Thrown in outside the except clause: the flow's error must not carry the
                    # transport's unredacted one as its context.
                    step = flow.throw(failure) if failure is not None else flow.send(response)
                elif isinstance(step, GetToken):
                    step = flow.send(self.token(step.stale))
                elif isinstance(step, Sleep):
                    self.sleep(step.seconds)
                    step = flow.send(None)
                else:  # pragma: no cover - the flow yields nothing else
                    raise TypeError(f"unknown step {step!r}")
        except StopIteration as done:
            return done.value
        finally:
            flow.close()

    def close(self) -> None:
        self.transport.close()


class AsyncEngine(_Engine):
    """Runs calls as coroutines on one event loop; safe to share among its tasks."""

    def __init__(self, api: Api, transport: AsyncTransport, *, retry: RetryPolicy = RetryPolicy(),
                 redactor: Redactor | None = None, timeout: float = DEFAULT_TIMEOUT,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Any] = asyncio.sleep,
                 rng: random.Random | None = None, wall_clock: Callable[[], float] = time.time):
        super().__init__(api, retry=retry, redactor=redactor or Redactor(), timeout=timeout, clock=clock, rng=rng,
                         wall_clock=wall_clock)
        self.transport = transport
        self.sleep = sleep
        self._login: asyncio.Future | None = None

    async def run(self, call: Call) -> Any:
        return await self._drive(self._flow(call))

    async def token(self, stale: Token | None) -> Token | None:
        token = self.tokens.usable(stale, self.clock())
        if token is not None:
            return token
        login = self._login
        # A login that is over but not yet cleared (its callback runs on the next loop turn) is
        # not shared: its token was refused or has expired, or it failed before this call began.
        if login is None or login.done():
            login = self._login = asyncio.ensure_future(self._drive(self._login_flow(stale)))
            login.add_done_callback(self._login_done)
        # shield: a caller cancelled while it waits must not cancel the login the others share.
        return await asyncio.shield(login)

    def _login_done(self, login: asyncio.Future) -> None:
        if self._login is login:
            self._login = None
        if not login.cancelled():
            login.exception()  # retrieved: a failed login nobody awaited any more is not "never retrieved"

    async def _drive(self, flow) -> Any:
        try:
            step = next(flow)
            while True:
                if isinstance(step, Send):
                    failure = None
                    try:
                        response = await self.transport.send(step.request, self.timeout)
                    except TransportFailure as error:
                        failure = error
                    step = flow.throw(failure) if failure is not None else flow.send(response)
                elif isinstance(step, GetToken):
                    step = flow.send(await self.token(step.stale))
                elif isinstance(step, Sleep):
                    await self.sleep(step.seconds)
                    step = flow.send(None)
                else:  # pragma: no cover
                    raise TypeError(f"unknown step {step!r}")
        except StopIteration as done:
            return done.value
        finally:
            flow.close()

    async def close(self) -> None:
        await self.transport.close()
