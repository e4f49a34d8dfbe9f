"""The Udesk clients wired to the testing kit's fake (bridge.testing.fakes.UdeskFake) in-process,
for the end-to-end tests (test_udesk_against_fake*.py, test_udesk_e2e_*.py). A module of its own,
imported by name ("conftest" would be whichever conftest.py pytest loaded last).

The fake's request log keeps each query without its ``Sign`` (a signed URL is a credential): the
transports here wrap the in-process ones and keep every URL as it was sent, so a test can read
the signatures the fake was given (and search for them where they must not be)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import httpx2

from bridge.clients.retry import NO_RETRY
from bridge.clients.udesk import AsyncUdeskClient, UdeskClient
from bridge.testing.async_wsgi import AsyncWSGITransport
from bridge.testing.fakes.udesk import ENDPOINTS

BASE = "https://udesk.example.com"


def query_of(url: httpx2.URL | str) -> dict[str, str]:
    text = url.query.decode() if isinstance(url, httpx2.URL) else str(url).partition("?")[2]
    return dict(parse_qsl(text, keep_blank_values=True))


class Recording(httpx2.BaseTransport):
    """httpx2.WSGITransport on ``app``, keeping each request's URL as sent (its Sign included)."""

    def __init__(self, app):
        self._inner = httpx2.WSGITransport(app=app)
        self.urls: list[httpx2.URL] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.urls.append(request.url)
        return self._inner.handle_request(request)

    @property
    def signs(self) -> list[str]:
        return [query_of(url)["Sign"] for url in self.urls]

    def close(self) -> None:
        self._inner.close()


class AsyncRecording(httpx2.AsyncBaseTransport):
    """AsyncWSGITransport on ``app``, keeping each request's URL as sent."""

    def __init__(self, app):
        self._inner = AsyncWSGITransport(app=app)
        self.urls: list[httpx2.URL] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.urls.append(request.url)
        return await self._inner.handle_async_request(request)

    @property
    def signs(self) -> list[str]:
        return [query_of(url)["Sign"] for url in self.urls]

    async def aclose(self) -> None:
        await self._inner.aclose()


def sync_client(fake, transport=None, *, auth_token=None, **options) -> UdeskClient:
    """A UdeskClient on ``fake`` in-process (no retries unless ``retry=`` says otherwise, so a
    test counts the requests it caused); ``auth_token`` another token than the fake's."""
    options.setdefault("retry", NO_RETRY)
    return UdeskClient(BASE, fake.sid, auth_token or fake.auth_token, fake.app_id,
                       transport=transport if transport is not None else httpx2.WSGITransport(app=fake), **options)


def async_client(fake, transport=None, *, auth_token=None, **options) -> AsyncUdeskClient:
    options.setdefault("retry", NO_RETRY)
    return AsyncUdeskClient(BASE, fake.sid, auth_token or fake.auth_token, fake.app_id,
                            transport=transport if transport is not None else AsyncWSGITransport(app=fake),
                            **options)


_TEMPLATES = [(method, template, re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template))))
              for method, template in ENDPOINTS]


def endpoint_of(method: str, path: str) -> tuple[str, str]:
    """The (method, path template) of the fake's list that a request's method and path are."""
    found = [(m, template) for m, template, pattern in _TEMPLATES if m == method and pattern.fullmatch(path)]
    # /agents/{id} is not /agents/extensions etc.: {id} is digits in the fake, one segment here,
    # so a literal path wins over a placeholder.
    literal = [pair for pair in found if "{" not in pair[1]]
    chosen = literal or found
    assert len(chosen) == 1, (method, path, found)
    return chosen[0]
