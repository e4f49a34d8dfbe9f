"""Udesk posts events to a subscription's callback, unsigned: push_event(url, event) POSTs JSON to a
receiver and answers its status; a sign-in or sign-out posts acd_agent_state to each enabled
subscription holding that event."""

import json
import socket

import pytest

from bridge.testing.fakes import UdeskFake, serving

from udesk_fake_helpers import API, call

PATH = "/udesk/events/token"


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


def test_push_event(receiver):
    event = {"event": "general_hangup", "call_id": "c9d52506-c41b-431f-5fa0-b701a81a2da6"}
    assert UdeskFake().push_event(receiver.url, event) == 200
    assert receiver.received == [{"method": "POST", "path": PATH, "type": "application/json", "body": event}]


def test_push_event_answers_the_receivers_status():
    app = Receiver("403 Forbidden")
    with serving(app) as url:
        assert UdeskFake().push_event(url + "/x", {}) == 403


def test_push_event_to_nobody_raises():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(OSError):
        UdeskFake().push_event(f"http://127.0.0.1:{port}/x", {})


def test_sign_in_and_out_post_agent_state_to_subscribers(receiver):
    fake = UdeskFake()
    call(fake, "PUT", API + "/subscriptions/164", {"callback": receiver.url, "name": "sub1",
                                                    "events": ["acd_agent_state"], "enable": True})
    call(fake, "POST", API + "/agent/login", {"agent_id": "10032"}, MsgId="1")
    call(fake, "POST", API + "/agent/logout", {"agent_id": "10032"})
    bodies = [r["body"] for r in receiver.received]
    assert [(b["event"], b["agent_id"], b["state"]) for b in bodies] == [("acd_agent_state", "10032", 0),
                                                                      ("acd_agent_state", "10032", 4)]
    assert bodies[0]["category"] == "agent_state" and bodies[0]["app_id"] == fake.app_id
    assert [e["status"] for e in fake.events_sent] == [200, 200]


def test_a_disabled_subscription_gets_nothing(receiver):
    fake = UdeskFake()
    call(fake, "PUT", API + "/subscriptions/164", {"callback": receiver.url, "name": "sub1",
                                                    "events": ["acd_agent_state"], "enable": False})
    call(fake, "POST", API + "/agent/login", {"agent_id": "10032"}, MsgId="1")
    assert receiver.received == [] and fake.events_sent == []


def test_a_receiver_that_is_down_is_recorded():
    fake = UdeskFake()  # sub1's callback is the seed's http://ip:port: nobody there
    fake.subscriptions[164]["enable"] = True
    fake.subscriptions[164]["callback"] = "http://127.0.0.1:9/none"
    assert call(fake, "POST", API + "/agent/login", {"agent_id": "10032"}, MsgId="1").json()["ErrCode"] == "000000"
    assert "error" in fake.events_sent[0]
