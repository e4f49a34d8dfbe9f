"""Records with converters read their object in place (the core's ApiRecord._read: the Udesk
agents list's cost) and must give the very record the field-by-field reader gives (_read_each):
the same fields, the same types (ScopedId, bool), the same extra, the same to_api(), and the
caller's object untouched."""

import copy
import pickle

import pytest

from bridge.clients.records import ApiRecord
from bridge.clients.udesk import (Agent, AgentPage, CreatedAgent, ExtensionInfo, Queue, ScopedId, Subscription,
                                  SubscriptionResult)

# "25. Get Agent Information", its example Result as the document prints it.
AGENT = {"AppId": "xxx", "AgentId": "355@7859ff65-0e6a", "WorkId": "111", "Name": "alice", "NickName": "alice",
         "Mobile": "1327766543", "Email": "aaaa@test.cn", "Role": "agent", "Queues": ["2@7859ff65-0e6a"],
         "QueuesNames": ["A"], "Extensions": ["1145", "1146"], "DefSpNumber": "0107766", "State": 4,
         "StateDes": "offline", "ReasonCode": 0, "ReasonCodeDes": "", "ExtState": 0, "Enable": "false",
         "ExtenInfos": [{"Number": "", "Extension": "1145", "Password": "xxx", "SignalType": "voip"}]}

CASES = [
    (Agent, AGENT),
    (Agent, {"AgentId": "7", "Enable": True}),  # few fields: the rest read as None
    (Agent, {"AgentId": None, "Queues": None, "Name": "x"}),  # nulls are not converted
    (Agent, {**AGENT, "Newer": 1}),  # an unknown key: kept in extra
    (Agent, {"AgentId": "7", "extra": {"x": 1}}),  # a key named extra is data, not the record's extra
    (AgentPage, {"CurrPage": 1, "PageSize": 100, "Total": 1, "TotalPage": 1, "AgentList": [AGENT]}),
    (CreatedAgent, {"AgentId": "8@app", "Extension": "1001", "Password": "p", "ExtenInfos": ["1001"]}),
    (Queue, {"QueueId": "9001@app", "Name": "A", "Strategy": 0, "Timeout": 30, "WaitMusic": ""}),
    (Subscription, {"callback": "https://crm.example/udesk", "enable": "false", "events": ["agent_state"],
                    "name": "s"}),
    (SubscriptionResult, {"sub_succ": {"subid": 168, "name": "s"}, "sub_fail": None}),
]


def core_read(kind, data):
    """The record as the core's field-by-field reader builds it (ApiRecord._read_each)."""
    return ApiRecord._read_each.__func__(kind, copy.deepcopy(data))


def same(a, b):
    assert type(a) is type(b)
    if isinstance(a, ApiRecord):
        assert dict(a.extra) == dict(b.extra)
        for name in a.__dataclass_fields__:
            if name != "extra":
                same(getattr(a, name), getattr(b, name))
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            same(x, y)
    else:
        assert a == b
        if isinstance(a, ScopedId):
            assert a.app_id == b.app_id


@pytest.mark.parametrize("kind, data", CASES)
def test_in_place_reading_gives_the_cores_record(kind, data):
    given = copy.deepcopy(data)
    record = kind.from_api(given)
    assert given == data  # from_api leaves the caller's object as it was
    expected = core_read(kind, data)
    same(record, expected)
    assert record == expected and repr(record) == repr(expected)
    assert record.to_api() == expected.to_api()
    same(pickle.loads(pickle.dumps(record)), expected)


def test_the_agents_are_converted():
    agent = Agent.from_api(AGENT)
    assert type(agent.AgentId) is ScopedId and agent.AgentId == "355" and agent.AgentId.app_id == "7859ff65-0e6a"
    assert [q.app_id for q in agent.Queues] == ["7859ff65-0e6a"] and agent.Enable is False
    assert type(agent.ExtenInfos[0]) is ExtensionInfo and agent.Email == "aaaa@test.cn" and agent.State == 4
    assert Agent.from_api({}).AgentId is None and Agent.from_api({}).extra == {}


def test_adopt_all_reads_each_agent_in_place():
    agents = Agent.adopt_all(copy.deepcopy([AGENT, {"AgentId": "7"}]))
    for agent, data in zip(agents, [AGENT, {"AgentId": "7"}]):
        same(agent, core_read(Agent, data))


PAGES = [
    {"CurrPage": 1, "PageSize": 100, "Total": 2, "TotalPage": 1, "AgentList": [AGENT, {"AgentId": "7", "New": 1}]},
    {"CurrPage": 1, "TotalPage": 1, "AgentList": [AGENT], "Newer": True},  # the page itself has an unknown key
    {"CurrPage": 1, "AgentList": None},
]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_adopted_from_a_fresh_answer_is_the_page_from_api_reads(page):
    adopted = AgentPage.adopt(copy.deepcopy(page))
    read = AgentPage.from_api(copy.deepcopy(page))
    assert adopted == read and adopted.to_api() == read.to_api()
    assert adopted.extra == read.extra
    assert [type(agent) for agent in adopted.AgentList or []] == [Agent] * len(page["AgentList"] or [])
    assert [agent.extra for agent in adopted.AgentList or []] == [agent.extra for agent in read.AgentList or []]


def test_from_api_leaves_the_callers_agents_untouched():
    page = {"CurrPage": 1, "TotalPage": 1, "AgentList": [copy.deepcopy(AGENT)]}
    before = copy.deepcopy(page)
    AgentPage.from_api(page)
    assert page == before and "extra" not in page["AgentList"][0]
