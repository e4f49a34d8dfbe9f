"""The token's life in one client: obtained on first use, renewed before it expires, replaced
once when the server refuses it, never looped on."""

import asyncio

import httpx2
import pytest

from bridge.clients.base import SyncClient
from bridge.clients.calls import Call
from bridge.clients.errors import AuthenticationError, ServerError
from bridge.clients.redaction import Redactor
from bridge.clients.retry import NO_RETRY
from bridge.clients.tokens import MAX_MARGIN, Token, renewal_margin
from bridge.clients.ucs.api import read_data
from core_doubles import TOKEN_PATH, Clock, KeyApi, UcsDouble, async_client, body, create, get, sync_client, token_value

CALL = "/api/v1.0/things/1"


def test_no_login_happens_before_the_first_call():
    server = UcsDouble()
    client = sync_client(server)
    assert server.requests == [] and client.logins == 0
    assert client._run(get())["token"] == token_value(1)
    assert server.paths() == [TOKEN_PATH, CALL]
    assert body(server.requests[0]) == {"client_id": "crm-service", "client_secret": "cs-Client-Secret-0042",
                                        "grant_type": "client_credentials"}
    assert client.logins == 1


def test_the_token_is_kept_for_the_next_calls():
    server = UcsDouble()
    client = sync_client(server)
    for _ in range(3):
        client._run(get())
    assert server.paths() == [TOKEN_PATH, CALL, CALL, CALL]
    assert server.tokens_used() == [token_value(1)] * 3


def test_the_token_is_renewed_before_it_expires_not_after():
    # UCS says "3610" seconds: the renewal comes 300 s before, counted from when the login was sent.
    server, clock = UcsDouble(expires_in="3610"), Clock(1000.0)
    client = sync_client(server, clock=clock)
    client._run(get())
    clock.now = 1000.0 + 3610 - MAX_MARGIN - 0.001
    client._run(get())
    assert client.logins == 1
    clock.now = 1000.0 + 3610 - MAX_MARGIN
    client._run(get())
    assert client.logins == 2
    # Token 1 was still valid at the server: it was replaced before any request met a refusal
    # (a refusal would show as a call sent twice).
    assert server.paths() == [TOKEN_PATH, CALL, CALL, TOKEN_PATH, CALL]
    assert server.tokens_used() == [token_value(1), token_value(1), token_value(2)]


def test_renewal_margins_scale_with_the_lifetime():
    assert renewal_margin(3610) == MAX_MARGIN
    assert renewal_margin(600) == 60.0
    assert renewal_margin(20) == 5.0
    assert renewal_margin(4) == 2.0  # never more than half the life


def test_a_token_without_a_lifetime_is_used_until_refused():
    server, clock = UcsDouble(expires_in=None), Clock()
    client = sync_client(server, clock=clock)
    client._run(get())
    clock.now += 10 ** 7
    client._run(get())
    assert client.logins == 1


def test_a_401_on_a_call_makes_one_new_login_and_one_replay():
    server = UcsDouble()
    client = sync_client(server)
    client._run(get())
    server.revoke_all()  # the server expired the token early (restart, revocation)
    assert client._run(get())["token"] == token_value(2)
    assert server.paths() == [TOKEN_PATH, CALL, CALL, TOKEN_PATH, CALL]
    assert client.logins == 2


def test_a_create_refused_for_its_token_is_replayed_once():
    # The refusal came before the server acted: replaying the create cannot make a duplicate.
    server = UcsDouble()
    client = sync_client(server)
    client._run(get())
    server.revoke_all()
    client._run(create())
    assert [(r.method, r.url.path) for r in server.requests[2:]] == [
        ("POST", "/api/v1.0/things"), ("POST", TOKEN_PATH), ("POST", "/api/v1.0/things")]


def test_a_second_401_after_the_replay_is_an_authentication_error_not_a_loop():
    server = UcsDouble()
    refused = httpx2.Response(401, json={"success": False, "error": "token refused"})
    server.script = [refused, refused, refused]
    client = sync_client(server)
    with pytest.raises(AuthenticationError) as raised:
        client._run(get())
    assert raised.value.status == 401 and raised.value.operation == "things.get"
    assert server.paths() == [TOKEN_PATH, CALL, TOKEN_PATH, CALL]


def test_a_refused_login_is_an_authentication_error_and_the_next_call_logs_in_again():
    server = UcsDouble()
    server.login_script = [httpx2.Response(401, json={"error": "invalid_client",
                                                      "error_description": "Invalid username or password"})]
    client = sync_client(server)
    with pytest.raises(AuthenticationError, match="Invalid username or password") as raised:
        client._run(get())
    assert raised.value.operation == "login" and raised.value.vendor_code == "invalid_client"
    assert server.paths() == [TOKEN_PATH]
    assert client._run(get())["token"] == token_value(1)
    assert server.paths() == [TOKEN_PATH, TOKEN_PATH, CALL]


def test_a_login_that_meets_a_5xx_is_retried_like_any_idempotent_call():
    server, sleeps = UcsDouble(), []
    server.login_script = [httpx2.Response(503)]
    client = sync_client(server, sleeps=sleeps)
    client._run(get())
    assert server.paths() == [TOKEN_PATH, TOKEN_PATH, CALL] and len(sleeps) == 1


def test_a_login_that_fails_for_good_is_the_callers_error():
    server = UcsDouble()
    server.login_script = [httpx2.Response(500)]
    client = sync_client(server, retry=NO_RETRY)
    with pytest.raises(ServerError) as raised:
        client._run(get())
    assert raised.value.operation == "login" and client.logins == 0


def test_the_async_client_follows_the_same_lifecycle():
    async def scenario():
        server, clock = UcsDouble(), Clock(0.0)
        async with async_client(server, clock=clock) as client:
            assert server.requests == []
            await client._run(get())
            server.revoke_all()
            await client._run(get())  # 401, one login, one replay
            clock.now = 3610.0  # past the renewal of token 2
            await client._run(get())
            return server, client.logins

    server, logins = asyncio.run(scenario())
    assert logins == 3
    assert server.paths() == [TOKEN_PATH, CALL, CALL, TOKEN_PATH, CALL, TOKEN_PATH, CALL]
    assert server.tokens_used() == [token_value(1), token_value(1), token_value(2), token_value(3)]


def test_an_api_without_a_login_sends_its_fixed_credential_and_never_logs_in():
    seen = []

    def handler(request):
        seen.append(request.headers.get("x-api-key"))
        return httpx2.Response(200, json={"success": True, "data": 1})

    client = SyncClient(KeyApi("ak-fixed-key-123"), Redactor("ak-fixed-key-123"),
                        transport=httpx2.MockTransport(handler))
    assert client._run(Call("x", "GET", "/x", read_data)) == 1
    assert client._run(Call("x", "GET", "/x", read_data)) == 1
    assert seen == ["ak-fixed-key-123"] * 2 and client.logins == 0


def test_token_state_reuses_a_token_until_stale_or_due():
    from bridge.clients.tokens import TokenState

    state, token = TokenState(), Token("tok-abcdef", 100.0)
    assert state.usable(None, 0.0) is None
    state.store(token, requested_at=10.0)  # renew at 10 + 100 - 10
    assert state.usable(None, 99.9) is token
    assert state.usable(None, 100.0) is None
    assert state.usable(token, 50.0) is None  # a request just met it refused
    assert state.usable(Token("tok-abcdef", 100.0), 50.0) is token  # an equal but other token is not it
    state.forget()
    assert state.usable(None, 50.0) is None and state.logins == 1
