"""The optional ``Api.renew`` hook and a token's absolute expiry: a token due for renewal is
traded through the renewal call (no login), single-flight; a refused token goes to a login; a
failed renewal falls back to a login; ``Token.expires_at`` (epoch seconds, read with the
engine's wall clock) schedules the renewal when it comes before the lifetime's end."""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2

from bridge.clients.base import AsyncClient, SyncClient
from bridge.clients.calls import Call, Reply
from bridge.clients.flow import raise_for_status
from bridge.clients.redaction import Redactor
from bridge.clients.retry import NO_RETRY
from bridge.clients.tokens import Token, TokenState
from core_doubles import Clock

BASE = "https://renewing.test"


class RenewingApi:
    """Login at /login, renewal at /renew (the old token in its own header), calls at /thing;
    a 403 means a refused token. ``expires_at`` (epoch seconds) is put on each token."""

    vendor = "Renewing"
    base_url = BASE

    def __init__(self, lifetime=None, expires_at=None):
        self.lifetime, self.expires_at = lifetime, expires_at

    def _read(self, reply: Reply) -> Token:
        raise_for_status(reply)
        return Token(reply.response.json()["token"], self.lifetime, self.expires_at)

    def login(self) -> Call:
        return Call("login", "POST", "/login", self._read, authenticated=False, json={})

    def renew(self, token: Token) -> Call:
        return Call("renew", "GET", "/renew", self._read, authenticated=False,
                    headers=(("Authorization", f"Bearer {token.value}"),))

    def authorize(self, token: Token):
        return (("Authorization", f"Bearer {token.value}"),)

    def rejects_token(self, response) -> bool:
        return response.status == 403


class Server:
    def __init__(self, renew_status=200, delay=0.0):
        self.paths: list[str] = []
        self.issued = 0
        self.valid: set[str] = set()
        self.renew_status = renew_status
        self.delay = delay
        self._lock = threading.Lock()

    def _issue(self) -> httpx2.Response:
        self.issued += 1
        token = f"token-number-{self.issued}"
        self.valid.add(token)
        return httpx2.Response(200, json={"token": token})

    def answer(self, request: httpx2.Request) -> httpx2.Response:
        with self._lock:
            self.paths.append(request.url.path)
            presented = (request.headers.get("authorization") or "").removeprefix("Bearer ")
            if request.url.path == "/login":
                return self._issue()
            if request.url.path == "/renew":
                if self.renew_status != 200 or presented not in self.valid:
                    return httpx2.Response(self.renew_status if self.renew_status != 200 else 403, json={})
                return self._issue()
            if presented not in self.valid:
                return httpx2.Response(403, json={})
            return httpx2.Response(200, json={"token": presented})

    def handler(self, request):
        if self.delay:
            time.sleep(self.delay)
        return self.answer(request)


def thing(reply: Reply):
    raise_for_status(reply)
    return reply.response.json()["token"]


CALL = Call("thing", "GET", "/thing", thing)


def client(server, api, **options) -> SyncClient:
    return SyncClient(api, Redactor(), transport=httpx2.MockTransport(server.handler), **options)


def test_a_token_due_for_renewal_is_renewed_not_logged_in_again():
    server, clock = Server(), Clock(1000.0)
    c = client(server, RenewingApi(lifetime=600), clock=clock)
    assert c._run(CALL) == "token-number-1"
    clock.now += 600 - 60  # the margin of a 600 s token is 60 s
    assert c._run(CALL) == "token-number-2"
    assert server.paths == ["/login", "/thing", "/renew", "/thing"]
    assert c._engine.tokens.logins == 1 and c._engine.tokens.renewals == 1


def test_a_refused_token_is_replaced_by_a_login_not_a_renewal():
    server = Server()
    c = client(server, RenewingApi(lifetime=600))
    c._run(CALL)
    server.valid.clear()
    assert c._run(CALL) == "token-number-2"
    assert server.paths == ["/login", "/thing", "/thing", "/login", "/thing"]


def test_a_failed_renewal_of_an_expired_token_falls_back_to_a_login():
    server, clock = Server(renew_status=500), Clock(1000.0)
    c = client(server, RenewingApi(lifetime=600), clock=clock, retry=NO_RETRY)
    c._run(CALL)
    clock.now += 600
    assert c._run(CALL) == "token-number-2"
    assert server.paths == ["/login", "/thing", "/renew", "/login", "/thing"]


