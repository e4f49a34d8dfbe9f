"""``iter_agents``: every agent of the agents list, page after page ("CurrPage", "PageSize",
"Total", "TotalPage" in the answer; the same keys are sent to ask for a page), until
``CurrPage >= TotalPage``; a page that does not advance (a server that ignores the paging keys
answers page 1 again) or an empty one ends the walk. Sync and async."""

import asyncio

import pytest
from udesk_doubles import Udesk, async_client, client, ok, query


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


@pytest.mark.parametrize("walk", ["sync", "async"])
def test_a_page_that_does_not_advance_ends_the_walk(walk):
    # Pages 3 and after answer page 2 again: its agents are not read twice, and the walk ends.
    store = Agents(50, stuck_at=2)
    server = Udesk(*[store] * 10)
    if walk == "sync":
        ids = [agent.AgentId for agent in client(server).iter_agents(page_size=10)]
    else:
        async def run():
            async with async_client(server) as c:
                return [agent.AgentId async for agent in c.iter_agents(page_size=10)]
        ids = asyncio.run(run())
    assert ids == [str(n) for n in range(1, 21)]
    assert store.asked == [(1, 10), (2, 10), (3, 10)]


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
