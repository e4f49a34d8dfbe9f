"""Queues (list, create, update, delete: "Queues with agents in them cannot be deleted"), adding
agents ("an incremental operation"), the queue agents list, and an agent's queues ("IsFull ...
set to 1, the interface performs a full operation")."""

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk_fixtures import CREATE_QUEUE_EXAMPLE

from udesk_fake_helpers import API, code, result

QUEUES, MEMBERS = API + "/queues", API + "/agents/queues"


def test_the_list_example():
    queues = result(UdeskFake(), "GET", QUEUES)["Queues"]
    assert queues[0] == {"QueueId": "9001", "Name": "Admin test ", "Strategy": 0, "Timeout": 0,
                         "WaitMusic": "waitmusic.wav"}


def test_create_update_delete():
    fake = UdeskFake()
    assert result(fake, "POST", QUEUES, CREATE_QUEUE_EXAMPLE) == {"QueueId": "9008"}
    assert result(fake, "PUT", QUEUES, {"QueueId": "9008", "Strategy": 2, "Timeout": 30}) is None
    queue = next(q for q in result(fake, "GET", QUEUES)["Queues"] if q["QueueId"] == "9008")
    assert queue == {"QueueId": "9008", "Name": "Test Create Queue 007", "Strategy": 2, "Timeout": 30, "WaitMusic": ""}
    assert result(fake, "DELETE", QUEUES, {"QueueId": "9008"}) is None
    assert "9008" not in fake.queues


def test_create_without_an_id_takes_a_free_one():
    fake = UdeskFake()
    assert result(fake, "POST", QUEUES, {"QueueName": "new"}) == {"QueueId": "9000"}


@pytest.mark.parametrize("method, body, expected", [
    ("POST", {"QueueId": "8001"}, "000001"), ("POST", {"QueueId": "90010"}, "000001"),
    ("POST", {"QueueId": "9001"}, "100015"), ("POST", {"QueueName": "A"}, "100006"),
    ("PUT", {}, "100001"), ("PUT", {"QueueId": "9999"}, "200004"),
    ("PUT", {"QueueId": "9009", "Strategy": 3}, "000001"),
    ("PUT", {"QueueId": "9009", "Timeout": -1}, "000001"), ("DELETE", {"QueueId": "9999"}, "200004"),
])
def test_queue_refusals(method, body, expected):
    assert code(UdeskFake(), method, QUEUES, body) == expected


def test_a_queue_with_agents_is_not_deleted():
    fake = UdeskFake()
    assert code(fake, "DELETE", QUEUES, {"QueueId": "9001"}) == "100022"
    assert "9001" in fake.queues
    assert result(fake, "DELETE", QUEUES, {"QueueId": "9009"}) is None  # the example's: empty


def test_add_agents_is_incremental_and_the_list_shows_them():
    fake = UdeskFake()
    result(fake, "POST", API + "/queues/agents", {"QueueId": "9009", "AgentIds": ["189"]})
    result(fake, "POST", API + "/queues/agents", {"QueueId": "9009", "AgentIds": ["355", "189"]})
    listed = result(fake, "GET", API + "/queues/agents_list/9009")
    suffix = "@" + fake.app_id
    assert [a["AgentId"] for a in listed] == ["189" + suffix, "355" + suffix]
    assert listed[0]["Queues"] == ["9003" + suffix, "9009" + suffix]


def test_add_agents_refusals_change_nothing():
    fake = UdeskFake()
    assert code(fake, "POST", API + "/queues/agents", {"QueueId": "9009", "AgentIds": ["189", "999"]}) == "200004"
    assert fake.queues["9009"]["agents"] == {}
    assert code(fake, "POST", API + "/queues/agents", {"QueueId": "9999", "AgentIds": ["189"]}) == "200004"


def test_queue_agents_list_refusals():
    assert code(UdeskFake(), "GET", API + "/queues/agents_list/3") == "000001"  # 9\d{3}
    assert code(UdeskFake(), "GET", API + "/queues/agents_list/9999") == "200004"


def test_agent_queues_incremental_then_full():
    fake = UdeskFake()
    result(fake, "POST", MEMBERS, {"AgentId": "355", "Queues": ["9001"]})
    assert list(fake.agents["355"]["queues"]) == ["9002", "9001"]
    result(fake, "POST", MEMBERS, {"AgentId": "355", "Queues": ["9003"], "IsFull": 1})
    assert list(fake.agents["355"]["queues"]) == ["9003"]
    assert "355" not in fake.queues["9001"]["agents"] and "355" in fake.queues["9003"]["agents"]


def test_agent_dequeue():
    fake = UdeskFake()
    result(fake, "DELETE", MEMBERS, {"AgentId": "355", "Queues": ["9002"]})
    assert fake.agents["355"]["queues"] == {} and fake.queues["9002"]["agents"] == {}
    assert result(fake, "DELETE", MEMBERS, {"AgentId": "355", "Queues": ["9002"]}) is None  # again: same state


@pytest.mark.parametrize("body, expected", [
    ({"AgentId": "355", "Queues": ["551"]}, "000001"),  # the example's "551" breaks 9\d{3}
    ({"AgentId": "355", "Queues": ["9999"]}, "200004"), ({"AgentId": "999", "Queues": ["9001"]}, "200004"),
    ({"AgentId": "355", "Queues": ["9001"], "IsFull": 2}, "000001"), ({"AgentId": "355"}, "100001"),
])
def test_membership_refusals(body, expected):
    assert code(UdeskFake(), "POST", MEMBERS, body) == expected
