"""No secret a client holds or sends reaches a log record, a repr or an exception: the client
secret, the token, an API key, a password in a URL's user info, a credential in a query.
Each is searched for in every DEBUG log record, the repr of every object a caller can print,
and the text, args, attributes and chain of every error the failure paths raise."""

import logging
import traceback

import httpx2
import pytest

from bridge.clients.base import SyncClient, checked_base_url
from bridge.clients.calls import Call, build_request
from bridge.clients.errors import (ApiError, AuthenticationError, ConnectionFailed, InvalidArgument, ServerError,
                                   ValidationError)
from bridge.clients.flow import GetToken, Send
from bridge.clients.messages import Response
from bridge.clients.redaction import Redactor
from bridge.clients.retry import NO_RETRY
from bridge.clients.tokens import Token
from bridge.clients.ucs.api import read_data
from core_doubles import (BASE, CLIENT_SECRET, TOKEN_PATH, KeyApi, LoopbackUcs, UcsDouble, envelope, get, sync_client,
                          token_value, ucs_api)

TOKEN = token_value(1)
API_KEY = "ak-Fixed-Api-Key-31337"
URL_PASSWORD = "pw-UserInfo-777"
QUERY_TOKEN = "qs-Token-Query-5150"
QUERY_SIGN = "qs-Sign-Query-8080"
SECRETS = (CLIENT_SECRET, TOKEN, API_KEY, URL_PASSWORD, QUERY_TOKEN, QUERY_SIGN)

SIGNED = (("token", QUERY_TOKEN), ("Sign", QUERY_SIGN), ("page", "2"))


