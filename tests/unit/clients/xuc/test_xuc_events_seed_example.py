"""The seed's exported event, posted in-process and on loopback, reaches the CRM's callback as a
typed PhoneEvent, answered 202 with no body."""

import httpx2

from bridge.clients.xuc.events import PhoneEvent, PhoneEventType
from bridge.testing.fakes.serve import serving

from xuc_events_helpers import JSON, SEED_EVENT, receiving


def assert_seed_event(event):
    assert event.username == "alicej"
    assert event.msg_type == "PhoneEvent"
    assert isinstance(event.message, PhoneEvent)
    assert event.message.eventType is PhoneEventType.DIALING
    assert (event.message.DN, event.message.otherDN) == ("1058", "3000")
    assert (event.message.linkedId, event.message.uniqueId) == ("1447670380.34", "1447670380.34")
    assert event.message.userData == {"XIVO_USERID": "9"}
    assert event.message.extra == {}
    assert event.body == SEED_EVENT


def test_the_seed_example_reaches_the_callback_in_process():
    with receiving() as (receiver, collector, client):
        answer = client.post(receiver.path, content=SEED_EVENT, headers=JSON)
        assert (answer.status_code, answer.content) == (202, b"")
        assert_seed_event(collector.next())


def test_the_seed_example_reaches_the_callback_on_loopback_with_the_seeds_trailing_slash():
    # The seed's eventUrl ends with "/": the path with one is the same receiver.
    with receiving() as (receiver, collector, _), serving(receiver) as base_url:
        answer = httpx2.post(base_url + receiver.path + "/", content=SEED_EVENT, headers=JSON)
        assert answer.status_code == 202
        assert_seed_event(collector.next())
