"""Agents: create (AgentId digits <= 32, WorkId \\w+ <= 32, both required), update (AgentId cannot
be modified; disabled only when offline), get (AgentId and Queues suffixed "@<app id>" as the
example "355@7859ff65-0e6a"), IsCreateExtension."""

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk_fixtures import CREATE_AGENT_EXAMPLE

from udesk_fake_helpers import API, code, result

AGENTS = API + "/agents"


def test_the_create_example():
    fake = UdeskFake()
    # The seed's example answer: no extension asked, empty fields.
    assert result(fake, "POST", AGENTS, CREATE_AGENT_EXAMPLE) == {
        "AgentId": "9415", "Extension": "", "Password": "", "Number": "", "ExtenInfos": None}
    got = result(fake, "GET", AGENTS + "/9415")
    assert got["AgentId"] == "9415@" + fake.app_id and got["WorkId"] == "199" and got["Enable"] is True
    assert got["Role"] == "agent" and got["Extensions"] == [] and got["StateDes"] == "offline"


def test_get_the_seeds_agent_355():
    fake = UdeskFake()
    got = result(fake, "GET", AGENTS + "/355")
    suffix = "@" + fake.app_id
    assert got["AgentId"] == "355" + suffix and got["Queues"] == ["9002" + suffix] and got["QueuesNames"] == ["A"]
    assert got["Extensions"] == ["1145", "1146"] and got["State"] == 4 and got["StateDes"] == "offline"
    assert got["ExtenInfos"][0] == {"Number": "93000077121145", "Extension": "1145", "Password": "xxx",
                                    "SignalType": "voip"}


@pytest.mark.parametrize("body, expected", [
    ({"WorkId": "1"}, "100001"),
    ({"AgentId": "1"}, "100001"),
    ({"AgentId": "12a", "WorkId": "1"}, "000001"),
    ({"AgentId": "1" * 33, "WorkId": "1"}, "000001"),
    ({"AgentId": "1", "WorkId": "a-b"}, "000001"),
    ({"AgentId": "1", "WorkId": "w" * 33}, "000001"),
    ({"AgentId": 1, "WorkId": "1"}, "200002"),
    ({"AgentId": "1", "WorkId": "1", "Role": "boss"}, "000001"),
    ({"AgentId": "1", "WorkId": "1", "Enable": "yes"}, "200002"),
    ({"AgentId": "189", "WorkId": "1"}, "100015"),
])
def test_create_refusals(body, expected):
    fake = UdeskFake()
    assert code(fake, "POST", AGENTS, body) == expected
    assert set(fake.agents) == {"189", "355", "10032", "1802"}


def test_the_longest_ids_are_taken():
    fake = UdeskFake()
    assert code(fake, "POST", AGENTS, {"AgentId": "1" * 32, "WorkId": "w_" * 16}) == "000000"


def test_create_with_an_extension():
    fake = UdeskFake()
    created = result(fake, "POST", AGENTS, {"AgentId": "9415", "WorkId": "199", "IsCreateExtension": 1})
    number = created["Extension"]
    assert created["Number"] == "9300007712" + number and created["ExtenInfos"] == [number]
    assert fake.extensions[number]["agent"] == "9415" and created["Password"] == fake.extensions[number]["Password"]


def test_create_with_web_phones_makes_both_kinds():
    fake = UdeskFake(webrtc=True)
    created = result(fake, "POST", AGENTS, {"AgentId": "9415", "WorkId": "199", "IsCreateExtension": 1})
    assert [fake.extensions[n]["SignalType"] for n in created["ExtenInfos"]] == [0, 1]


def test_update_changes_what_it_sends():
    fake = UdeskFake()
    assert result(fake, "PUT", AGENTS + "/355", {"AgentId": "355", "Name": "Alice B", "WrapUpTime": 30}) is None
    got = result(fake, "GET", AGENTS + "/355")
    assert got["Name"] == "Alice B" and got["WrapUpTime"] == 30 and got["Mobile"] == "1327766543"


def test_the_update_example_disables_an_offline_agent():
    fake = UdeskFake()
    result(fake, "POST", AGENTS, CREATE_AGENT_EXAMPLE)
    result(fake, "PUT", AGENTS + "/9415", {"AgentId": "9415", "Enable": False})
    assert fake.agents["9415"]["Enable"] is False


def test_update_refusals():
    fake = UdeskFake()
    assert code(fake, "PUT", AGENTS + "/355", {"AgentId": "356"}) == "000001"  # AgentId cannot be modified
    assert code(fake, "PUT", AGENTS + "/999", {}) == "200004"
    # "The agent can only be disabled when it is offline": 1802 is signed in (idle).
    assert code(fake, "PUT", AGENTS + "/1802", {"Enable": False}) == "100021"
    assert fake.agents["1802"]["Enable"] is True


def test_get_unknown_agent():
    assert code(UdeskFake(), "GET", AGENTS + "/999") == "200004"
