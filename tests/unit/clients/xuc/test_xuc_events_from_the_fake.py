"""End to end on loopback: a REST dial through the XUC client makes the fake push its PhoneEvent
to the receiver's eventUrl, and the CRM's callback gets it typed; an event posted to a wrong
token's URL never reaches it."""

import threading

import httpx2
import pytest

from bridge.clients.xuc import WebServiceUser, XucClient
from bridge.clients.xuc.events import EventReceiver, PhoneEvent, PhoneEventType
from bridge.testing.fakes import XucFake
from bridge.testing.fakes.serve import serving


@pytest.fixture
def receiving():
    got, arrived = [], threading.Event()

    def on_event(event):
        got.append(event)
        arrived.set()

    receiver = EventReceiver(on_event)
    with serving(receiver) as url:
        yield receiver, url, got, arrived
    receiver.close()


def test_a_dial_through_the_client_reaches_the_crms_callback_as_a_phone_event(receiving):
    receiver, url, got, arrived = receiving
    fake = XucFake(event_url=url + receiver.path)
    with XucClient("https://xuc.example.com:8090", WebServiceUser("web_service_user_login", "web_service_user_password"),
                   transport=httpx2.WSGITransport(app=fake)) as xuc:
        xuc.dial_number("jbond", "0123456789", {"crm_ticket": "4711"})
    assert arrived.wait(5), fake.events_sent
    event = got[0]
    assert event.username == "jbond" and isinstance(event.message, PhoneEvent)
    assert event.message.eventType is PhoneEventType.DIALING and event.message.otherDN == "0123456789"
    assert event.message.userData.get("crm_ticket") == "4711"


def test_an_event_to_another_token_is_refused_and_never_handed_on(receiving):
    receiver, url, got, arrived = receiving
    fake = XucFake()
    wrong = url + receiver.path.rsplit("/", 1)[0] + "/" + "x" * 43
    assert fake.push_event(wrong, "jbond", "PhoneEvent", {"eventType": "EventDialing", "DN": "1002"}) == 404
    assert fake.push_event(url + receiver.path, "jbond", "PhoneEvent", {"eventType": "EventDialing", "DN": "1002"}) == 202
    assert arrived.wait(5) and len(got) == 1
