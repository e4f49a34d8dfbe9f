"""AsyncWSGITransport serves a WSGI app to async clients in-process: the request arrives whole,
the answer comes back as the app sent it, the app runs off the event loop, and concurrent
requests reach it concurrently."""

import asyncio
import gzip
import json
import threading

import httpx2

from bridge.clients.base import AsyncClient
from bridge.clients.calls import Call
from bridge.clients.redaction import Redactor
from bridge.clients.ucs.api import UcsApi, read_data
from bridge.testing.async_wsgi import AsyncWSGITransport


def echo_app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    seen = {"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"], "query": environ["QUERY_STRING"],
            "type": environ.get("CONTENT_TYPE"), "x": environ.get("HTTP_X_TRACE"),
            "body": environ["wsgi.input"].read(length).decode(), "thread": threading.get_ident()}
    payload = json.dumps(seen).encode()
    start_response("201 Created", [("Content-Type", "application/json"), ("X-App", "echo"),
                                   ("Content-Length", str(len(payload)))])
    return [payload]


def run(app, send):
    async def scenario():
        async with httpx2.AsyncClient(transport=AsyncWSGITransport(app=app), base_url="http://fake.test") as client:
            return await send(client)

    return asyncio.run(scenario())


def test_a_request_reaches_the_app_whole_and_its_answer_comes_back():
    loop_thread = {}

    async def send(client):
        loop_thread["id"] = threading.get_ident()
        return await client.post("/api/v1.0/user", params={"q": "a b"}, json={"name": "Zoë"},
                                 headers={"X-Trace": "t1"})

    response = run(echo_app, send)
    assert response.status_code == 201 and response.headers["x-app"] == "echo"
    seen = response.json()
    assert (seen["method"], seen["path"], seen["query"], seen["type"], seen["x"]) == (
        "POST", "/api/v1.0/user", "q=a+b", "application/json", "t1")
    assert json.loads(seen["body"]) == {"name": "Zoë"}
    assert seen["thread"] != loop_thread["id"]  # the app ran off the event loop


def test_concurrent_requests_are_in_the_app_at_the_same_time():
    together = threading.Barrier(2, timeout=5)  # broken (an exception) unless both requests wait here at once

    def meeting_app(environ, start_response):
        together.wait()
        start_response("200 OK", [("Content-Length", "2")])
        return [b"ok"]

    async def send(client):
        return await asyncio.gather(client.get("/a"), client.get("/b"))

    assert [r.text for r in run(meeting_app, send)] == ["ok", "ok"]


def test_an_encoded_answer_is_handed_back_encoded_and_the_client_decodes_it():
    def gzip_app(environ, start_response):
        payload = gzip.compress(b'{"compressed": true}')
        start_response("200 OK", [("Content-Encoding", "gzip"), ("Content-Length", str(len(payload)))])
        return [payload]

    async def send(client):
        return await client.get("/")

    assert run(gzip_app, send).json() == {"compressed": True}


def test_the_apps_iterable_is_closed():
    closed = []

    class Body:
        def __iter__(self):
            yield b"part one, "
            yield b"part two"

        def close(self):
            closed.append(True)

    def app(environ, start_response):
        start_response("200 OK", [])
        return Body()

    async def send(client):
        return await client.get("/")

    assert run(app, send).text == "part one, part two" and closed == [True]


def test_an_async_rest_client_runs_against_a_wsgi_app_in_process():
    def ucs_app(environ, start_response):
        if environ["PATH_INFO"] == "/login/oauth2/token":
            data = {"access_token": "tok-from-wsgi", "expires_in": "3610"}
        else:
            data = {"success": environ.get("HTTP_AUTHORIZATION") == "Bearer tok-from-wsgi", "data": "hello"}
        payload = json.dumps(data).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]

    async def scenario():
        client = AsyncClient(UcsApi("https://ucs.test", "crm", "cs-secret-value"), Redactor("cs-secret-value"),
                             transport=AsyncWSGITransport(app=ucs_app))
        async with client:
            return await client._run(Call("status", "GET", "/api/v1.0/status", read_data))

    assert asyncio.run(scenario()) == "hello"
