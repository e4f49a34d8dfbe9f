"""The server's clock, end to end against the fake: "Timestamp: Time stamp, valid within 10
minutes" (seed 003, Authentication Method). With the fake's clock 11 minutes off ours (ahead or
behind) the first call is refused (200020), replayed once with a timestamp corrected by the
fake's ``Date``, and taken; every later call is signed right at once; ``clock_offset`` is the
skew. 5 minutes off is inside the window: nothing is refused. A wrong AuthToken is an
AuthenticationError; with the clocks agreeing it is never replayed (a replay would be refused
again), with them 11 minutes apart it is replayed once (the skew rule) and still refused."""

import asyncio
import time

import pytest
from udesk_e2e_helpers import async_client, sync_client

from bridge.clients.errors import AuthenticationError
from bridge.testing.fakes import UdeskFake

ELEVEN_MINUTES = 660.0
FIVE_MINUTES = 300.0


def stamps(fake) -> list[float]:
    """Each request's Timestamp, in seconds."""
    return [int(r.query["Timestamp"]) / (1000 if len(r.query["Timestamp"]) >= 13 else 1) for r in fake.requests]


def check_corrected(fake, skew: float, unit: str, before: float) -> None:
    first, second = fake.requests
    assert (first.authorized, second.authorized) == (False, True)
    assert len(first.query["Timestamp"]) == (13 if unit == "ms" else 10)
    assert len(second.query["Timestamp"]) == len(first.query["Timestamp"])
    sent, replayed = stamps(fake)
    assert abs(sent - before) < 3  # our clock
    assert abs(replayed - (before + skew)) < 3  # the fake's


@pytest.mark.parametrize("unit", ["ms", "s"])
@pytest.mark.parametrize("skew", [ELEVEN_MINUTES, -ELEVEN_MINUTES], ids=["ahead", "behind"])
def test_the_sync_client_is_refused_once_then_signs_right(skew, unit):
    fake = UdeskFake()
    fake.skew(skew)
    before = time.time()
    with sync_client(fake, timestamp_unit=unit) as client:
        assert client.relay_numbers().DefSpNumber == "057126200670"
        check_corrected(fake, skew, unit, before)
        assert abs(client.clock_offset - skew) < 3
        client.queues()
        client.create_agent("9415", "199")  # a create too: signed right, one request
    assert len(fake.requests) == 4 and all(r.authorized for r in fake.requests[1:])
    assert "9415" in fake.agents


@pytest.mark.parametrize("unit", ["ms", "s"])
@pytest.mark.parametrize("skew", [ELEVEN_MINUTES, -ELEVEN_MINUTES], ids=["ahead", "behind"])
def test_the_async_client_is_refused_once_then_signs_right(skew, unit):
    fake = UdeskFake()
    fake.skew(skew)
    before = time.time()

    async def run():
        async with async_client(fake, timestamp_unit=unit) as client:
            await client.relay_numbers()
            check_corrected(fake, skew, unit, before)
            await client.queues()
            await client.sign_in("10032")
            return client.clock_offset

    assert abs(asyncio.run(run()) - skew) < 3
    assert len(fake.requests) == 4 and all(r.authorized for r in fake.requests[1:])
    assert fake.agents["10032"]["State"] == 0


def test_a_create_refused_for_its_timestamp_is_replayed_and_made_once():
    # The refusal came before the server acted: the replay of a create is safe, and it makes one.
    fake = UdeskFake()
    fake.skew(ELEVEN_MINUTES)
    with sync_client(fake) as client:
        client.create_agent("9415", "199")
        client.callback_to_ivr("18789998765", "02863208944")
    assert [r.authorized for r in fake.requests] == [False, True, True]
    assert "9415" in fake.agents and len(fake.calls) == 1


def test_the_fakes_other_stale_code_is_replayed_too():
    fake = UdeskFake(stale_code="000035")  # "Request timeout"
    fake.skew(-ELEVEN_MINUTES)
    with sync_client(fake) as client:
        client.agents()
        assert client.clock_offset < -600
    assert [r.authorized for r in fake.requests] == [False, True]


@pytest.mark.parametrize("unit", ["ms", "s"])
@pytest.mark.parametrize("skew", [FIVE_MINUTES, -FIVE_MINUTES], ids=["ahead", "behind"])
def test_five_minutes_off_is_inside_the_window(skew, unit):
    fake = UdeskFake()
    fake.skew(skew)
    with sync_client(fake, timestamp_unit=unit) as client:
        client.relay_numbers()
        client.queues()
        # Learned all the same (the Date said so), so the margin to the window grows back.
        assert abs(client.clock_offset - skew) < 3
    assert [r.authorized for r in fake.requests] == [True, True]


def test_five_minutes_off_async_too():
    fake = UdeskFake()
    fake.skew(FIVE_MINUTES)

    async def run():
        async with async_client(fake, timestamp_unit="s") as client:
            await client.relay_numbers()

    asyncio.run(run())
    assert [r.authorized for r in fake.requests] == [True]



WRONG = "not-the-auth-token"


def test_a_wrong_token_with_the_clocks_agreeing_is_refused_and_never_replayed():
    fake = UdeskFake()
    with sync_client(fake, auth_token=WRONG) as client:
        with pytest.raises(AuthenticationError) as raised:
            client.relay_numbers()
    assert raised.value.vendor_code == "200020" and raised.value.vendor_message == "Authentication error"
    assert len(fake.requests) == 1


def test_a_wrong_token_async_is_refused_once():
    fake = UdeskFake()

    async def run():
        async with async_client(fake, auth_token=WRONG) as client:
            with pytest.raises(AuthenticationError) as raised:
                await client.callback_to_ivr("18789998765", "02863208944")
            return raised.value

    assert asyncio.run(run()).vendor_code == "200020"
    assert len(fake.requests) == 1 and fake.calls == []


@pytest.mark.parametrize("skew", [ELEVEN_MINUTES, -ELEVEN_MINUTES], ids=["ahead", "behind"])
def test_a_wrong_token_with_the_clocks_apart_is_replayed_once_then_raised(skew):
    fake = UdeskFake()
    fake.skew(skew)
    with sync_client(fake, auth_token=WRONG) as client:
        with pytest.raises(AuthenticationError) as raised:
            client.relay_numbers()
        assert raised.value.vendor_code == "200020"
        assert len(fake.requests) == 2  # the skew rule's one replay, no more
        with pytest.raises(AuthenticationError):
            client.relay_numbers()  # now the clock is right: refused at once
    assert len(fake.requests) == 3
