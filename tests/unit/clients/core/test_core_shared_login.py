"""Concurrent callers that need a token share one login, and its outcome: 20 threads on the
sync client, 20 tasks on the async one, on a token that is due for renewal or that the server
refused. A failed login reaches every waiter and the next call tries again; a cancelled waiter
does not cancel the login the others wait for."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest

from bridge.clients.errors import AuthenticationError
from core_doubles import TOKEN_PATH, Clock, UcsDouble, async_client, get, sync_client, token_value

CALLERS = 20
REFUSED = {"error": "invalid_client", "error_description": "Invalid username or password"}


def in_threads(call, count=CALLERS):
    """``call()`` in ``count`` threads released together; each one's result or exception."""
    barrier = threading.Barrier(count)

    def one():
        barrier.wait()
        try:
            return call()
        except Exception as error:
            return error

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: one(), range(count)))


def due_for_renewal(server, clock):
    clock.now += 3600.0  # the server still accepts token 1; the client renews it first
    server.login_delay = 0.1  # every caller arrives while the login is under way


def refused_by_server(server, clock):
    server.revoke_all()  # each caller meets a 401 with token 1, then waits for the one login
    server.login_after_refusals = CALLERS  # the login ends only once every caller was refused


# Each way a token goes stale, and how many requests token 1 is then sent with: the first call
# only, or the first call and one refused attempt per caller.
STALE = pytest.mark.parametrize("make_stale, sent_with_token_1", [(due_for_renewal, 1),
                                                                  (refused_by_server, 1 + CALLERS)])


def sent_with(server, token):
    return sum(1 for request in server.requests
               if request.url.path != TOKEN_PATH and request.headers["authorization"] == f"Bearer {token}")


def stale_sync_client(server, clock, make_stale):
    """A client that made one call with token 1, which has since gone stale."""
    client = sync_client(server, clock=clock)
    client._run(get())
    make_stale(server, clock)
    return client


@STALE
def test_20_threads_on_a_stale_token_make_exactly_one_login(make_stale, sent_with_token_1):
    server, clock = UcsDouble(), Clock()
    client = stale_sync_client(server, clock, make_stale)
    results = in_threads(lambda: client._run(get()))
    assert [r["token"] for r in results] == [token_value(2)] * CALLERS
    assert server.logins == 2 and client.logins == 2
    assert sent_with(server, token_value(1)) == sent_with_token_1


def test_a_failed_login_is_seen_by_every_waiting_thread_and_the_next_call_tries_again():
    server = UcsDouble()
    server.login_script = [httpx2.Response(401, json=REFUSED)]
    server.login_delay = 0.1
    client = sync_client(server)
    results = in_threads(lambda: client._run(get()))
    assert all(isinstance(r, AuthenticationError) for r in results), results
    assert server.logins == 1  # not one login per waiter, in turn
    server.login_delay = 0
    assert client._run(get())["token"] == token_value(1)
    assert server.logins == 2


class _HeldLock:
    """The engine's lock, held back from one named thread until ``release`` is set."""

    def __init__(self, lock, name):
        self.lock, self.name = lock, name
        self.waiting, self.release = threading.Event(), threading.Event()

    def __enter__(self):
        if threading.current_thread().name == self.name:
            self.waiting.set()
            assert self.release.wait(5)
        return self.lock.__enter__()

    def __exit__(self, *exc):
        return self.lock.__exit__(*exc)


def test_a_thread_that_looked_before_another_finished_its_login_takes_that_token():
    # "late" finds token 1 due, then waits for the lock while "first" logs in and finishes: it
    # must look again under the lock and use token 2, not log in a second time.
    server, clock = UcsDouble(), Clock()
    client = stale_sync_client(server, clock, due_for_renewal)
    engine = client._engine
    held = engine._lock = _HeldLock(engine._lock, "late")
    results = {}
    late = threading.Thread(target=lambda: results.update(late=client._run(get())), name="late")
    late.start()
    assert held.waiting.wait(5)
    first = threading.Thread(target=lambda: results.update(first=client._run(get())), name="first")
    first.start()
    first.join(5)
    held.release.set()
    late.join(5)
    assert results["first"]["token"] == results["late"]["token"] == token_value(2)
    assert server.logins == 2


@STALE
def test_20_tasks_on_a_stale_token_make_exactly_one_login(make_stale, sent_with_token_1):
    async def scenario():
        server, clock = UcsDouble(), Clock()
        async with async_client(server, clock=clock) as client:
            await client._run(get())
            make_stale(server, clock)
            results = await asyncio.gather(*(client._run(get()) for _ in range(CALLERS)))
            return server, results

    server, results = asyncio.run(scenario())
    assert [r["token"] for r in results] == [token_value(2)] * CALLERS
    assert server.logins == 2
    assert sent_with(server, token_value(1)) == sent_with_token_1


def test_a_failed_login_is_seen_by_every_waiting_task_and_the_next_call_tries_again():
    async def scenario():
        server = UcsDouble()
        server.login_script = [httpx2.Response(401, json=REFUSED)]
        server.login_delay = 0.05
        async with async_client(server) as client:
            results = await asyncio.gather(*(client._run(get()) for _ in range(CALLERS)), return_exceptions=True)
            logins_then = server.logins
            again = await client._run(get())
            return server, results, logins_then, again

    server, results, logins_then, again = asyncio.run(scenario())
    assert all(isinstance(r, AuthenticationError) for r in results), results
    assert logins_then == 1 and server.logins == 2 and again["token"] == token_value(1)


def test_a_cancelled_waiter_does_not_cancel_the_login_the_others_share():
    async def scenario():
        server = UcsDouble()
        server.login_gate = asyncio.Event()
        async with async_client(server) as client:
            first = asyncio.ensure_future(client._run(get()))
            second = asyncio.ensure_future(client._run(get()))
            while server.logins == 0:  # the shared login has started and waits at the server
                await asyncio.sleep(0)
            first.cancel()
            await asyncio.sleep(0)
            server.login_gate.set()
            result = await second
            with pytest.raises(asyncio.CancelledError):
                await first
            return server, result

    server, result = asyncio.run(scenario())
    assert result["token"] == token_value(1) and server.logins == 1
