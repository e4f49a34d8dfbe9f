"""The server's clock: a timestamp is "valid within 10 minutes", so a CRM server whose clock is
off by more than that is refused on every call. The client learns the server's time from each
answer's ``Date`` and, when a request was refused with 200020 (authentication error) or 000035
(request timeout) and its timestamp was more than a minute from that ``Date``, replays it once
signed with the corrected time. Nothing else is replayed for a signature."""

import asyncio
import time
from email.utils import formatdate

import httpx2
import pytest
from udesk_doubles import Udesk, async_client, client

from bridge.clients.errors import AuthenticationError

ELEVEN_MINUTES = 660.0


def refusal(code):
    return {"ErrCode": code, "ErrDesc": "Authentication error" if code == "200020" else "Request timeout",
            "Result": None}


def test_one_corrected_retry_then_every_call_signed_right():
    server = Udesk(skew=ELEVEN_MINUTES)
    c = client(server)
    assert c.relay_numbers() is not None
    assert len(server.requests) == 2 and server.refused == 1
    assert abs(c.clock_offset - ELEVEN_MINUTES) < 3
    c.queues()
    assert len(server.requests) == 3 and server.refused == 1  # right the first time


def test_the_async_client_corrects_its_clock_the_same_way():
    server = Udesk(skew=ELEVEN_MINUTES)

    async def run():
        async with async_client(server) as c:
            await c.relay_numbers()
            assert (len(server.requests), server.refused) == (2, 1)
            await c.queues()
            return c.clock_offset

    assert abs(asyncio.run(run()) - ELEVEN_MINUTES) < 3
    assert (len(server.requests), server.refused) == (3, 1)


def test_a_clock_behind_the_servers_is_corrected_too():
    server = Udesk(skew=-ELEVEN_MINUTES)
    c = client(server)
    c.relay_numbers()
    assert (len(server.requests), server.refused) == (2, 1) and c.clock_offset < -600


@pytest.mark.parametrize("code", ["200020", "000035"])
def test_the_retry_needs_a_skew(code):
    # The clocks agree: a refusal is about the credentials, and a replay would be refused again.
    server = Udesk(refusal(code))
    with pytest.raises(AuthenticationError) as raised:
        client(server).relay_numbers()
    assert len(server.requests) == 1 and raised.value.vendor_code == code


def test_a_skew_under_a_minute_is_not_retried():
    server = Udesk(refusal("200020"), skew=30)
    with pytest.raises(AuthenticationError):
        client(server).relay_numbers()
    assert len(server.requests) == 1


def test_the_async_client_does_not_retry_without_a_skew():
    server = Udesk(refusal("200020"))

    async def run():
        async with async_client(server) as c:
            await c.relay_numbers()

    with pytest.raises(AuthenticationError):
        asyncio.run(run())
    assert len(server.requests) == 1


@pytest.mark.parametrize("code", ["200020", "000035"])
def test_one_replay_only(code):
    # A server that refuses the corrected request too: the second refusal is the caller's.
    server = Udesk(refusal(code), refusal(code), refusal(code), skew=ELEVEN_MINUTES, check_window=False)
    c = client(server, wall_clock=lambda: 1_000_000_000.0)
    with pytest.raises(AuthenticationError):
        c.relay_numbers()
    assert len(server.requests) == 2


def test_a_create_is_replayed_after_a_refused_timestamp():
    # Refused before it was carried out: the one corrected replay is safe for a POST that is
    # never retried otherwise.
    server = Udesk({"ErrCode": "000000", "ErrDesc": "OK", "Result": {"AgentId": "9415"}}, skew=ELEVEN_MINUTES)
    assert client(server).create_agent("9415", "199").AgentId == "9415"
    assert (len(server.requests), server.refused) == (2, 1)


def test_a_clock_that_keeps_running_away_gets_one_replay():
    # Each refusal's Date eleven minutes further ahead: every request is off by more than a
    # minute, and still only one is replayed.
    def running_away(n):
        return lambda request: httpx2.Response(200, json=refusal("200020"),
                                               headers={"Date": formatdate(time.time() + n * ELEVEN_MINUTES, usegmt=True)})

    server = Udesk(running_away(1), running_away(2), running_away(3), check_window=False)
    with pytest.raises(AuthenticationError):
        client(server).relay_numbers()
    assert len(server.requests) == 2


def test_the_async_client_does_not_retry_a_skew_under_a_minute():
    server = Udesk(refusal("200020"), skew=30)

    async def run():
        async with async_client(server) as c:
            await c.relay_numbers()

    with pytest.raises(AuthenticationError):
        asyncio.run(run())
    assert len(server.requests) == 1
