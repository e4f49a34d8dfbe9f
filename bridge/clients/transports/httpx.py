"""httpx2 transports: pooled keep-alive connections, sync and async, on CPython.

Each client keeps one httpx2 transport (one connection pool) for its life, so requests reuse
connections. Requests go to the transport itself, not through an ``httpx2.Client``: the client
logs every request's full URL at INFO (a signed query, a ``?token=`` in clear, where our own log
lines show the redacted URL), keeps a cookie jar (a cookie one call set would ride on the next,
unasked), and offers redirects and auth hooks we do not want. Redirects are not followed: a 3xx
is the vendor's answer to read (a redirect would otherwise carry a body, or a credential in a
URL, somewhere the caller did not name). ``transport=`` takes any httpx2 transport
(``httpx2.WSGITransport(app=fake)``, a ``MockTransport``) in place of the pool.
"""

from __future__ import annotations

import ssl

import httpx2

from ..errors import InvalidArgument
from ..flow import TransportFailure
from ..messages import Request, Response

# Connections kept open per client; enough for the async client's concurrent page fetches.
LIMITS = httpx2.Limits(max_connections=32, max_keepalive_connections=16)

# What the standard library decodes (httpx2.Client would also offer br and zstd when their
# packages happen to be installed).
ACCEPT_ENCODING = ("Accept-Encoding", "gzip, deflate")


def _timeout(seconds: float) -> dict:
    # Connecting gets at most 5 s of it: an unreachable host is told apart from a slow answer.
    return httpx2.Timeout(seconds, connect=min(seconds, 5.0)).as_dict()


def _outgoing(request: Request, timeout: float) -> httpx2.Request:
    headers = list(request.headers)
    if request.header("accept-encoding") is None:
        headers.append(ACCEPT_ENCODING)
    try:
        return httpx2.Request(request.method, request.url, headers=headers, content=request.body or None,
                              extensions={"timeout": _timeout(timeout)})
    except httpx2.InvalidURL:
        # The core quotes every id and checks the base URL: this is a vendor module's bug.
        raise InvalidArgument("the request's URL cannot be sent (not a valid URL)") from None


def _failure(error: Exception) -> TransportFailure:
    if isinstance(error, httpx2.TimeoutException):
        return TransportFailure("timeout", "no answer in time")
    if isinstance(error, httpx2.DecodingError):
        return TransportFailure("connection", "the answer's body could not be decoded")
    cause = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return TransportFailure("tls", f"TLS failed: {getattr(cause, 'reason', None) or type(cause).__name__}")
        cause = cause.__cause__ or cause.__context__
    # The text of httpx2's errors names the host, never the query or headers (and the flow
    # redacts it whatever it says).
    return TransportFailure("connection", f"{type(error).__name__}: {error}")


def _response(response: httpx2.Response, body: bytes) -> Response:
    return Response(response.status_code, {k.lower(): v for k, v in response.headers.items()}, body)


class HttpxTransport:
    def __init__(self, *, verify: ssl.SSLContext | str | bool = True, transport: httpx2.BaseTransport | None = None):
        # trust_env=False: no CA bundle from SSL_CERT_FILE behind the caller's back (verify= says it).
        self._transport = transport if transport is not None else httpx2.HTTPTransport(
            verify=verify, limits=LIMITS, trust_env=False)

    def send(self, request: Request, timeout: float) -> Response:
        outgoing = _outgoing(request, timeout)
        failure = None
        try:
            response = self._transport.handle_request(outgoing)
            try:
                body = response.read()
            finally:
                response.close()  # the connection goes back to the pool
        except httpx2.RequestError as error:  # transport errors, and a body that cannot be decoded
            failure = _failure(error)
        if failure is not None:
            raise failure  # outside the except clause: httpx2's error is not chained to it
        return _response(response, body)

    def close(self) -> None:
        self._transport.close()


class AsyncHttpxTransport:
    def __init__(self, *, verify: ssl.SSLContext | str | bool = True,
                 transport: httpx2.AsyncBaseTransport | None = None):
        self._transport = transport if transport is not None else httpx2.AsyncHTTPTransport(
            verify=verify, limits=LIMITS, trust_env=False)

    async def send(self, request: Request, timeout: float) -> Response:
        outgoing = _outgoing(request, timeout)
        failure = None
        try:
            response = await self._transport.handle_async_request(outgoing)
            try:
                body = await response.aread()
            finally:
                await response.aclose()
        except httpx2.RequestError as error:
            failure = _failure(error)
        if failure is not None:
            raise failure
        return _response(response, body)

    async def close(self) -> None:
        await self._transport.aclose()
