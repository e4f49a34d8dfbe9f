"""``iter_agents``: every agent of the agents list, page after page ("CurrPage", "PageSize",
"Total", "TotalPage" in the answer; the same keys are sent to ask for a page), until
``CurrPage >= TotalPage`` (else ``Total`` agents read, else a short page); an empty page ends it.
A page that does not advance, or that begins with an agent an earlier page began with (a server
that ignores the paging keys answers page 1 again), is MalformedResponseError: never agents
missing without a word, nor a walk that loops. Sync and async."""

import asyncio

import pytest
from udesk_doubles import Udesk, async_client, client, ok, query

from bridge.clients.errors import MalformedResponseError


class Agents:
    """The agents list over ``count`` agents; ``stuck_at`` answers that page for every later one."""

    def __init__(self, count: int, *, stuck_at: int | None = None, total_page: bool = True):
        self.count = count
        self.stuck_at = stuck_at
        self.total_page = total_page
        self.asked: list[tuple[int, int]] = []

    def __call__(self, request):
        q = query(request)
        page, size = int(q["CurrPage"]), int(q["PageSize"])
        self.asked.append((page, size))
        if self.stuck_at is not None and page > self.stuck_at:
            page = self.stuck_at
        start = (page - 1) * size
        agents = [{"AgentId": f"{n}@app", "Name": f"agent {n}"} for n in range(start + 1, min(start + size, self.count) + 1)]
        result = {"CurrPage": page, "PageSize": size, "Total": self.count, "AgentList": agents}
        if self.total_page:
            result["TotalPage"] = -(-self.count // size)
        return ok(result)


def test_three_pages():
    store = Agents(25)
    server = Udesk(*[store] * 10)
    ids = [agent.AgentId for agent in client(server).iter_agents(page_size=10, role="agent")]
    assert ids == [str(n) for n in range(1, 26)]
    assert store.asked == [(1, 10), (2, 10), (3, 10)]
    assert all(q["Role"] == "agent" for q in server.queries())


def test_three_pages_async():
    store = Agents(25)
    server = Udesk(*[store] * 10)

    async def walk():
        async with async_client(server) as c:
            return [agent.AgentId async for agent in c.iter_agents(page_size=10, enable=True)]

    assert asyncio.run(walk()) == [str(n) for n in range(1, 26)]
    assert store.asked == [(1, 10), (2, 10), (3, 10)]
    assert all(q["Enable"] == "true" for q in server.queries())


def _walk(server, how: str, got: list):
    if how == "sync":
        for agent in client(server).iter_agents(page_size=10):
            got.append(agent.AgentId)
        return

    async def run():
        async with async_client(server) as c:
            async for agent in c.iter_agents(page_size=10):
                got.append(agent.AgentId)
    asyncio.run(run())


@pytest.mark.parametrize("how", ["sync", "async"])
def test_a_page_that_does_not_advance_is_an_error(how):
    # Pages 3 and after answer page 2 again: its agents are not read twice, and the walk says so.
    store = Agents(50, stuck_at=2)
    got = []
    with pytest.raises(MalformedResponseError, match="page 3 was asked and page 2 came back"):
        _walk(Udesk(*[store] * 10), how, got)
    assert got == [str(n) for n in range(1, 21)]
    assert store.asked == [(1, 10), (2, 10), (3, 10)]


class IgnoresPaging:
    """A server that does not take the paging keys: always the first ``size`` agents, with or
    without the page's numbers."""

    def __init__(self, count: int, size: int, *, numbers: bool):
        self.count, self.size, self.numbers = count, size, numbers

    def __call__(self, request):
        agents = [{"AgentId": str(n)} for n in range(1, self.size + 1)]
        result = {"AgentList": agents}
        if self.numbers:
            result.update(CurrPage=1, PageSize=self.size, Total=self.count, TotalPage=-(-self.count // self.size))
        return ok(result)


@pytest.mark.parametrize("how", ["sync", "async"])
def test_a_server_answering_page_one_again_is_an_error_not_a_short_walk(how):
    with pytest.raises(MalformedResponseError, match="page 2 was asked and page 1 came back"):
        _walk(Udesk(*[IgnoresPaging(250, 10, numbers=True)] * 5), how, [])


@pytest.mark.parametrize("how", ["sync", "async"])
def test_a_server_without_page_numbers_repeating_page_one_is_an_error_not_a_loop(how):
    got = []
    with pytest.raises(MalformedResponseError, match="began with agent '1', as an earlier page did"):
        _walk(Udesk(*[IgnoresPaging(250, 10, numbers=False)] * 5), how, got)
    assert len(got) == 10


def test_a_server_capping_the_page_size_is_walked_by_its_total():
    # Asked for 100 a page, the server gives 50 and no TotalPage: Total says how many are left.
    class Capped(Agents):
        def __call__(self, request):
            q = query(request)
            page = int(q["CurrPage"])
            self.asked.append((page, int(q["PageSize"])))
            start = (page - 1) * 50
            agents = [{"AgentId": str(n)} for n in range(start + 1, min(start + 50, self.count) + 1)]
            return ok({"CurrPage": page, "PageSize": 50, "Total": self.count, "AgentList": agents})

    store = Capped(120)
    ids = [agent.AgentId for agent in client(Udesk(*[store] * 5)).iter_agents(page_size=100)]
    assert ids == [str(n) for n in range(1, 121)] and len(store.asked) == 3


def test_without_total_page_a_short_page_is_the_last():
    store = Agents(25, total_page=False)
    server = Udesk(*[store] * 10)
    assert len(list(client(server).iter_agents(page_size=10))) == 25
    assert len(store.asked) == 3


def test_an_empty_page_ends_the_walk():
    server = Udesk(ok({"CurrPage": 1, "PageSize": 10, "Total": 99, "TotalPage": 10, "AgentList": []}))
    assert list(client(server).iter_agents(page_size=10)) == []
    assert len(server.requests) == 1


def test_one_page_of_agents():
    page = client(Udesk(Agents(25))).agents(page=3, page_size=10)
    assert (page.CurrPage, page.TotalPage, page.Total, len(page.AgentList)) == (3, 3, 25, 5)
