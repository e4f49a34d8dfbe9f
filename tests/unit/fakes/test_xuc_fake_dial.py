"""XUC dials, for web-service users: a number, a user, from a queue, to a queue; each recorded
(and in the caller's history), {"res": "success"} answered; a bad body is 400 BadRequest, the URL's
user must be a known, authenticated CTI user."""

import pytest

from bridge.testing.fakes import XucFake

from xuc_fake_helpers import API, Clock, cti_client, web_service_client

VARIABLES = {"varname1": "varval1", "varname2": "varval2"}


@pytest.fixture
def fake():
    return XucFake(clock=Clock())


@pytest.fixture
def client(fake):
    return web_service_client(fake)


def test_the_seeds_dials(fake, client):
    for path, body in [
        ("/dial/number/jbond", {"destination": "0123456789", "variables": VARIABLES}),
        ("/dial/user/jbond", {"username": "drno", "variables": VARIABLES}),
        ("/dial/fromqueue/jbond", {"destination": "0123456789", "queueId": 152, "variables": VARIABLES}),
        ("/dial/toqueue", {"destination": "0123456789", "queueName": "support", "callerIdNumber": "0403010200",
                           "variables": VARIABLES}),
    ]:
        answer = client.post(API + path, json=body)
        assert answer.status_code == 200 and answer.json() == {"res": "success"}, path
    dials = [{k: v for k, v in dial.items() if k != "uniqueId"} for dial in fake.dials]
    assert dials == [
        {"kind": "number", "username": "jbond", "destination": "0123456789", "variables": VARIABLES},
        {"kind": "user", "username": "jbond", "destination": "1004", "variables": VARIABLES, "callee": "drno"},
        {"kind": "fromqueue", "username": "jbond", "destination": "0123456789", "variables": VARIABLES,
         "queueId": 152},
        {"kind": "toqueue", "username": None, "destination": "0123456789", "variables": VARIABLES,
         "queueName": "support", "callerIdNumber": "0403010200"}]
    assert len({dial["uniqueId"] for dial in fake.dials}) == 4
    assert fake.history[0] == {"start": "2018-09-20 17:20:00", "duration": "00:00:00", "srcUsername": "jbond",
                               "dstUsername": "0123456789", "status": "emitted"}


@pytest.mark.parametrize("path, body", [
    ("/dial/number/jbond", None),
    ("/dial/number/jbond", {}),
    ("/dial/number/jbond", {"destination": ""}),
    ("/dial/number/jbond", {"destination": 123}),
    ("/dial/number/jbond", {"destination": "1", "variables": []}),
    ("/dial/fromqueue/jbond", {"destination": "1", "queueId": "152"}),
    ("/dial/toqueue", {"destination": "1", "queueName": "support"}),
])
def test_a_bad_body_is_400_bad_request(fake, client, path, body):
    answer = client.post(API + path, json=body)
    assert answer.status_code == 400 and answer.json()["error"] == "BadRequest"
    assert fake.dials == []


def test_an_unknown_user_is_400_user_not_found(fake, client):
    assert client.post(API + "/dial/number/nobody", json={"destination": "1"}).json()["error"] == "UserNotFound"
    assert client.post(API + "/dial/user/jbond", json={"username": "nobody"}).json()["error"] == "UserNotFound"
    assert fake.dials == []


def test_the_user_must_be_authenticated(fake, client):
    fake.disconnect("jbond")
    answer = client.post(API + "/dial/number/jbond", json={"destination": "1"})
    assert answer.status_code == 400 and "not authenticated" in answer.json()["message"]
    cti_client(fake, ("jbond", "jbond_password"))  # a CTI login authenticates the user again
    assert client.post(API + "/dial/number/jbond", json={"destination": "1"}).status_code == 200
    fake.disconnect("jbond")
    fake.connect("jbond")
    assert client.post(API + "/dial/number/jbond", json={"destination": "1"}).status_code == 200


def test_dial_without_http(fake):
    record = fake.dial("alicej", "3000", {"foo": "bar"})
    assert record["destination"] == "3000" and fake.dials == [record]
    with pytest.raises(ValueError):
        fake.dial("nobody", "3000")
