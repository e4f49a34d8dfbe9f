"""XUC DND and the three forwards, for web-service users: the state kept per CTI user,
{"res": "success"} answered, the seed's codes for a missing or bad body and an unknown user."""

import pytest

from bridge.testing.fakes import XucFake

from xuc_fake_helpers import API, web_service_client


@pytest.fixture
def fake():
    return XucFake()


@pytest.fixture
def client(fake):
    return web_service_client(fake)


def test_dnd(fake, client):
    answer = client.post(API + "/dnd/jbond", json={"state": True})
    assert answer.status_code == 200 and answer.json() == {"res": "success"} and fake.dnd["jbond"] is True
    client.post(API + "/dnd/jbond", json={"state": False})
    assert fake.dnd["jbond"] is False


@pytest.mark.parametrize("kind", ["unconditional", "noanswer", "busy"])
def test_each_forward(fake, client, kind):
    answer = client.post(f"{API}/forward/{kind}/jbond", json={"destination": "0123456789", "enabled": True})
    assert answer.status_code == 200 and answer.json() == {"res": "success"}
    assert fake.forwards["jbond"][kind] == {"enabled": True, "destination": "0123456789"}
    others = [other for other in fake.forwards["jbond"] if other != kind]
    assert all(fake.forwards["jbond"][other]["enabled"] is False for other in others)


@pytest.mark.parametrize("path, body, error", [
    ("/dnd/jbond", None, "JsonBodyNotFound"),
    ("/dnd/jbond", {"state": "yes"}, "JsonErrorDecoding"),
    ("/dnd/nobody", {"state": True}, "UserNotFound"),
    ("/forward/busy/jbond", {"destination": "1"}, "JsonErrorDecoding"),
    ("/forward/busy/nobody", {"destination": "1", "enabled": True}, "UserNotFound"),
])
def test_refusals(fake, client, path, body, error):
    answer = client.post(API + path, json=body)
    assert answer.status_code == 400 and answer.json()["error"] == error
    assert fake.dnd["jbond"] is False and fake.forwards["jbond"]["busy"]["enabled"] is False


def test_a_body_that_is_not_json(client):
    answer = client.post(API + "/dnd/jbond", content=b"{", headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error"] == "JsonErrorDecoding"
