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


@pytest.fixture
def make_client(integra):
    """``make_client(user=..., password=..., **options)``: a sync client on ``integra``."""
    def make(user: str = NO_PHONE_USER, password: str = PASSWORD, **options) -> UContactClient:
        options.setdefault("retry", NO_RETRY)
        options.setdefault("transport", httpx2.MockTransport(integra))
        return UContactClient(URL, user, password, **options)
    return make


@pytest.fixture
def make_async_client(integra):
    def make(user: str = NO_PHONE_USER, password: str = PASSWORD, **options) -> AsyncUContactClient:
        options.setdefault("retry", NO_RETRY)
        options.setdefault("transport", httpx2.MockTransport(integra))
        return AsyncUContactClient(URL, user, password, **options)
    return make
