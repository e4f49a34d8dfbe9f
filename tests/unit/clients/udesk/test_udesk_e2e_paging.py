"""The agents list's paging end to end against the fake: 1,234 agents more than the seed's four,
walked 100 a page by ``iter_agents`` (sync and async): every agent exactly once, in the fake's
order, one request per page ("CurrPage", "PageSize", "Total", "TotalPage" of "06. Get Seat
List"). The predefined filters ("Fixed query conditions include: role, availability status, seat
status; Fuzzy query text matching range: seat name, seat number, email, mobile phone number")
select in the fake what the document says, across pages too."""

import asyncio
import math

import pytest
from udesk_e2e_helpers import async_client, sync_client

from bridge.testing.fakes import UdeskFake

ADDED = 1234


@pytest.fixture
def fake():
    fake = UdeskFake()
    fake.add_agents(ADDED)
    # A few of the added agents disabled, one a leader, one signed in (state 0), through the
    # fake's state: the filters are what is tested here.
    for agent_id in ("70000007", "70000500", "70001234"):
        fake.agents[agent_id]["Enable"] = False
    fake.agents["70000042"]["Role"] = "leader"
    fake.agents["70000077"]["State"] = 0
    fake.agents["70000077"]["Email"] = "Needle@crm.test"
    return fake


def pages(fake) -> list[int]:
    return [int(r.query.get("CurrPage", "1")) for r in fake.requests if r.path == "/ccapi/v2/agents"]


def test_every_agent_exactly_once_sync(fake):
    with sync_client(fake) as client:
        ids = [agent.AgentId for agent in client.iter_agents(page_size=100)]
    assert len(ids) == len(set(ids)) == ADDED + 4
    assert ids == list(fake.agents)
    assert pages(fake) == list(range(1, math.ceil((ADDED + 4) / 100) + 1))  # 13 pages, each once
    assert {r.query["PageSize"] for r in fake.requests} == {"100"}


def test_every_agent_exactly_once_async(fake):
    async def run():
        async with async_client(fake) as client:
            return [agent.AgentId async for agent in client.iter_agents(page_size=100)]

    ids = asyncio.run(run())
    assert len(ids) == len(set(ids)) == ADDED + 4 and ids == list(fake.agents)
    assert pages(fake) == list(range(1, 14))


def test_an_exact_multiple_of_the_page_ends_without_an_empty_page():
    fake = UdeskFake()
    fake.add_agents(196)  # 200 with the seed's four
    with sync_client(fake) as client:
        assert len(list(client.iter_agents(page_size=100))) == 200
    assert pages(fake) == [1, 2]


def expected(fake, predicate) -> list[str]:
    return [agent_id for agent_id, agent in fake.agents.items() if predicate(agent)]


FILTERS = [
    ({"role": "leader"}, lambda a: a["Role"] == "leader", ["1802", "70000042"]),
    ({"enable": False}, lambda a: a["Enable"] is False, ["70000007", "70000500", "70001234"]),
    ({"state": 0}, lambda a: a["State"] == 0, ["1802", "70000077"]),
    ({"state": 1}, lambda a: a["State"] == 1, ["189"]),
    # The name: "Agent 7000001x" (ten of them); the number; the email (case-insensitively); the mobile.
    ({"fuzzy_query": "Agent 7000001"}, lambda a: "agent 7000001" in a["Name"].lower(),
     [f"7000001{n}" for n in range(10)]),
    ({"fuzzy_query": "355"}, lambda a: "355" in a["AgentId"] or "355" in a["Name"], None),
    ({"fuzzy_query": "needle@"}, lambda a: "needle@" in a["Email"].lower(), ["70000077"]),
    ({"fuzzy_query": "17600364320"}, lambda a: a["Mobile"] == "17600364320", ["189"]),
    ({"role": "agent", "enable": False}, lambda a: a["Role"] == "agent" and not a["Enable"],
     ["70000007", "70000500", "70001234"]),
]


@pytest.mark.parametrize("filters,predicate,known", FILTERS, ids=lambda v: str(v) if isinstance(v, dict) else "")
def test_the_filters_select_in_the_fake(fake, filters, predicate, known):
    want = expected(fake, predicate)
    if known is not None:
        assert want == known  # the fixture's data, so the filter is not vacuous
    with sync_client(fake) as client:
        got = [agent.AgentId for agent in client.iter_agents(page_size=3, **filters)]
        page = client.agents(**filters, page_size=3)
    assert got == want and page.Total == len(want)
    sent = fake.requests[0].query
    keys = {"role": "Role", "enable": "Enable", "state": "State", "fuzzy_query": "FuzzyQuery"}
    for name, value in filters.items():
        assert sent[keys[name]] == (str(value).lower() if isinstance(value, bool) else str(value))


def test_the_filters_async(fake):
    async def run():
        async with async_client(fake) as client:
            return ([a.AgentId async for a in client.iter_agents(enable=False, page_size=2)],
                    [a.AgentId async for a in client.iter_agents(fuzzy_query="alice")])

    disabled, alice = asyncio.run(run())
    assert disabled == ["70000007", "70000500", "70001234"] and alice == ["355"]
    assert pages(fake)[:2] == [1, 2]
