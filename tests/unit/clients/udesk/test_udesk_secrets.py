"""The AuthToken and every signed URL stay out of logs, reprs and exceptions. The signature
covers no method, path or body, so a signed URL is a bearer credential for ten minutes ("valid
within 10 minutes"): its Sign (and the Sid that, with the AuthToken, makes every signature) is
searched for everywhere the client says something."""

import asyncio
import logging

import httpx2
import pytest
from udesk_doubles import APP, AUTH_TOKEN, SID, Udesk, async_client, client, query

from bridge.clients.calls import build_request
from bridge.clients.errors import ApiError, ConnectionFailed
from bridge.clients.udesk import operations as ops


def secrets_of(server: Udesk) -> list[str]:
    signs = [query(request)["Sign"] for request in server.requests]
    assert signs, "the server saw signed requests"
    return [AUTH_TOKEN, SID, *signs, *(str(request.url) for request in server.requests)]


def everything_said(caplog, error: ApiError, c) -> str:
    return "\n".join([caplog.text, str(error), repr(error), str(error.url), str(error.vendor_message),
                      str(error.args), repr(c), repr(c._api), repr(c._engine.redactor)])


def echo(request):
    # A server that quotes what it got in its error message (the signed URL, the credentials).
    return {"ErrCode": "100003", "ErrDesc": f"no account for {request.url} token {AUTH_TOKEN} sid {SID}",
            "Result": None}


def test_an_echoing_server_shows_nothing(caplog):
    caplog.set_level(logging.DEBUG)
    server = Udesk(echo)
    c = client(server)
    with pytest.raises(ApiError) as raised:
        c.create_agent("9415", "199")
    text = everything_said(caplog, raised.value, c)
    for secret in secrets_of(server):
        assert secret not in text
    assert "***" in raised.value.vendor_message
    assert "Sign=" not in raised.value.url or "Sign=***" in raised.value.url


def test_a_transport_failure_quoting_the_signed_url_shows_nothing(caplog):
    caplog.set_level(logging.DEBUG)
    seen = []

    def refuse(request):
        seen.append(request)
        raise httpx2.ConnectError(f"connection refused for {request.url}")

    c = client(Udesk(), transport=httpx2.MockTransport(refuse))
    with pytest.raises(ConnectionFailed) as raised:
        c.relay_numbers()  # a GET: retried, each attempt logged and signed anew
    assert len(seen) == 4
    text = everything_said(caplog, raised.value, c)
    for request in seen:
        assert query(request)["Sign"] not in text and str(request.url) not in text
    assert AUTH_TOKEN not in text and SID not in text
    assert "connection refused for https://udesk.test/ccapi/v2/spnumbers" in str(raised.value)


def test_the_clock_correction_and_the_replay_log_nothing_secret(caplog):
    caplog.set_level(logging.DEBUG)
    server = Udesk(skew=660)
    client(server).relay_numbers()
    assert len(server.requests) == 2
    assert "clock" in caplog.text  # the correction is logged, and what it logs is clean
    for secret in secrets_of(server):
        assert secret not in caplog.text


def test_the_async_client_shows_nothing(caplog):
    caplog.set_level(logging.DEBUG)
    server = Udesk(echo)

    async def run():
        async with async_client(server) as c:
            with pytest.raises(ApiError) as raised:
                await c.sign_in("10032", msg_id="1")
            return everything_said(caplog, raised.value, c)

    text = asyncio.run(run())
    for secret in secrets_of(server):
        assert secret not in text


def test_reprs_show_no_credential():
    server = Udesk()
    c = client(server)
    call = ops.relay_numbers(APP)
    signed = c._api.sign(build_request(c._api.base_url, call))
    assert "Sign=" in signed.url
    text = "\n".join([repr(c), repr(c._api), repr(call), repr(signed), str(signed), repr(c._engine.redactor)])
    assert AUTH_TOKEN not in text and SID not in text and signed.url not in text and "Sign" not in text

