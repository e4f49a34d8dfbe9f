"""XUC's event export: push_event POSTs {username, message: {msgType, ctiMessage}} as JSON to a
receiver on loopback; a dial pushes its PhoneEvent EventDialing to event_url; a receiver that
is down is recorded, not raised, for a dial."""

import json
import socket

import pytest

from bridge.testing.fakes import XucFake, serving
from bridge.testing.fakes.xuc_fixtures import PHONE_EVENT_EXAMPLE

from xuc_fake_helpers import API, web_service_client

PATH = "/xivo/1.0/event/avencall.com/dropbox/"  # the seed's eventUrl


class Receiver:
    """A tiny WSGI receiver: keeps what was POSTed to it."""

    def __init__(self, status="200 OK"):
        self.received, self.status = [], status

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.received.append({"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"],
                              "type": environ.get("CONTENT_TYPE"),
                              "body": json.loads(environ["wsgi.input"].read(length))})
        start_response(self.status, [("Content-Length", "0")])
        return [b""]


@pytest.fixture
def receiver():
    app = Receiver()
    with serving(app) as url:
        app.url = url + PATH
        yield app


def test_push_event_posts_the_seeds_example(receiver):
    message = PHONE_EVENT_EXAMPLE["message"]
    status = XucFake().push_event(receiver.url, "alicej", message["msgType"], message["ctiMessage"])
    assert status == 200
    assert receiver.received == [{"method": "POST", "path": PATH, "type": "application/json",
                                  "body": PHONE_EVENT_EXAMPLE}]


def test_push_event_answers_the_receivers_status():
    app = Receiver("403 Forbidden")
    with serving(app) as url:
        assert XucFake().push_event(url + "/x", "alicej", "PhoneEvent", {}) == 403


def test_a_dial_pushes_its_phone_event(receiver):
    fake = XucFake(event_url=receiver.url)
    web_service_client(fake).post(API + "/dial/number/alicej", json={"destination": "3000",
                                                                     "variables": {"crm": "42"}})
    unique_id = fake.dials[0]["uniqueId"]
    assert receiver.received[0]["body"] == {"username": "alicej", "message": {"msgType": "PhoneEvent", "ctiMessage": {
        "eventType": "EventDialing", "DN": "1058", "otherDN": "3000", "linkedId": unique_id, "uniqueId": unique_id,
        "userData": {"XIVO_USERID": "9", "crm": "42"}}}}
    fake.dial("jbond", "0123456789")
    assert receiver.received[1]["body"]["message"]["ctiMessage"]["DN"] == "1002"
    assert [sent["status"] for sent in fake.events_sent] == [200, 200]


def test_without_event_url_nothing_is_pushed(receiver):
    fake = XucFake()
    fake.dial("jbond", "1")
    assert receiver.received == [] and fake.events_sent == []


def _closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/events"


def test_a_receiver_that_is_down():
    url = _closed_port_url()
    fake = XucFake(event_url=url)
    answer = web_service_client(fake).post(API + "/dial/number/jbond", json={"destination": "1"})
    assert answer.status_code == 200 and "error" in fake.events_sent[0]
    with pytest.raises(OSError):
        fake.push_event(url, "jbond", "PhoneEvent", {})
