"""What every vendor's sync and async client share: the engine, the transport, closing.

``transport=`` is an httpx2 transport (``httpx2.WSGITransport(app=fake)``, a
``MockTransport``), or an object with ``send(request, timeout)`` as :mod:`.engines` describes.

A vendor writes each operation once, as a method that returns ``self._run(call)``: in a
:class:`SyncClient` that is the result, in an :class:`AsyncClient` an awaitable of it, so the
same method body serves both (``UcsClient.status()`` and ``await AsyncUcsClient.status()``).
"""

from __future__ import annotations

import sys
from typing import Any

from .calls import Api, Call
from .engines import DEFAULT_TIMEOUT, AsyncEngine, SyncEngine, checked_options
from .errors import InvalidArgument
from .redaction import Redactor, redact_url
from .retry import RetryPolicy

IN_PYODIDE = sys.platform == "emscripten"


def checked_base_url(url: Any, *, vendor: str) -> str:
    """``url`` as a base URL: https (plain http only to this machine: a fake), a host, no query,
    no credentials; without a trailing slash.

    The clients carry a superuser's secret, a supervisor's password or an API key: over plain
    http to another host it would cross the network in clear (every vendor document says https).
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        raise InvalidArgument(f"{vendor}: the base URL must be a string")
    # urlsplit drops tabs and newlines silently: the URL it reads would not be the one we send.
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise InvalidArgument(f"{vendor}: the base URL may not hold blanks or control characters")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidArgument(f"{vendor}: the base URL must be http(s)://host[:port], got {parts.scheme or 'no'} scheme")
    # The message never quotes the URL: it may be the one thing here that carries a password.
    if "@" in parts.netloc or parts.query or parts.fragment or "?" in url or "#" in url:
        raise InvalidArgument(f"{vendor}: the base URL may not carry credentials, a query or a fragment")
    try:
        parts.port
    except ValueError:
        raise InvalidArgument(f"{vendor}: the base URL's port must be a number from 0 to 65535") from None
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise InvalidArgument(f"{vendor}: the base URL must be https (plain http only to this machine, for a fake)")
    return url.rstrip("/")


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _chosen_sync(transport, verify):
    if IN_PYODIDE and transport is None:
        # A browser's fetch cannot block: in Pyodide only the async clients run (over pyfetch).
        raise InvalidArgument("in Pyodide the sync clients have no transport: use the async client")
    if transport is None or hasattr(transport, "handle_request"):
        from .transports.httpx import HttpxTransport

        return HttpxTransport(verify=verify, transport=transport)
    if not callable(getattr(transport, "send", None)):
        raise InvalidArgument("transport must be an httpx2 transport or have send(request, timeout)")
    return transport  # one of ours: send(request, timeout) -> Response


def _chosen_async(transport, verify):
    if IN_PYODIDE and transport is None:
        from .transports.pyfetch import PyfetchTransport

        return PyfetchTransport()
    if transport is None or hasattr(transport, "handle_async_request"):
        from .transports.httpx import AsyncHttpxTransport

        return AsyncHttpxTransport(verify=verify, transport=transport)
    if not callable(getattr(transport, "send", None)):
        raise InvalidArgument("transport must be an httpx2 async transport or have async send(request, timeout)")
    return transport  # one of ours: async send(request, timeout) -> Response


class SyncClient:
    """A vendor client whose calls return results (one pooled httpx2 transport; thread-safe)."""

    def __init__(self, api: Api, redactor: Redactor, *, timeout: float = DEFAULT_TIMEOUT,
                 retry: RetryPolicy = RetryPolicy(), transport=None, verify=True, **engine_options):
        checked_options(retry, timeout)  # refused before a transport (a pool, an SSL context) is made
        self._api = api
        self._engine = SyncEngine(api, _chosen_sync(transport, verify), retry=retry, redactor=redactor,
                                  timeout=timeout, **engine_options)

    def _run(self, call: Call) -> Any:
        return self._engine.run(call)

    def mask(self, secret: str) -> None:
        """Mask ``secret`` in everything this client says from now on (errors, logs): a
        credential it sends that is not its own, such as a receiver's URL with its token."""
        self._engine.redactor.add(secret)

    @property
    def logins(self) -> int:
        """How many logins this client has made (one, then one per renewal)."""
        return self._engine.tokens.logins

    def close(self) -> None:
        self._engine.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact_url(self._api.base_url)!r})"


class AsyncClient:
    """A vendor client whose calls are coroutines (httpx2 on CPython, pyfetch in Pyodide)."""

    def __init__(self, api: Api, redactor: Redactor, *, timeout: float = DEFAULT_TIMEOUT,
                 retry: RetryPolicy = RetryPolicy(), transport=None, verify=True, **engine_options):
        checked_options(retry, timeout)
        self._api = api
        self._engine = AsyncEngine(api, _chosen_async(transport, verify), retry=retry, redactor=redactor,
                                   timeout=timeout, **engine_options)

    def _run(self, call: Call):
        return self._engine.run(call)

    def mask(self, secret: str) -> None:
        """As :meth:`SyncClient.mask`."""
        self._engine.redactor.add(secret)

    @property
    def logins(self) -> int:
        return self._engine.tokens.logins

    async def close(self) -> None:
        await self._engine.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact_url(self._api.base_url)!r})"
