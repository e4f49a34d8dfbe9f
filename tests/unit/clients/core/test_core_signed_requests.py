"""The flow's hooks for an API whose credential is made per request (Udesk): ``sign(request)``
for every attempt of every call, after ``authorize`` (so each retry carries a fresh signature);
``observe(response)`` with every answer, retried or not; ``rejects_signature(request, response, retryable)``
replays a call once, signed anew, and a second refusal is the caller's to see."""

import asyncio
from dataclasses import replace

import httpx2
import pytest

from bridge.clients.base import AsyncClient, SyncClient
from bridge.clients.calls import Call
from bridge.clients.errors import AuthenticationError
from bridge.clients.redaction import Redactor
from bridge.clients.ucs.api import read_data


class SigningApi:
    """A keyed API (no login) that also signs each request with a counter in its query."""

    vendor = "Signed"
    base_url = "https://signed.test"

    def __init__(self, refuse: int = 0):
        self.signed: list = []  # the requests sign() was given
        self.observed: list[int] = []
        self.refuse = refuse  # how many answers rejects_signature() says were refusals

    def login(self):
        return None

    def authorize(self, token):
        return (("X-Api-Key", "key-1"),)

    def rejects_token(self, response):
        return False

    def sign(self, request):
        self.signed.append(request)
        separator = "&" if "?" in request.url else "?"
        return replace(request, url=f"{request.url}{separator}sig={len(self.signed)}")

    def observe(self, response):
        self.observed.append(response.status)

    def rejects_signature(self, request, response, retryable):
        if response.status == 401 and self.refuse:
            self.refuse -= 1
            return True
        return False


def run_sync(api, answers):
    seen = []

    def handler(request):
        seen.append(request)
        return answers.pop(0) if answers else httpx2.Response(200, json={"success": True, "data": "ok"})

    c = SyncClient(api, Redactor(), transport=httpx2.MockTransport(handler), sleep=lambda s: None)
    return c, seen


def get() -> Call:
    return Call("things.get", "GET", "/things/1", read_data, authenticated=False)


def test_every_attempt_is_signed_anew_after_authorize():
    api = SigningApi()
    c, seen = run_sync(api, [httpx2.Response(503), httpx2.Response(503)])
    assert c._run(get()) == "ok"
    assert [r.url.params["sig"] for r in seen] == ["1", "2", "3"]
    # An authenticated call: sign() sees the request authorize() made (its key header).
    api.signed.clear()
    c._run(Call("things.get", "GET", "/things/1", read_data))
    assert api.signed[0].header("X-Api-Key") == "key-1"


def test_observe_sees_every_answer():
    api = SigningApi(refuse=1)
    c, _ = run_sync(api, [httpx2.Response(503), httpx2.Response(401), httpx2.Response(200, json={"success": True,
                                                                                                  "data": 1})])
    assert c._run(get()) == 1
    assert api.observed == [503, 401, 200]


def test_a_refused_signature_is_replayed_once_even_for_a_create():
    api = SigningApi(refuse=1)
    c, seen = run_sync(api, [httpx2.Response(401)])
    create = Call("things.create", "POST", "/things", read_data, json={"a": 1}, authenticated=False)
    assert c._run(create) == "ok"
    assert [r.url.params["sig"] for r in seen] == ["1", "2"]


def test_one_replay_only():
    api = SigningApi(refuse=5)
    refused = httpx2.Response(401, json={"success": False, "error": "bad signature"})
    c, seen = run_sync(api, [refused, refused, refused])
    with pytest.raises(AuthenticationError):  # the reader's error for the second refusal
        c._run(get())
    assert len(seen) == 2 and api.refuse == 4


def test_the_async_engine_signs_and_observes_the_same_way():
    api = SigningApi(refuse=1)
    answers = [httpx2.Response(503), httpx2.Response(401)]
    seen = []

    async def handler(request):
        seen.append(request)
        return answers.pop(0) if answers else httpx2.Response(200, json={"success": True, "data": "ok"})

    async def sleep(seconds):
        pass

    async def run():
        async with AsyncClient(api, Redactor(), transport=httpx2.MockTransport(handler), sleep=sleep) as c:
            return await c._run(get())

    assert asyncio.run(run()) == "ok"
    assert [r.url.params["sig"] for r in seen] == ["1", "2", "3"]
    assert api.observed == [503, 401, 200]
