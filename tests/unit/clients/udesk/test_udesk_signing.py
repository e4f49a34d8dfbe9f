"""The signature of every request: ``Sign = SHA1(Sid + AuthToken + Timestamp)`` ("Server-side
Interface Authentication"), as 40 lower-case hex digits, with ``Sid``, ``Timestamp`` and ``Sign``
in the query ("Parameters (URL Query String)"); the timestamp in milliseconds ("the number of
milliseconds since 1970-01-01") unless seconds are asked for (the examples' 1566523582), and made
anew for each attempt ("valid within 10 minutes": a retry after a backoff must not reuse one)."""

import hashlib

import httpx2
import pytest
from udesk_doubles import AUTH_TOKEN, SID, Udesk, client, query

from bridge.clients.udesk.api import signature

NOW = 1566523582.123


def sha1(text):
    return hashlib.sha1(text.encode()).hexdigest()


@pytest.mark.parametrize("unit, stamp", [("ms", "1566523582123"), ("s", "1566523582")])
def test_the_signature_is_sha1_of_sid_token_and_timestamp(unit, stamp):
    server = Udesk(clock=lambda: NOW)
    options = {} if unit == "ms" else {"timestamp_unit": "s"}
    client(server, wall_clock=lambda: NOW, **options).relay_numbers()
    (request,) = server.requests
    q = query(request)
    assert q["Sid"] == SID and q["Timestamp"] == stamp
    assert q["Sign"] == sha1(SID + AUTH_TOKEN + stamp) == signature(SID, AUTH_TOKEN, stamp)
    assert len(q["Sign"]) == 40 and q["Sign"] == q["Sign"].lower()
    # In the query only: no header carries the credential.
    assert not any(SID in value or q["Sign"] in value for value in request.headers.values())


def test_milliseconds_by_default():
    server = Udesk(clock=lambda: NOW)
    client(server, wall_clock=lambda: NOW).relay_numbers()
    assert len(server.queries()[0]["Timestamp"]) == 13


def test_each_attempt_is_signed_anew():
    # A GET retried after a 503: the second attempt carries its own Timestamp and Sign.
    ticks = iter(range(1_700_000_000, 1_700_000_100))
    wall = lambda: float(next(ticks))
    server = Udesk(httpx2.Response(503), check_window=False)
    client(server, wall_clock=wall).relay_numbers()
    first, second = server.queries()
    assert first["Timestamp"] != second["Timestamp"] and first["Sign"] != second["Sign"]
    for q in (first, second):
        assert q["Sign"] == sha1(SID + AUTH_TOKEN + q["Timestamp"])
