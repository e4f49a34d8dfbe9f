"""A Udesk-shaped server for ``httpx2.MockTransport``, for the client's unit tests (not the WSGI
fake of bridge/testing/fakes, written apart: these tests script each answer themselves).

The server checks what the document promises a real one checks: ``Sign == SHA1(Sid + AuthToken +
Timestamp)`` and a timestamp within ten minutes of its own clock ("valid within 10 minutes"),
read as milliseconds when it has 13 digits or more, else seconds (the document says both). A
failed check answers ``{"ErrCode": "200020", "ErrDesc": "Authentication error"}``. Its clock runs
``skew`` seconds ahead of the test's (``Date`` on every answer says it). Then it answers the
next scripted answer (a response, a JSON object, an exception to raise, a function of the
request) or ``{"ErrCode": "000000", "ErrDesc": "OK", "Result": {}}``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from email.utils import formatdate
from urllib.parse import parse_qsl

import httpx2

from bridge.clients.udesk import AsyncUdeskClient, UdeskClient

BASE = "https://udesk.test"
SID = "ACudesk0042sid"
AUTH_TOKEN = "udesk-AuthToken-9f3a1c77e2"
APP = "4b8dc715-05e0-4340-6cae-a6e3c39a6012"
WINDOW = 600.0

OK = {"ErrCode": "000000", "ErrDesc": "OK", "Result": {}}


def ok(result=None) -> dict:
    return {"ErrCode": "000000", "ErrDesc": "OK", "Result": result}


def query(request: httpx2.Request) -> dict[str, str]:
    return dict(parse_qsl(request.url.query.decode() if isinstance(request.url.query, bytes) else request.url.query,
                          keep_blank_values=True))


def body(request: httpx2.Request):
    return json.loads(request.content) if request.content else None


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


class Udesk:
    def __init__(self, *answers, skew: float = 0.0, clock=time.time, check_window: bool = True):
        self.script = list(answers)
        self.skew = skew
        self.clock = clock
        self.check_window = check_window
        self.requests: list[httpx2.Request] = []
        self.refused = 0

    def now(self) -> float:
        return self.clock() + self.skew

    def queries(self) -> list[dict[str, str]]:
        return [query(request) for request in self.requests]

    def _verdict(self, request: httpx2.Request) -> dict | None:
        q = query(request)
        stamp, sign = q.get("Timestamp", ""), q.get("Sign", "")
        if q.get("Sid") != SID or not stamp.isdigit() or sign != sha1(SID + AUTH_TOKEN + stamp):
            return {"ErrCode": "200020", "ErrDesc": "Authentication error", "Result": None}
        sent = int(stamp) / (1000 if len(stamp) >= 13 else 1)
        if self.check_window and abs(self.now() - sent) > WINDOW:
            return {"ErrCode": "200020", "ErrDesc": "Authentication error", "Result": None}
        return None

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        headers = {"Date": formatdate(self.now(), usegmt=True)}
        refusal = self._verdict(request)
        if refusal is not None:
            self.refused += 1
            return httpx2.Response(200, json=refusal, headers=headers)
        answer = self.script.pop(0) if self.script else OK
        if isinstance(answer, BaseException):
            raise answer
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, httpx2.Response):
            answer.headers.setdefault("Date", headers["Date"])
            return answer
        return httpx2.Response(200, json=answer, headers=headers)

    async def async_handler(self, request: httpx2.Request) -> httpx2.Response:
        await asyncio.sleep(0)
        return self.handler(request)


def client(server: Udesk, *, sleeps: list | None = None, **options) -> UdeskClient:
    sleeps = [] if sleeps is None else sleeps
    options.setdefault("sleep", sleeps.append)
    options.setdefault("transport", httpx2.MockTransport(server.handler))
    return UdeskClient(BASE, SID, AUTH_TOKEN, APP, **options)


def async_client(server: Udesk, *, sleeps: list | None = None, **options) -> AsyncUdeskClient:
    sleeps = [] if sleeps is None else sleeps

    async def sleep(seconds):
        sleeps.append(seconds)

    options.setdefault("sleep", sleep)
    options.setdefault("transport", httpx2.MockTransport(server.async_handler))
    return AsyncUdeskClient(BASE, SID, AUTH_TOKEN, APP, **options)
