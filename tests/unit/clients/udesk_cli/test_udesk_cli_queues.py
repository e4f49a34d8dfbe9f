"""``udesk queues list|create|delete|add-agents|agents``."""

import json


def test_list_as_a_table(udesk, run):
    code, out, err = run("queues", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["QueueId", "Name", "Strategy", "Timeout", "WaitMusic"]
    assert [line.split()[0] for line in lines[1:]] == ["9001", "9002", "9003", "9009"]
    assert lines[1].split() == ["9001", "Admin", "test", "0", "0", "waitmusic.wav"]  # the list example


def test_list_as_json(udesk, run):
    code, out, _ = run("queues", "list", "--json")
    queues = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [q["QueueId"] for q in queues] == ["9001", "9002", "9003", "9009"]
    assert queues[0] == {"QueueId": "9001", "Name": "Admin test ", "Strategy": 0, "Timeout": 0,
                         "WaitMusic": "waitmusic.wav"}


def test_create_add_agents_list_them(udesk, run):
    assert run("queues", "create", "9100", "--name", "Support")[:2] == (0, "OK: queue 9100 created\n")
    assert udesk.queues["9100"]["Name"] == "Support"
    code, out, _ = run("queues", "add-agents", "9100", "189", "355")
    assert (code, out) == (0, "OK: 189, 355 added to queue 9100\n")
    assert list(udesk.queues["9100"]["agents"]) == ["189", "355"]
    code, out, _ = run("queues", "agents", "9100")
    assert code == 0 and [line.split()[0] for line in out.splitlines()[1:]] == ["189", "355"]
    code, out, _ = run("queues", "agents", "9100", "--json")
    agents = [json.loads(line) for line in out.splitlines()]
    # The queue's agents list answers "355@<app id>" (its example): the JSON keeps it as it came.
    assert [a["AgentId"] for a in agents] == [f"189@{udesk.app_id}", f"355@{udesk.app_id}"]
    assert all(info["Password"].startswith("hidden") for a in agents for info in a["ExtenInfos"])


def test_the_table_shows_the_plain_agent_id(udesk, run):
    code, out, _ = run("queues", "agents", "9002")
    assert code == 0 and out.splitlines()[1].split()[0] == "355"


def test_delete(udesk, run):
    code, out, err = run("queues", "delete", "9009")
    assert (code, out, err) == (0, "OK: queue 9009 deleted\n", "")
    assert "9009" not in udesk.queues


def test_a_queue_with_agents_is_not_deleted(udesk, run):
    # "Queues with agents in them cannot be deleted."
    code, out, err = run("queues", "delete", "9001")
    assert (code, out) == (1, "") and "100022" in err
    assert "9001" in udesk.queues