def assert_clean(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in str(text), f"{secret!r} leaked in {text!r}"


def assert_error_clean(error: BaseException):
    """Everything a caller, a logger or an error tracker reads of ``error`` and its chain."""
    seen = error
    while seen is not None:
        assert_clean(str(seen), repr(seen), seen.args)
        for name in ("url", "vendor_message", "vendor_code", "fields", "message", "method", "operation"):
            assert_clean(getattr(seen, name, None))
        seen = seen.__cause__ or seen.__context__
    assert_clean("".join(traceback.format_exception(error)))


def assert_logs_clean(caplog):
    assert caplog.records  # the clients did log: the search below searched something
    for record in caplog.records:
        assert_clean(record.getMessage(), record.exc_text or "")


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx2's and httpcore2's
    return caplog


def signed_get():
    return get(query=SIGNED)


def test_a_successful_signed_call_logs_nothing_secret(debug_logs):
    server = UcsDouble()
    assert sync_client(server)._run(signed_get())["token"] == TOKEN
    assert server.requests[1].url.params["token"] == QUERY_TOKEN  # it was sent, only never shown
    assert_logs_clean(debug_logs)


def test_calls_over_real_sockets_log_nothing_secret(debug_logs):
    # httpcore2 logs each step at DEBUG (connection, headers of the answer): none of it secret.
    with LoopbackUcs() as server:
        with SyncClient(ucs_api(server.url), Redactor(CLIENT_SECRET)) as client:
            client._run(signed_get())
    assert server.seen[1][2] == f"Bearer {TOKEN}"
    assert any(record.name.startswith("httpcore2") for record in debug_logs.records)
    assert_logs_clean(debug_logs)


def test_a_refused_login_whose_answer_echoes_the_secret_does_not_leak_it(debug_logs):
    server = UcsDouble()
    server.login_script = [httpx2.Response(401, json={
        "error": f"invalid_client:{CLIENT_SECRET}",
        "error_description": f"client secret {CLIENT_SECRET} is wrong (login to {BASE}?token={QUERY_TOKEN})"})]
    with pytest.raises(AuthenticationError) as raised:
        sync_client(server)._run(signed_get())
    assert "client secret *** is wrong" in str(raised.value)
    assert raised.value.vendor_code == "invalid_client:***"
    assert_error_clean(raised.value)
    assert_logs_clean(debug_logs)


def test_a_500_that_echoes_the_token_does_not_leak_it(debug_logs):
    server = UcsDouble()
    server.script = [httpx2.Response(500, json={"success": False, "error": f"bad token {TOKEN} in Bearer {TOKEN}"})]
    with pytest.raises(ServerError) as raised:
        sync_client(server, retry=NO_RETRY)._run(signed_get())
    assert raised.value.vendor_message == "bad token *** in Bearer ***"
    assert_error_clean(raised.value)
    assert_logs_clean(debug_logs)


def test_field_messages_that_quote_a_secret_do_not_leak_it():
    server = UcsDouble()
    server.script = [envelope({"password": f"{CLIENT_SECRET} is too weak", "token": f"{TOKEN} expired"},
                              success=False)]
    with pytest.raises(ValidationError) as raised:
        sync_client(server)._run(signed_get())
    assert raised.value.fields == {"password": "*** is too weak", "token": "*** expired"}
    assert_error_clean(raised.value)


@pytest.mark.parametrize("quoted", [
    "{url}",  # the request's own URL, as sent
    f"https://crm:{URL_PASSWORD}@ucs.test/api/v1.0/things/1?Sign={QUERY_SIGN}&token={QUERY_TOKEN}",
    f"ucs.test/api/v1.0/things/1?page=2&token={QUERY_TOKEN}&Sign={QUERY_SIGN}",  # no scheme: the query known by value
])
def test_a_transport_failure_whose_text_quotes_the_url_does_not_leak_it(debug_logs, quoted):
    server = UcsDouble()

    def fail(request):
        raise httpx2.ConnectError(f"cannot reach {quoted.format(url=request.url)}: connection reset")

    server.script = [fail]
    # Without a scheme the text is no URL: a vendor client registers the credentials it signs with.
    redactor = Redactor(CLIENT_SECRET) if "://" in quoted else Redactor(CLIENT_SECRET, QUERY_TOKEN, QUERY_SIGN)
    with pytest.raises(ConnectionFailed) as raised:
        sync_client(server, retry=NO_RETRY, redactor=redactor)._run(signed_get())
    assert raised.value.url == "https://ucs.test/api/v1.0/things/1?token=***&Sign=***&page=2"
    assert_error_clean(raised.value)
    assert_logs_clean(debug_logs)


def test_an_api_key_echoed_by_the_server_does_not_leak(debug_logs):
    def handler(request):
        return httpx2.Response(500, json={"success": False, "error": f"key {request.headers['x-api-key']} disabled"})

    client = SyncClient(KeyApi(API_KEY), Redactor(API_KEY), retry=NO_RETRY, transport=httpx2.MockTransport(handler))
    with pytest.raises(ServerError) as raised:
        client._run(Call("x", "GET", "/x", read_data))
    assert raised.value.vendor_message == "key *** disabled"
    assert_error_clean(raised.value)
    assert_clean(repr(client), repr(client._engine))
    assert_logs_clean(debug_logs)


def test_a_base_url_with_a_password_is_refused_without_quoting_it():
    with pytest.raises(InvalidArgument) as raised:
        checked_base_url(f"https://crm:{URL_PASSWORD}@ucs.test", vendor="UCS")
    assert_error_clean(raised.value)


def test_nothing_a_caller_can_print_shows_a_secret():
    server = UcsDouble()
    client = sync_client(server)
    client._run(signed_get())
    api = ucs_api()
    login = api.login()
    token = Token(TOKEN, 3610.0)
    request = build_request(BASE, signed_get(), api.authorize(token))
    login_answer = Response(200, {"content-type": "application/json"},
                            f'{{"access_token": "{TOKEN}", "expires_in": "3610"}}'.encode())
    from bridge.clients.calls import Reply

    reply = Reply(login_answer, "UCS", "login", "POST", BASE + TOKEN_PATH, Redactor().text)
    printable = [client, client._engine, client._engine.tokens.token, api, login, request, token,
                 Redactor(CLIENT_SECRET, TOKEN), login_answer, reply, Send(request, "things.get"), GetToken(token)]
    for thing in printable:
        assert_clean(repr(thing), str(thing))
    # A client whose API was given a URL with user info (its vendor module did not check it):
    # the client's repr drops it.
    assert_clean(repr(SyncClient(ucs_api(f"https://crm:{URL_PASSWORD}@ucs.test"), Redactor())))


def test_an_error_raised_by_a_failed_call_pickles_without_secrets_too():
    import pickle

    server = UcsDouble()
    server.script = [httpx2.Response(500, json={"success": False, "error": f"token {TOKEN}"})]
    with pytest.raises(ApiError) as raised:
        sync_client(server, retry=NO_RETRY)._run(signed_get())
    data = pickle.dumps(raised.value)
    for secret in SECRETS:
        assert secret.encode() not in data
