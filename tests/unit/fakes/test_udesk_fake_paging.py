"""The agents list pages (CurrPage, PageSize in the query; Result {CurrPage, PageSize, Total,
TotalPage, AgentList}), filters by Role, Enable, State and FuzzyQuery ("seat name, seat number,
email, mobile phone number"), and lists everyone in one page without PageSize ("If no conditions
are specified, the entire seat list will be returned")."""

import time

import pytest

from bridge.testing.fakes import UdeskFake

from udesk_fake_helpers import API, code, result

AGENTS = API + "/agents"


def ids(page):
    return [agent["AgentId"] for agent in page["AgentList"]]


def test_without_page_size_everyone_in_one_page():
    page = result(UdeskFake(), "GET", AGENTS)
    assert (page["CurrPage"], page["PageSize"], page["Total"], page["TotalPage"]) == (1, 4, 4, 1)
    # The list answers AgentId plain (its example: "189"), Queues suffixed.
    assert ids(page) == ["189", "355", "10032", "1802"]
    assert page["AgentList"][0]["Queues"] == ["9003@4b8dc715-05e0-4340-6cae-a6e3c39a6012"]


def test_pages():
    fake = UdeskFake()
    added = fake.add_agents(21)
    pages = [result(fake, "GET", AGENTS, CurrPage=str(n), PageSize="10") for n in (1, 2, 3, 4)]
    assert [p["TotalPage"] for p in pages] == [3, 3, 3, 3] and pages[0]["Total"] == 25
    assert [len(p["AgentList"]) for p in pages] == [10, 10, 5, 0]
    assert sum((ids(p) for p in pages), []) == ["189", "355", "10032", "1802", *added]
    assert pages[3]["CurrPage"] == 4


@pytest.mark.parametrize("query", [{"CurrPage": "0"}, {"PageSize": "-1"}, {"PageSize": "x"}, {"Enable": "yes"},
                                   {"State": "idle"}])
def test_bad_paging_or_filters(query):
    assert code(UdeskFake(), "GET", AGENTS, **query) == "000001"


@pytest.mark.parametrize("query, expected", [
    ({"Role": "leader"}, ["1802"]),
    ({"State": "4"}, ["355", "10032"]),
    ({"Enable": "true"}, ["189", "355", "10032", "1802"]),
    ({"Enable": "false"}, []),
    ({"FuzzyQuery": "ALICE"}, ["355"]),  # the name, any case
    ({"FuzzyQuery": "1003"}, ["10032"]),  # the agent id
    ({"FuzzyQuery": "crmdiaoxiao"}, ["189"]),  # the email
    ({"FuzzyQuery": "13277"}, ["355"]),  # the mobile
    ({"Role": "agent", "State": "1"}, ["189"]),
])
def test_filters(query, expected):
    page = result(UdeskFake(), "GET", AGENTS, **query)
    assert ids(page) == expected and page["Total"] == len(expected)


def test_filters_page_too():
    fake = UdeskFake()
    fake.add_agents(30)
    page = result(fake, "GET", AGENTS, FuzzyQuery="Agent", PageSize="7", CurrPage="5")
    assert page["Total"] == 30 and page["TotalPage"] == 5 and len(page["AgentList"]) == 2


def timed(fake):
    """The best of five runs of 20 page requests (the best: the least disturbed by the machine)."""
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(20):
            result(fake, "GET", AGENTS, CurrPage="3", PageSize="5")
        runs.append(time.perf_counter() - started)
    return min(runs)


def test_ten_thousand_agents_page_without_scanning():
    fake = UdeskFake()
    started = time.perf_counter()
    fake.add_agents(10_000)
    assert time.perf_counter() - started < 2.0
    assert len(fake.agents) == 10_004
    small = UdeskFake()
    small.add_agents(10)
    # A page costs about the same whatever the number of agents: O(page), not O(n) (a scan of
    # 10,000 agents a request would be several times the cost of the request itself).
    assert timed(fake) < 2 * timed(small) + 0.005
    last = result(fake, "GET", AGENTS, CurrPage="101", PageSize="100")
    assert last["TotalPage"] == 101 and ids(last) == ["70009997", "70009998", "70009999", "70010000"]


def test_add_agents_into_a_queue():
    fake = UdeskFake()
    added = fake.add_agents(3, queue_id="9009")
    assert list(fake.queues["9009"]["agents"]) == added
    with pytest.raises(ValueError):
        fake.add_agents(1, queue_id="9999")
    with pytest.raises(ValueError):
        fake.add_agents(-1)
