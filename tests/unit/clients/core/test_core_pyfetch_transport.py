"""The Pyodide transport, on CPython: a fake ``pyodide.http`` module stands in for the
browser's fetch. A success, a timeout (of the answer or of its body), and a fetch that throws."""

import asyncio
import inspect
import json
import sys
import types
from urllib.parse import unquote

import pytest

from bridge.clients import base
from bridge.clients.base import AsyncClient
from bridge.clients.calls import build_request
from bridge.clients.errors import ConnectionFailed, RequestTimeout
from bridge.clients.redaction import Redactor
from bridge.clients.retry import NO_RETRY
from bridge.clients.transports.pyfetch import PyfetchTransport
from core_doubles import BASE, CLIENT_SECRET, TOKEN_PATH, get, token_value, ucs_api

QUERY_TOKEN = "qs-Token-Query-5150"


class FetchResponse:
    """What pyfetch resolves to: a status, headers (a dict) and an awaitable body."""

    def __init__(self, status, body, headers=None, body_delay=0.0):
        self.status, self.headers, self._body, self._delay = status, headers or {}, body, body_delay

    async def bytes(self):
        await asyncio.sleep(self._delay)
        return self._body


class FakeFetch:
    """``pyodide.http.pyfetch``: records each (url, options) and answers with ``answer(url, options)``."""

    def __init__(self):
        self.calls = []
        self.answer = ucs_answers

    async def __call__(self, url, **options):
        self.calls.append((url, options))
        result = self.answer(url, options)
        return await result if inspect.isawaitable(result) else result


def ucs_answers(url, options):
    if url.endswith(TOKEN_PATH):
        return FetchResponse(200, json.dumps({"access_token": token_value(1), "expires_in": "3610"}).encode())
    return FetchResponse(200, b'{"success": true, "data": {"ok": 1}}')


@pytest.fixture
def fetch(monkeypatch):
    fake = FakeFetch()
    http = types.ModuleType("pyodide.http")
    http.pyfetch = fake
    pyodide = types.ModuleType("pyodide")
    pyodide.http = http
    monkeypatch.setitem(sys.modules, "pyodide", pyodide)
    monkeypatch.setitem(sys.modules, "pyodide.http", http)
    return fake


def run(call, redactor=None, **options):
    options.setdefault("retry", NO_RETRY)

    async def scenario():
        async with AsyncClient(ucs_api(), redactor or Redactor(CLIENT_SECRET), transport=PyfetchTransport(),
                               **options) as client:
            return await client._run(call)

    return asyncio.run(scenario())


def test_a_call_through_pyfetch_logs_in_then_sends_the_bearer_token(fetch):
    assert run(get()) == {"ok": 1}
    (login_url, login), (call_url, call) = fetch.calls
    assert login_url == BASE + TOKEN_PATH and login["method"] == "POST"
    assert json.loads(login["body"])["client_secret"] == CLIENT_SECRET
    assert login["headers"]["Content-Type"] == "application/json"
    assert call_url == BASE + "/api/v1.0/things/1" and call["method"] == "GET" and "body" not in call
    assert call["headers"]["Authorization"] == f"Bearer {token_value(1)}"


def test_the_headers_of_a_pyfetch_answer_are_read_lower_case(fetch):
    fetch.answer = lambda url, options: FetchResponse(201, b"{}", {"Content-Type": "application/json",
                                                                   "X-Request-Id": "r1"})
    response = asyncio.run(PyfetchTransport().send(build_request(BASE, get()), 1.0))
    assert response.status == 201 and response.body == b"{}"
    assert response.headers == {"content-type": "application/json", "x-request-id": "r1"}


def test_a_fetch_that_does_not_answer_in_time_is_a_request_timeout(fetch):
    async def never(url, options):
        await asyncio.sleep(5)

    fetch.answer = never
    with pytest.raises(RequestTimeout) as raised:
        run(get(), timeout=0.05)
    assert raised.value.operation == "login" and raised.value.status is None


def test_a_body_that_does_not_arrive_in_time_is_a_request_timeout_too(fetch):
    fetch.answer = lambda url, options: FetchResponse(200, b"{}", body_delay=5)
    with pytest.raises(RequestTimeout):
        run(get(), timeout=0.05)


@pytest.mark.parametrize("quoted, secrets", [
    (str, ()),  # the URL as sent
    (unquote, ()),  # decoded, as a browser may print it
    (lambda url: url.removeprefix("https://"), (QUERY_TOKEN,)),  # no URL left: masked by value
])
def test_a_fetch_that_throws_is_connection_failed_without_the_query_credential(fetch, quoted, secrets):
    def refuse(url, options):
        if url.endswith(TOKEN_PATH):
            return ucs_answers(url, options)
        raise OSError(f"Failed to fetch {quoted(url)}: the runtime refuses this origin")

    fetch.answer = refuse
    with pytest.raises(ConnectionFailed) as raised:
        run(get(query=(("token", QUERY_TOKEN), ("q", "a b"))), Redactor(CLIENT_SECRET, *secrets))
    error = raised.value
    assert type(error) is ConnectionFailed and "Failed to fetch" in str(error)
    assert error.url == BASE + "/api/v1.0/things/1?token=***&q=a+b"
    for text in (str(error), repr(error), error.url, *error.args):
        assert QUERY_TOKEN not in text
    assert error.__context__ is None and error.__cause__ is None


def test_in_pyodide_the_async_client_fetches_through_pyfetch(fetch, monkeypatch):
    monkeypatch.setattr(base, "IN_PYODIDE", True)

    async def scenario():
        client = AsyncClient(ucs_api(), Redactor(CLIENT_SECRET))
        assert isinstance(client._engine.transport, PyfetchTransport)
        async with client:
            return await client._run(get())

    assert asyncio.run(scenario()) == {"ok": 1}
    assert len(fetch.calls) == 2
