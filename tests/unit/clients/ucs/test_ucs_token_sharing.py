"""Through the UCS clients: 20 concurrent calls that meet an expired token share exactly one new
login (threads with UcsClient, tasks with AsyncUcsClient), each call replayed once; a token due
for renewal (a tenth of its lifetime, at most 5 min, before expiry) is renewed by one login too."""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from bridge.clients.errors import AuthenticationError
from ucs_helpers import RenewingServer, Seed, async_client, client

CALLERS = 20


def test_twenty_threads_on_an_expired_token_make_one_login():
    server = RenewingServer()

    def slow(request):
        time.sleep(0.05)  # every answer slow: the 20 calls overlap, and all meet the old token
        return server.answer(request)

    with client(slow) as c:
        c.groups()
        assert server.logins == 1
        server.expire()
        start = threading.Barrier(CALLERS)

        def call(_):
            start.wait()
            return c.groups()

        with ThreadPoolExecutor(CALLERS) as pool:
            results = list(pool.map(call, range(CALLERS)))
        assert results == [[]] * CALLERS
        assert server.logins == 2 and c.logins == 2
        assert server.refused == CALLERS  # each call met the expired token once, and was replayed once


def test_twenty_tasks_on_an_expired_token_make_one_login():
    server = RenewingServer()

    async def slow(request):
        await asyncio.sleep(0.05)
        return server.answer(request)

    async def main():
        async with async_client(slow) as c:
            await c.groups()
            server.expire()
            results = await asyncio.gather(*(c.groups() for _ in range(CALLERS)))
            assert results == [[]] * CALLERS
            return c.logins

    assert asyncio.run(main()) == 2
    assert server.logins == 2 and server.refused == CALLERS


def test_a_token_refused_again_after_the_new_login_is_an_authentication_error():
    logins = []

    def handler(request):
        if request.url.path == "/login/oauth2/token":
            logins.append(request)
            return httpx2.Response(200, json={"access_token": f"token-{len(logins)}-abcdef", "expires_in": "3610"})
        return httpx2.Response(401, json={"error": "invalid_token"})

    with client(handler) as c, pytest.raises(AuthenticationError) as raised:
        c.create_person({"group_id": 1})
    assert len(logins) == 2 and raised.value.status == 401  # one re-login, one replay, then the caller sees it


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("elapsed, logins", [(3309.0, 1), (3311.0, 2)])
def test_the_token_is_renewed_five_minutes_before_its_3610_seconds_end(elapsed, logins):
    # A tenth of 3610 s is 361 s, capped at 300: renewal is due 3310 s after the login was sent.
    clock = Clock()
    seed = Seed({"GET /groups": {"success": True, "data": []}})
    with client(seed, clock=clock) as c:
        c.groups()
        clock.now += elapsed
        c.groups()
    assert len(seed.logins) == logins


def test_twenty_threads_on_a_token_due_for_renewal_make_one_login():
    clock = Clock()
    server = RenewingServer()

    def slow(request):
        time.sleep(0.02)
        return server.answer(request)

    with client(slow, clock=clock) as c:
        c.groups()
        clock.now += 3600.0
        start = threading.Barrier(CALLERS)

        def call(_):
            start.wait()
            return c.groups()

        with ThreadPoolExecutor(CALLERS) as pool:
            list(pool.map(call, range(CALLERS)))
    assert server.logins == 2 and server.refused == 0  # renewed before the server had to refuse
