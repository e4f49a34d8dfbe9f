"""The multi-step logic of every call, written once: authenticate, send, replay once after a
re-login, retry what may be retried. A generator that yields steps and receives their results
(the shape of httpx's ``Auth.auth_flow``); the engines (:mod:`.engines`) carry the steps out.

Steps and what the engine sends back:

- :class:`GetToken` -> a :class:`~.tokens.Token` (the engine shares one login among callers);
- :class:`Send` -> a :class:`~.messages.Response`, or it throws :class:`TransportFailure` in;
- :class:`Sleep` -> None, after that many seconds.

The generator returns the call's result or raises the call's error.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, replace
from typing import Any, Generator

from .calls import Api, Call, Reply, build_request
from .errors import ConnectionFailed, RateLimitedError, RequestTimeout, TlsError, for_status
from .messages import Request, Response
from .redaction import Redactor
from .retry import RETRY_STATUSES, RetryPolicy, retry_after
from .tokens import Token

log = logging.getLogger("bridge.clients")


@dataclass(frozen=True)
class GetToken:
    stale: Token | None  # the token a request just met refused, or None


@dataclass(frozen=True)
class Send:
    request: Request
    operation: str


@dataclass(frozen=True)
class Sleep:
    seconds: float


Step = GetToken | Send | Sleep

_TRANSPORT_ERRORS = {"timeout": RequestTimeout, "connection": ConnectionFailed, "tls": TlsError}


class TransportFailure(Exception):
    """What a transport raises when no response came: ``kind`` is timeout, connection or tls.

    ``detail`` is the transport's own words, unredacted (they may quote the URL): only the flow
    reads them, and masks them. The exception's text is the kind alone, so a failure that
    escapes anyway (a driver that lets it through, a log of it) shows nothing unmasked."""

    def __init__(self, kind: str, detail: str):
        if kind not in _TRANSPORT_ERRORS:
            raise ValueError(f"unknown transport failure kind {kind!r}")
        super().__init__(kind)
        self.kind = kind
        self.detail = detail


def call_flow(api: Api, call: Call, retry: RetryPolicy, redactor: Redactor,
              rng: random.Random | None = None) -> Generator[Step, Any, Any]:
    """Carry out ``call``: its result, or its error."""
    rng = rng or random.Random()
    # Built once, before any login: a body that cannot be sent is refused with nothing sent.
    unsigned = build_request(api.base_url, call)
    redacted: list[str] = []

    def url() -> str:
        # The redacted URL, made the first time a log line or an error needs it.
        if not redacted:
            redacted.append(redactor.url(unsigned.url))
        return redacted[0]

    # A credential made per request (Udesk's signature over a timestamp): made again for each
    # attempt, so a retry after a backoff or a corrected clock carries a fresh one.
    sign = getattr(api, "sign", None)
    observe = getattr(api, "observe", None)
    token: Token | None = None
    stale: Token | None = None
    replayed = resigned = False
    attempt = 0
    while True:
        request = unsigned
        if call.authenticated:
            token = yield GetToken(stale)
            request = replace(unsigned, headers=unsigned.headers + tuple(api.authorize(token)))
        if sign is not None:
            request = sign(request)
        failure: TransportFailure | None = None
        try:
            response = yield Send(request, call.operation)
        except TransportFailure as error:
            failure = error
        if failure is not None:
            log.info("%s %s: %s %s: no answer (%s)", api.vendor, call.operation, call.method, url(), failure.kind)
            # A failed TLS handshake (an untrusted certificate, a wrong host name) fails the same
            # way again: it is not retried.
            wait = retry.delay(attempt, None, rng) if call.retryable and failure.kind != "tls" else None
            if wait is None:
                # A fetch error may quote the URL: the redacted one replaces it. Raised outside
                # the except clause, so the unredacted failure is not chained to it either.
                detail = redactor.text(failure.detail.replace(request.url, url()))
                raise _TRANSPORT_ERRORS[failure.kind](detail, vendor=api.vendor, operation=call.operation, url=url(),
                                                      method=call.method)
            attempt += 1
            yield Sleep(wait)
            continue
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s: %s %s -> %s", api.vendor, call.operation, call.method, url(), response.status)
        reply = Reply(response, api.vendor, call.operation, call.method, url, redactor.text)
        if observe is not None:
            observe(response)  # what every answer tells the Api (Udesk: the server's clock)
        if sign is not None and not resigned and api.rejects_signature(request, response, call.retryable):
            # The server refused this signature for a reason a new one fixes (a timestamp our
            # clock got wrong, now corrected), before it acted (the Api says so only then, and
            # may be told apart a call that must not be repeated): one replay.
            resigned = True
            continue
        if call.authenticated and api.rejects_token(response):
            # The server refused the request before acting on it: replaying it after one new
            # login is safe even for a create. A second refusal is the caller's to see.
            if not replayed:
                replayed, stale = True, token
                continue
        elif response.status in RETRY_STATUSES and call.retryable:
            wait = retry.delay(attempt, response, rng)
            if wait is not None:
                log.info("%s %s: HTTP %s, retry %d in %.2f s", api.vendor, call.operation, response.status,
                         attempt + 1, wait)
                attempt += 1
                yield Sleep(wait)
                continue
        return call.read(reply)


def raise_for_status(reply: Reply, vendor_code: Any = None, vendor_message: str | None = None) -> None:
    """The error of a non-2xx reply (the vendor reader may pass what the body said)."""
    status = reply.response.status
    if 200 <= status < 300:
        return
    cls = for_status(status)
    extra: dict = {}
    if cls is RateLimitedError:
        extra["retry_after"] = retry_after(reply.response)
    message = vendor_message or _reason(status)
    raise reply.error(cls, message, vendor_code=vendor_code, vendor_message=vendor_message, **extra)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "unexpected status"
