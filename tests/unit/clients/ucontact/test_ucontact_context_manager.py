"""``with`` / ``async with``: the session is always ended on exit (also when the body raised,
whose exception is the one that propagates), never begun for it, and the transport closed."""

import asyncio
import logging

import httpx2
import pytest

from bridge.clients.errors import ApiError


class Boom(Exception):
    pass


class Closing(httpx2.MockTransport):
    closed = False

    def close(self):
        self.closed = True

    async def aclose(self):
        self.closed = True


@pytest.fixture
def transport(integra):
    return Closing(integra)


def test_with_ends_the_session_and_closes(integra, make_client, transport):
    with make_client(transport=transport) as uc:
        uc.request("any/request")
        assert integra.sessions
    assert integra.sessions == {} and len(integra.sent("EndSession")) == 1 and transport.closed


def test_with_ends_the_session_when_the_body_raised(integra, make_client, transport):
    with pytest.raises(Boom):
        with make_client(transport=transport) as uc:
            uc.request("any/request")
            raise Boom()
    assert integra.sessions == {} and len(integra.sent("EndSession")) == 1 and transport.closed


def test_an_end_session_failure_under_the_body_s_error_is_logged_not_raised(integra, make_client, transport, caplog):
    caplog.set_level(logging.WARNING, logger="bridge.clients")
    with pytest.raises(Boom):
        with make_client(transport=transport) as uc:
            uc.login()
            integra.end_answers = [httpx2.Response(200, text="0")]
            raise Boom()
    assert transport.closed
    [record] = [r for r in caplog.records if "not ended" in r.getMessage()]
    assert record.levelno == logging.WARNING and "ApiError" in record.getMessage()


def test_an_end_session_failure_after_a_clean_body_is_raised(integra, make_client, transport):
    with pytest.raises(ApiError):
        with make_client(transport=transport) as uc:
            uc.login()
            integra.end_answers = [httpx2.Response(200, text="0")]
    assert transport.closed


def test_with_never_logs_in_only_to_end(integra, make_client, transport):
    with make_client(transport=transport):
        pass
    with pytest.raises(Boom):
        with make_client(transport=transport):
            raise Boom()
    assert integra.requests == [] and transport.closed


def test_async_with_ends_the_session_when_the_body_raised(integra, make_async_client, transport):
    async def run():
        async with make_async_client(transport=transport) as uc:
            assert (await uc.request("any/request"))["user"] == "Admin"
            raise Boom()

    with pytest.raises(Boom):
        asyncio.run(run())
    assert integra.sessions == {} and len(integra.sent("EndSession")) == 1 and transport.closed


def test_async_with_ends_the_session_and_never_logs_in_only_to_end(integra, make_async_client, transport):
    async def run():
        async with make_async_client(transport=transport) as uc:
            await uc.login()
            assert uc.has_session
        async with make_async_client(transport=transport):
            pass

    asyncio.run(run())
    assert integra.sessions == {} and integra.logins == 1 and len(integra.sent("EndSession")) == 1
    assert transport.closed


def test_async_end_session_failure_under_the_body_s_error_is_logged_not_raised(integra, make_async_client,
                                                                               transport, caplog):
    async def run():
        async with make_async_client(transport=transport) as uc:
            await uc.login()
            integra.end_answers = [httpx2.Response(200, text="0")]
            raise Boom()

    with pytest.raises(Boom):
        asyncio.run(run())
    assert any("not ended" in r.getMessage() for r in caplog.records) and transport.closed


def test_async_end_session_without_a_session_is_awaitable_and_sends_nothing(integra, make_async_client):
    async def run():
        uc = make_async_client()
        assert await uc.end_session() is None
        await uc.close()

    asyncio.run(run())
    assert integra.requests == []
