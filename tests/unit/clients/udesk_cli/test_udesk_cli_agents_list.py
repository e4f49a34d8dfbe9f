"""``udesk agents list``: every agent, read page after page (the document's CurrPage/TotalPage),
as a table or JSON lines, with the list's predefined filters sent as the document names them."""

import json

import pytest

AGENTS_PATH = "/ccapi/v2/agents"


def _list_requests(fake):
    return [r for r in fake.requests if r.method == "GET" and r.path == AGENTS_PATH]


def test_the_table_holds_every_agent_of_every_page(udesk, run):
    added = udesk.add_agents(250)
    code, out, err = run("agents", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["AgentId", "WorkId", "Name", "Role", "State", "Enable", "Extensions"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids == ["189", "355", "10032", "1802", *added]  # 254: three pages of 100
    assert [r.query["CurrPage"] for r in _list_requests(udesk)] == ["1", "2", "3"]
    # The seed's agent 189 (list example): its bound extensions in the last column.
    assert lines[1].split() == ["189", "Admin", "1", "agent", "1", "True", "1001,1008"]


def test_json_lines_one_agent_each_over_the_pages(udesk, run):
    added = udesk.add_agents(250)
    code, out, err = run("agents", "list", "--json")
    assert (code, err) == (0, "")
    agents = [json.loads(line) for line in out.splitlines()]
    assert [agent["AgentId"] for agent in agents] == ["189", "355", "10032", "1802", *added]
    assert agents[-1]["Name"] == f"Agent {added[-1]}"
    assert len(_list_requests(udesk)) == 3


@pytest.mark.parametrize("argv, sent, expected, with_added", [
    (("--role", "leader"), {"Role": "leader"}, ["1802"], False),
    (("--state", "4"), {"State": "4"}, ["355", "10032"], True),  # the added agents are offline (4) too
    (("--query", "ALICE"), {"FuzzyQuery": "ALICE"}, ["355"], False),  # "fuzzy": the fake ignores case
    (("--enable", "true", "--role", "agent"), {"Enable": "true", "Role": "agent"}, ["189", "355", "10032"], True),
])
def test_filters_are_sent_under_the_documents_names(udesk, run, argv, sent, expected, with_added):
    added = udesk.add_agents(3, prefix="8")  # role agent, enabled, offline, named "Agent 8..."
    code, out, err = run("agents", "list", "--json", *argv)
    assert (code, err) == (0, "")
    assert [json.loads(line)["AgentId"] for line in out.splitlines()] == expected + (added if with_added else [])
    (request,) = _list_requests(udesk)
    assert {key: request.query[key] for key in sent} == sent


def test_a_disabled_agent_is_found_by_enable_false(udesk, run):
    udesk.agents["355"]["Enable"] = False
    code, out, err = run("agents", "list", "--enable", "false")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["355"]
    assert _list_requests(udesk)[0].query["Enable"] == "false"


def test_json_hides_the_sip_passwords_unless_asked(udesk, run):
    secret = udesk.extensions["1145"]["Password"] = "sip-secret-1145"
    code, out, _ = run("agents", "list", "--json", "--query", "alice")
    (agent,) = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and secret not in out
    assert {info["Extension"]: info["Password"] for info in agent["ExtenInfos"]}["1145"].startswith("hidden")
    code, out, _ = run("agents", "list", "--json", "--query", "alice", "--show-password")
    (agent,) = [json.loads(line) for line in out.splitlines()]
    assert {info["Extension"]: info["Password"] for info in agent["ExtenInfos"]}["1145"] == secret
