"""The client secret and the access token never appear in the logs (DEBUG, every logger), in
``repr`` of the client, or in a raised error (str, repr, args, attributes), even when UCS echoes
them: a failed login quoting the secret, a 500 or a field message quoting the token."""

import logging

import httpx2
import pytest

from bridge.clients.errors import ApiError
from ucs_helpers import BASE_URL, CLIENT_ID, CLIENT_SECRET, TOKEN, LOGIN_OK, Seed, async_client, client

SECRETS = (CLIENT_SECRET, TOKEN)


def leaks(error: BaseException) -> list[str]:
    """Every place of ``error`` where a secret shows."""
    places = {"str": str(error), "repr": repr(error), "args": repr(error.args),
              **{f"attribute {k}": repr(v) for k, v in vars(error).items()}}
    return [f"{where}: {secret[:6]}..." for where, text in places.items() for secret in SECRETS if secret in text]


def login_echoing_the_secret(request):
    return httpx2.Response(401, json={"error": f"invalid_client {CLIENT_SECRET}",
                                      "error_description": f"Invalid username or password: {CLIENT_SECRET}"})


def server_echoing_the_token(request):
    return httpx2.Response(500, json={"error": f"KeyError at {request.headers['authorization']}"})


def field_message_echoing_the_token(request):
    return httpx2.Response(200, json={"success": False, "data": {"number": f"bad value next to {TOKEN}"}})


def not_found_echoing_the_token(request):
    return httpx2.Response(200, json={"success": False, "error": f"no user for token {TOKEN}"})


CASES = {
    "a failed login echoing the secret": ({}, login_echoing_the_secret, lambda c: c.status()),
    "a 500 echoing the token": ({"GET /groups": server_echoing_the_token}, None, lambda c: c.groups()),
    "a field message echoing the token": ({"PATCH /user/1": field_message_echoing_the_token}, None,
                                          lambda c: c.update_user(1, {"number": "cislo"})),
    "a not-found echoing the token": ({"GET /user/2": not_found_echoing_the_token}, None, lambda c: c.user(2)),
}


@pytest.mark.parametrize("routes, login, ask", CASES.values(), ids=CASES.keys())
def test_no_secret_in_the_error_or_the_logs(routes, login, ask, caplog):
    caplog.set_level(logging.DEBUG)
    seed = Seed(routes, login=login)
    with client(seed, sleep=lambda seconds: None) as c:
        with pytest.raises(ApiError) as raised:
            ask(c)
        assert not any(secret in repr(c) for secret in SECRETS)
    assert leaks(raised.value) == []
    assert "***" in str(raised.value)  # the echo was there, masked
    assert caplog.records, "the calls were logged"
    assert [secret for secret in SECRETS if secret in caplog.text] == []


def test_no_secret_in_the_logs_of_successful_calls_sync_and_async(caplog):
    import asyncio

    caplog.set_level(logging.DEBUG)
    routes = {"GET /groups": {"success": True, "data": []}}
    with client(Seed(routes)) as c:
        c.groups()
        text = repr(c) + repr(c._engine.tokens.token) + repr(c._api)

    async def main():
        async with async_client(Seed(routes)) as ac:
            await ac.groups()
            return repr(ac)

    text += asyncio.run(main())
    assert [secret for secret in SECRETS if secret in caplog.text + text] == []
    assert CLIENT_ID in text and BASE_URL in text  # what is shown instead
