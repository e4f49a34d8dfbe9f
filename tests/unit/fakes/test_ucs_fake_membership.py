"""Queue membership: the bulk update answers a result per user and per queue (partial success
is normal), and the overview shows the state it left."""

import pytest

from fake_helpers import API

AGENTS = API + "/queues/agents"


def overview(api):
    return {agent["id"]: agent["queues"] for agent in api.get(AGENTS).json()["data"]}


def test_the_seeds_update_leaves_the_state_its_prose_describes(api):
    example = [
        {"id": 1, "queues": [{"id": 146}, {"id": 123, "priority": 80, "suspended": False},
                             {"id": 82, "suspended": False}]},
        {"external_id": "2468", "queues": [{"id": 82}, {"id": 0}]},
        {"id": 0, "queues": []},
        {"external_id": "neexistuje", "queues": []},
    ]
    assert api.post(AGENTS, json=example).json()["success"] is True
    after = overview(api)
    assert after[1] == [  # 146 and 123 unchanged, 82 no longer suspended, 103 removed
        {"id": 146, "type": 3, "priority": 100, "suspended": False},
        {"id": 123, "type": 2, "priority": 80, "suspended": False},
        {"id": 82, "type": 1, "priority": 1, "suspended": False},
    ]
    assert after[11] == [{"id": 82, "type": 1, "priority": 100, "suspended": False}]  # added with the defaults
    assert after[43] == []


def test_a_user_left_out_keeps_its_membership(api):
    before = overview(api)
    api.post(AGENTS, json=[{"id": 43, "queues": [{"id": 74, "priority": 5}]}])
    after = overview(api)
    assert after[43] == [{"id": 74, "type": 1, "priority": 5, "suspended": False}]
    assert after[1] == before[1] and after[11] == before[11]


def test_id_wins_over_external_id(api):
    result = api.post(AGENTS, json=[{"id": 43, "external_id": "asdf", "queues": []}]).json()["data"]
    assert result == [{"id": 43, "success": True, "queues": []}]
    assert overview(api)[1] != []  # admin (external_id asdf) untouched


def test_a_user_without_membership_joins_the_overview(api):
    assert 10 not in overview(api)  # Alice is a user, not (yet) an agent
    api.post(AGENTS, json=[{"id": 10, "queues": [{"id": 82}]}])
    assert overview(api)[10] == [{"id": 82, "type": 1, "priority": 100, "suspended": False}]


@pytest.mark.parametrize("queue, message", [
    ({"id": 82, "priority": 0}, "priority must be integer number from 1 to 100"),
    ({"id": 82, "priority": "high"}, "priority must be integer number from 1 to 100"),
    ({"id": 82, "suspended": "no"}, "suspended must be boolean"),
    ({"id": 82, "colour": "red"}, "Unknown attribute colour"),
    ({"id": "82"}, "Queue id must be integer number"),
    ({"id": 999}, "Unknown queue id"),
])
def test_a_refused_queue_item_changes_nothing_for_that_queue(api, queue, message):
    before = overview(api)[1]
    result = api.post(AGENTS, json=[{"id": 1, "queues": [queue, {"id": 146}, {"id": 123}, {"id": 103}]}]).json()
    queues = result["data"][0]["queues"]
    assert queues[0] == {"id": queue["id"], "success": False, "message": message}
    assert result["data"][0]["success"] is True
    # 82 was listed (so not removed) but refused (so unchanged).
    assert sorted(q["id"] for q in overview(api)[1]) == ([82, 103, 123, 146] if queue["id"] == 82 else [103, 123, 146])
    if queue["id"] == 82:
        assert next(q for q in overview(api)[1] if q["id"] == 82) == next(q for q in before if q["id"] == 82)


def test_a_queue_listed_twice(api):
    queues = api.post(AGENTS, json=[{"id": 43, "queues": [{"id": 82}, {"id": 82, "priority": 3}]}]).json()
    assert queues["data"][0]["queues"] == [{"id": 82, "success": True, "message": "Agent added into queue"},
                                            {"id": 82, "success": False, "message": "Queue listed twice"}]


@pytest.mark.parametrize("agent, error", [
    ({"queues": []}, "Agent id or external_id is required"),
    ({"id": 43, "queues": {"id": 82}}, "queues must be an array"),
    ({"id": 43}, "queues must be an array"),
    ({"id": "43", "queues": []}, "Unknown agent id"),
    ({"external_id": "NONONO", "queues": []}, "Unknown agent external_id"),  # case-sensitive
])
def test_refused_agents(api, agent, error):
    result = api.post(AGENTS, json=[agent]).json()
    assert result["success"] is True
    assert result["data"][0]["success"] is False and result["data"][0]["error"] == error
    assert result["data"][0]["queues"] == []


@pytest.mark.parametrize("payload, error", [
    ({"id": 1, "queues": []}, "Payload must be a JSON array"),
    ("x", "Payload must be a JSON array"),
    ([1, 2], "Payload must be an array of AgentQueues objects"),
])
def test_a_payload_that_is_not_an_array_of_agents(api, payload, error):
    answer = api.post(AGENTS, json=payload)
    assert answer.status_code == 200 and answer.json() == {"success": False, "data": None, "error": error}
