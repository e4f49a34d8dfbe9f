"""The answers read into records: the document's examples, suffixed ids ("AgentId":
"355@7859ff65-0e6a", "Queues": ["2@7859ff65-0e6a"]) read into the plain id and the app id, the
tables' loose types (Enable "false" as a string) read as they mean, unknown keys kept."""

import pytest
from udesk_doubles import Udesk, client, ok

from bridge.clients.errors import MalformedResponseError
from bridge.clients.udesk import Agent, ExtensionInfo, ScopedId, Subscription

# "25. Get Agent Information", its example Result as the document prints it.
AGENT = {"AppId": "xxx", "AgentId": "355@7859ff65-0e6a", "WorkId": "111", "Name": "alice", "NickName": "alice",
         "Mobile": "1327766543", "Email": "aaaa@test.cn", "Role": "agent", "Queues": ["2@7859ff65-0e6a"],
         "QueuesNames": ["A"], "Extensions": ["1145", "1146"], "DefSpNumber": "0107766", "State": 4,
         "StateDes": "offline", "ReasonCode": 0, "ReasonCodeDes": "", "ExtState": 0, "Enable": True,
         "ExtenInfos": [{"Number": "", "Extension": "1145", "Password": "xxx", "SignalType": "voip"}]}


def test_the_agents_ids_are_scoped():
    agent = client(Udesk(ok(AGENT))).agent("355")
    assert isinstance(agent.AgentId, ScopedId) and agent.AgentId == "355" and agent.AgentId.app_id == "7859ff65-0e6a"
    (queue,) = agent.Queues
    assert isinstance(queue, ScopedId) and queue == "2" and queue.app_id == "7859ff65-0e6a"
    assert agent.ExtenInfos == (ExtensionInfo(Number="", Extension="1145", Password="xxx", SignalType="voip"),)
    assert "xxx" not in repr(agent.ExtenInfos[0])  # an extension's password is a SIP credential
    assert agent.to_api() == AGENT


def test_a_scoped_id_read_again_keeps_its_app_id():
    agent = Agent.from_api({"AgentId": "355@7859ff65-0e6a"})
    again = Agent.from_api({"AgentId": agent.AgentId, "Queues": list(agent.Queues or ())})
    assert again.AgentId.app_id == "7859ff65-0e6a" and ScopedId(agent.AgentId).app_id == "7859ff65-0e6a"


def test_a_plain_id_has_no_app_id():
    agent = client(Udesk(ok({"AgentId": "189", "Queues": ["9003@4b8dc715"]}))).agent("189")
    assert agent.AgentId == "189" and agent.AgentId.app_id is None and agent.Queues[0].app_id == "4b8dc715"


def test_the_queue_agents_and_queues_read_scoped_ids():
    server = Udesk(ok([AGENT]), ok({"Queues": [{"QueueId": "9001@7859ff65", "Name": "Admin test ", "Strategy": 0,
                                                "Timeout": 0, "WaitMusic": "waitmusic.wav"}]}),
                   ok({"QueueId": "181154"}))
    c = client(server)
    (agent,) = c.queue_agents("9003")
    assert agent.AgentId == "355"
    (queue,) = c.queues()
    assert queue.QueueId == "9001" and queue.QueueId.app_id == "7859ff65" and queue.WaitMusic == "waitmusic.wav"
    assert c.create_queue("9008") == "181154"


def test_enable_as_a_string_is_a_bool():
    # The agents list's table: "Enable | string"; the subscriptions list's example: "enable":"false".
    server = Udesk(ok({"CurrPage": 1, "TotalPage": 1, "AgentList": [{"AgentId": "1", "Enable": "false"}]}),
                   ok({"callback": "http://ip:port", "enable": "false", "events": ["acd_agent_state"],
                       "name": "sub1"}))
    c = client(server)
    assert c.agents().AgentList[0].Enable is False
    # The example's Result is one object: read as a list of one.
    assert c.subscriptions() == [Subscription(callback="http://ip:port", enable=False, events=("acd_agent_state",),
                                              name="sub1")]


def test_a_subscription_created_and_updated():
    server = Udesk(ok({"sub_succ": [{"subid": 168, "name": "test"}], "sub_fail": None}), ok({"ymtest111": 164}))
    c = client(server)
    created = c.create_subscription("test", "https://crm.test/h", ["acd_agent_state"])
    assert created.sub_succ == ({"subid": 168, "name": "test"},) and created.sub_fail is None
    assert c.update_subscription(164, name="ymtest111", callback="https://crm.test/h", events=["a"],
                                 enable=True) == {"ymtest111": 164}


def test_unknown_keys_are_kept():
    agent = client(Udesk(ok({"AgentId": "1", "Newer": 7}))).agent("1")
    assert agent.extra == {"Newer": 7} and isinstance(agent, Agent)


@pytest.mark.parametrize("result", [None, [], "x"])
def test_a_result_that_is_no_object_is_malformed(result):
    with pytest.raises(MalformedResponseError):
        client(Udesk(ok(result))).agent("1")
