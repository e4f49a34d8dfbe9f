"""The Udesk clients over real HTTP: the ``udesk_fake_server`` fixture serves the fake on
127.0.0.1 and the sync and async clients call it through their own pooled httpx2 transports (no
in-process transport), for a read, a create, a paged list, a sign-in and a callback to IVR; the
loopback server passes the fake's own ``Date`` on, so a skewed fake is corrected over the wire."""

import asyncio

from bridge.clients.retry import NO_RETRY
from bridge.clients.udesk import AsyncUdeskClient, UdeskClient

ELEVEN_MINUTES = 660.0


def _client(server, cls=UdeskClient, **options):
    options.setdefault("retry", NO_RETRY)
    return cls(server.url, server.sid, server.auth_token, server.app_id, **options)


def test_the_sync_client_over_loopback(udesk_fake_server):
    server = udesk_fake_server
    assert server.url.startswith("http://127.0.0.1:")
    with _client(server) as client:
        assert client.agent("355").Name == "alice"
        assert client.create_agent("9415", "199", name="Li").AgentId == "9415"
        server.add_agents(250)
        assert len({agent.AgentId for agent in client.iter_agents(page_size=100)}) == len(server.agents) == 255
        client.sign_in("10032", msg_id="4711")
        call_id = client.callback_to_ivr("18789998765", "02863208944")
    assert server.agents["9415"]["Name"] == "Li" and server.agents["10032"]["State"] == 0
    assert server.calls[-1]["id"] == call_id
    assert all(r.authorized for r in server.requests) and len(server.requests) == 7  # 3 pages


def test_the_async_client_over_loopback(udesk_fake_server):
    server = udesk_fake_server

    async def run():
        async with _client(server, AsyncUdeskClient) as client:
            assert [q.QueueId for q in await client.queues()] == list(server.queues)
            await client.create_queue("9008", name="Sales")
            agents = [agent async for agent in client.iter_agents(page_size=2)]
            await client.sign_in("10032", msg_id="4711")
            return agents, await client.callback_to_ivr("18789998765", "02863208944")

    agents, call_id = asyncio.run(run())
    assert [agent.AgentId for agent in agents] == list(server.agents)
    assert server.queues["9008"]["Name"] == "Sales" and server.calls[-1]["id"] == call_id
    assert server.agents["10032"]["State"] == 0
    assert all(r.authorized for r in server.requests) and len(server.requests) == 6


def test_a_skewed_fake_is_corrected_over_loopback_sync_and_async(udesk_fake_server):
    server = udesk_fake_server
    server.skew(ELEVEN_MINUTES)
    with _client(server) as client:
        client.relay_numbers()
        assert abs(client.clock_offset - ELEVEN_MINUTES) < 3
    assert [r.authorized for r in server.requests] == [False, True]

    async def run():
        async with _client(server, AsyncUdeskClient) as client:
            await client.relay_numbers()
            return client.clock_offset

    assert abs(asyncio.run(run()) - ELEVEN_MINUTES) < 3
    assert [r.authorized for r in server.requests] == [False, True, False, True]
