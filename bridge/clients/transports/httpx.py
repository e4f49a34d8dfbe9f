"""httpx2 transports: pooled keep-alive connections, sync and async, on CPython.

The clients build one ``httpx2.Client`` (or ``AsyncClient``) each and keep it for their life, so
requests reuse connections. Redirects are not followed: a 3xx is the vendor's answer to read (a
redirect would otherwise carry a body, or a credential in a URL, somewhere the caller did not
name). ``transport=`` takes any httpx2 transport (``httpx2.WSGITransport(app=fake)`` in tests).
"""

from __future__ import annotations

import ssl

import httpx2

from ..flow import TransportFailure
from ..messages import Request, Response

# Connections kept open per client; enough for the async client's concurrent page fetches.
LIMITS = httpx2.Limits(max_connections=32, max_keepalive_connections=16)


def _timeout(seconds: float) -> httpx2.Timeout:
    # Connecting gets at most 5 s of it: an unreachable host is told apart from a slow answer.
    return httpx2.Timeout(seconds, connect=min(seconds, 5.0))


def _failure(error: Exception) -> TransportFailure:
    if isinstance(error, httpx2.TimeoutException):
        return TransportFailure("timeout", "no answer in time")
    cause = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return TransportFailure("tls", f"TLS failed: {getattr(cause, 'reason', None) or type(cause).__name__}")
        cause = cause.__cause__ or cause.__context__
    # The text of httpx2's errors names the host, never the query or headers.
    return TransportFailure("connection", f"{type(error).__name__}: {error}")


def _response(response) -> Response:
    return Response(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content)


class HttpxTransport:
    def __init__(self, *, verify: ssl.SSLContext | str | bool = True, transport: httpx2.BaseTransport | None = None):
        self.client = httpx2.Client(limits=LIMITS, verify=verify, transport=transport, follow_redirects=False,
                                    trust_env=False)

    def send(self, request: Request, timeout: float) -> Response:
        try:
            response = self.client.request(request.method, request.url, headers=list(request.headers),
                                           content=request.body or None, timeout=_timeout(timeout))
        except httpx2.TransportError as error:
            raise _failure(error) from None
        return _response(response)

    def close(self) -> None:
        self.client.close()


class AsyncHttpxTransport:
    def __init__(self, *, verify: ssl.SSLContext | str | bool = True,
                 transport: httpx2.AsyncBaseTransport | None = None):
        self.client = httpx2.AsyncClient(limits=LIMITS, verify=verify, transport=transport, follow_redirects=False,
                                         trust_env=False)

    async def send(self, request: Request, timeout: float) -> Response:
        try:
            response = await self.client.request(request.method, request.url, headers=list(request.headers),
                                                 content=request.body or None, timeout=_timeout(timeout))
        except httpx2.TransportError as error:
            raise _failure(error) from None
        return _response(response)

    async def close(self) -> None:
        await self.client.aclose()
