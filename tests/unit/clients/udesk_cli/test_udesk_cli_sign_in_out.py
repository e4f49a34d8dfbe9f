"""``udesk sign-in AGENT`` (work id, queues, initial state) and ``udesk sign-out AGENT``."""


def test_sign_in_with_queues_and_state(udesk, run):
    code, out, err = run("sign-in", "10032", "--work-id", "22", "--queue", "9001", "--queue", "9003",
                         "--state", "waiting")
    assert (code, err) == (0, "")
    (body,) = udesk.sign_ins
    # The document: state 0 "Idle", 1 "Waiting".
    assert body == {"agent_id": "10032", "work_id": "22", "queue_ids": ["9001", "9003"], "state": 1}
    assert udesk.agents["10032"]["State"] == 1
    (request,) = [r for r in udesk.requests if r.path == "/ccapi/v2/agent/login"]
    assert out == f"OK: agent 10032 signed in (MsgId {request.query['MsgId']})\n"


def test_sign_in_idle_by_default(udesk, run):
    assert run("sign-in", "189")[0] == 0
    assert udesk.sign_ins == [{"agent_id": "189"}] and udesk.agents["189"]["State"] == 0


def test_sign_in_state_idle(udesk, run):
    assert run("sign-in", "189", "--state", "idle")[0] == 0
    assert udesk.sign_ins[0]["state"] == 0


def test_sign_out(udesk, run):
    code, out, err = run("sign-out", "1802")
    assert (code, out, err) == (0, "OK: agent 1802 signed out\n", "")
    assert udesk.agents["1802"]["State"] == 4  # offline
    (request,) = [r for r in udesk.requests if r.path == "/ccapi/v2/agent/logout"]
    assert request.query["app_id"] == udesk.app_id  # sign-out's spelling


def test_an_agent_without_extension_cannot_sign_in(udesk, run):
    run("agents", "create", "4001", "w4001")
    code, out, err = run("sign-in", "4001")
    assert (code, out) == (1, "") and "100021" in err
