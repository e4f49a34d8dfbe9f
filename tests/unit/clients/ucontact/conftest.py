"""Fixtures of the uContact client's tests: the seed's server (:mod:`integra_seed`) and clients on it."""

from __future__ import annotations

import httpx2
import pytest
from integra_seed import NO_PHONE_USER, PASSWORD, URL, Integra

from bridge.clients.retry import NO_RETRY
from bridge.clients.ucontact import AsyncUContactClient, UContactClient


@pytest.fixture
def integra() -> Integra:
    return Integra()


def _maker(cls, integra):
    def make(user: str = NO_PHONE_USER, password: str = PASSWORD, **options):
        options.setdefault("retry", NO_RETRY)
        options.setdefault("transport", httpx2.MockTransport(integra))
        return cls(URL, user, password, **options)
    return make


@pytest.fixture
def make_client(integra):
    """``make_client(user=..., password=..., **options)``: a sync client on ``integra``."""
    return _maker(UContactClient, integra)


@pytest.fixture
def make_async_client(integra):
    return _maker(AsyncUContactClient, integra)


@pytest.fixture
def logged_in(make_client):
    """A sync client with an open session (its connections closed after the test, the session not ended)."""
    client = make_client()
    client.login()
    yield client
    client.close()