def test_a_refused_renewal_falls_back_to_a_login():
    server, clock = Server(renew_status=401), Clock(1000.0)
    c = client(server, RenewingApi(lifetime=600), clock=clock, retry=NO_RETRY)
    c._run(CALL)
    clock.now += 550
    assert c._run(CALL) == "token-number-2"
    assert server.paths == ["/login", "/thing", "/renew", "/login", "/thing"]


def test_a_renewal_the_server_fails_for_now_keeps_the_token_that_still_lasts():
    # A 5xx (or no answer) says nothing of the token: with 50 s left, a login instead would fail
    # a one-time SSO login for nothing. The token is kept; the renewal is tried again later.
    server, clock = Server(renew_status=503), Clock(1000.0)
    c = client(server, RenewingApi(lifetime=600), clock=clock, retry=NO_RETRY)
    c._run(CALL)
    clock.now += 550
    assert c._run(CALL) == "token-number-1"
    assert c._run(CALL) == "token-number-1"  # postponed: no renewal of its own for this call
    assert server.paths == ["/login", "/thing", "/renew", "/thing", "/thing"]
    server.renew_status = 200
    clock.now += 25
    assert c._run(CALL) == "token-number-2"
    assert c._engine.tokens.logins == 1 and c._engine.tokens.renewals == 1


def test_a_renewal_that_gives_the_same_token_back_keeps_the_old_deadline():
    # Trusting a new lifetime for the same token would carry the client past its real expiry.
    state = TokenState()
    token = Token("token-number-1", 600)
    state.store(token, 1000.0)
    state.store(Token("token-number-1", 600), 1550.0, renewed=True)
    assert state.valid(1599.0) and not state.valid(1600.0)
    assert state.renewals == 0


def test_twenty_threads_due_for_renewal_share_one_renewal():
    server, clock = Server(delay=0.02), Clock(1000.0)
    c = client(server, RenewingApi(lifetime=600), clock=clock)
    c._run(CALL)
    clock.now += 600
    start = threading.Barrier(20)

    def call(_):
        start.wait()
        return c._run(CALL)

    with ThreadPoolExecutor(20) as pool:
        assert set(pool.map(call, range(20))) == {"token-number-2"}
    assert server.paths.count("/renew") == 1 and server.paths.count("/login") == 1


def test_twenty_tasks_due_for_renewal_share_one_renewal():
    server, clock = Server(), Clock(1000.0)

    async def handler(request):
        await asyncio.sleep(0.01)
        return server.answer(request)

    async def main():
        c = AsyncClient(RenewingApi(lifetime=600), Redactor(), transport=httpx2.MockTransport(handler), clock=clock)
        await c._run(CALL)
        clock.now += 600
        return set(await asyncio.gather(*(c._run(CALL) for _ in range(20))))

    assert asyncio.run(main()) == {"token-number-2"}
    assert server.paths.count("/renew") == 1 and server.paths.count("/login") == 1


def test_an_absolute_expiry_schedules_the_renewal_with_the_wall_clock():
    # Monotonic clock at 1000, wall clock at epoch 1.7e9; the token expires 100 s from now.
    clock, wall = Clock(1000.0), Clock(1_700_000_000.0)
    server = Server()
    c = client(server, RenewingApi(expires_at=1_700_000_100.0), clock=clock, wall_clock=wall)
    c._run(CALL)
    clock.now = 1000.0 + 100 - 10 - 0.001  # a 100 s life: renewed 10 s before its end
    c._run(CALL)
    assert server.paths.count("/renew") == 0
    clock.now = 1000.0 + 90
    c._run(CALL)
    assert server.paths.count("/renew") == 1


def test_the_earlier_of_lifetime_and_absolute_expiry_decides():
    state = TokenState()
    state.store(Token("t" * 8, lifetime=3600, expires_at=1100.0), 0.0, wall_now=1000.0)
    assert state.usable(None, 89.0) is not None and state.usable(None, 90.0) is None
    state.store(Token("t" * 8, lifetime=100, expires_at=10_000.0), 0.0, wall_now=1000.0)
    assert state.usable(None, 89.0) is not None and state.usable(None, 90.0) is None


def test_a_token_already_past_its_absolute_expiry_is_due_at_once():
    state = TokenState()
    state.store(Token("t" * 8, expires_at=900.0), 50.0, wall_now=1000.0)
    assert state.usable(None, 50.0) is None
