"""The deprecated XUC 1.0 API: answered only to an allow-listed client address (REMOTE_ADDR),
no token; its commands change the same state as 2.0."""

import pytest

from bridge.testing.fakes import XucFake
from bridge.testing.fakes.xuc_fixtures import HISTORY

from xuc_fake_helpers import Clock, client_for

V1 = "/xuc/api/1.0"


@pytest.fixture
def fake():
    return XucFake(clock=Clock(1_537_549_200.0))


@pytest.fixture
def client(fake):
    return client_for(fake)


def test_an_address_off_the_list_is_refused(fake):
    answer = client_for(fake, remote_addr="10.1.2.3").post(f"{V1}/dnd/avencall.com/jbond/", json={"state": True})
    assert answer.status_code == 403 and answer.json()["error"] == "Forbidden" and fake.dnd["jbond"] is False
    allowed = XucFake(legacy_allowed=("10.1.2.3",))
    assert client_for(allowed, remote_addr="10.1.2.3").post(f"{V1}/dnd/avencall.com/jbond/",
                                                            json={"state": True}).status_code == 200
    assert client_for(allowed).post(f"{V1}/dnd/avencall.com/jbond/", json={"state": True}).status_code == 403


def test_the_over_the_wire_address_is_the_one_checked():
    fake = XucFake(legacy_allowed=())
    import httpx2

    with fake.serve() as url, httpx2.Client(base_url=url) as client:
        assert client.post(f"{V1}/dnd/avencall.com/jbond/", json={"state": True}).status_code == 403
    fake = XucFake()
    with fake.serve() as url, httpx2.Client(base_url=url) as client:
        assert client.post(f"{V1}/dnd/avencall.com/jbond/", json={"state": True}).status_code == 200


def test_connect(fake, client):
    fake.disconnect("jbond")
    assert client.post(f"{V1}/connect/avencall.com/jbond/", json={"password": "wrong"}).status_code == 401
    assert client.post(f"{V1}/dial/avencall.com/jbond/", json={"number": "1101"}).json()["error"] == "UserNotFound"
    assert client.post(f"{V1}/connect/avencall.com/jbond/", json={"password": "jbond_password"}).status_code == 200
    assert client.post(f"{V1}/dial/avencall.com/jbond/", json={"number": "1101"}).status_code == 200


def test_commands(fake, client):
    for path, body in [
        ("/dnd/avencall.com/jbond/", {"state": True}),
        ("/dial/avencall.com/jbond/", {"number": "1101"}),
        ("/dialByUsername/avencall.com/jbond/", {"username": "drno"}),
        ("/dialFromQueue/avencall.com/jbond/", {"destination": "1002", "queueId": 5, "callerIdName": "Thomas",
                                               "callerIdNumber": "999999", "variables": {"foo": "bar"}}),
        ("/uncForward/avencall.com/jbond/", {"state": True, "destination": "1102"}),
        ("/naForward/avencall.com/jbond/", {"state": True, "destination": "1103"}),
        ("/busyForward/avencall.com/jbond/", {"state": True, "destination": "1104"}),
        ("/agentLogin/", {"agentphonenumber": "1002", "agentnumber": "2002"}),
        ("/togglePause/", {"phoneNumber": "1002"}),
    ]:
        answer = client.post(V1 + path, json=body)
        assert answer.status_code == 200 and answer.content == b"", path
    assert fake.dnd["jbond"] is True
    assert [(d["kind"], d["destination"]) for d in fake.dials] == [("number", "1101"), ("user", "1004"),
                                                                   ("fromqueue", "1002")]
    assert {kind: f["destination"] for kind, f in fake.forwards["jbond"].items()} == {
        "unconditional": "1102", "noanswer": "1103", "busy": "1104"}
    assert fake.agents == {"2002": {"phoneNumber": "1002", "paused": True}}
    client.post(f"{V1}/togglePause/", json={"phoneNumber": "1002"})
    assert fake.agents["2002"]["paused"] is False
    assert client.post(f"{V1}/agentLogout/", json={"phoneNumber": "1002"}).status_code == 200
    assert fake.agents == {}
    assert client.post(f"{V1}/agentLogout/", json={"phoneNumber": "1002"}).json()["error"] == "BadRequest"


def test_history_by_size_and_days(client):
    assert client.get(f"{V1}/historyByUsername/avencall.com/bruce", params={"size": 2}).json() == HISTORY[:2]
    assert client.get(f"{V1}/historyByUsername/avencall.com/cquefia", params={"days": 2}).json() == HISTORY[1:]
