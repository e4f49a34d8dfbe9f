"""The subscription receiver end to end: a SubscriptionReceiver served on 127.0.0.1, the
subscription created through the client by ``receiver.subscribe`` (the callback the fake stores
is the public URL followed by ``receiver.path``), then a sign-in through the client makes the fake
post its ``acd_agent_state`` event to that callback ("when the subscribed events occur, relevant
messages will be sent to the specified callback address", seed 003, "18. Subscription to
Events") and the CRM's callback gets it typed. ``fake.push_event`` of an event of each of the
document's categories arrives typed; the same event twice arrives once."""

import asyncio
import json
import queue

import pytest
from udesk_e2e_helpers import async_client, sync_client

from bridge.clients.udesk.events import EVENTS, Category, EventName, SubscriptionReceiver, UdeskEvent
from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.serve import serving


class Collector:
    def __init__(self):
        self.events: queue.Queue = queue.Queue()

    def __call__(self, event):
        self.events.put(event)

    def next(self, timeout: float = 5.0) -> UdeskEvent:
        return self.events.get(timeout=timeout)


@pytest.fixture
def receiving():
    collector = Collector()
    receiver = SubscriptionReceiver(collector)
    with serving(receiver) as url:
        yield receiver, url, collector
    receiver.close()


def test_a_sign_in_through_the_client_reaches_the_crms_callback_typed(receiving):
    receiver, url, collector = receiving
    fake = UdeskFake()
    with sync_client(fake) as client:
        result = receiver.subscribe(client, "crm", url, [EventName.ACD_AGENT_STATE])
        sub_id = result.sub_succ[0]["subid"]
        assert fake.subscriptions[sub_id]["callback"] == url + receiver.path
        assert fake.subscriptions[sub_id]["events"] == ["acd_agent_state"]
        client.sign_in("10032", state=1)
        event = collector.next()
        client.sign_out("10032")
        signed_out = collector.next()
    assert fake.events_sent[0]["url"] == url + receiver.path and fake.events_sent[0]["status"] == 202
    assert isinstance(event, UdeskEvent)
    assert event.category is Category.AGENT_STATE and event.name is EventName.ACD_AGENT_STATE
    assert event.data["agent_id"] == "10032" and event.data["state"] == 1
    assert signed_out.name is EventName.ACD_AGENT_STATE and signed_out.data["state"] == 4
    assert collector.events.empty()


def test_the_async_client_subscribes_and_an_async_stream_gets_the_event(receiving):
    receiver, url, _ = receiving
    fake = UdeskFake()

    async def run():
        async with receiver.events() as stream, async_client(fake) as client:
            await receiver.subscribe_async(client, "crm", url, ["acd_agent_state"])
            await client.sign_in("10032")
            return await asyncio.wait_for(stream.__anext__(), 5)

    event = asyncio.run(run())
    assert event.name is EventName.ACD_AGENT_STATE and event.data["agent_id"] == "10032"
    assert fake.subscriptions[168]["callback"] == url + receiver.path


def test_an_event_not_subscribed_to_is_not_posted(receiving):
    receiver, url, collector = receiving
    fake = UdeskFake()
    with sync_client(fake) as client:
        receiver.subscribe(client, "calls-only", url, ["general_hangup"])
        client.sign_in("10032")
    assert fake.events_sent == []


@pytest.mark.parametrize("name", list(EVENTS), ids=str)
def test_a_pushed_event_of_each_category_is_typed(receiving, name):
    receiver, url, collector = receiving
    fake = UdeskFake()
    body = {"event": name, "call_id": "c-1447670380", "agent_id": "355"}
    assert fake.push_event(url + receiver.path, body) == 202
    event = collector.next()
    assert event.name is EventName(name) and event.category is EVENTS[name]
    assert event.data == body and json.loads(event.body) == body


def test_every_category_of_the_document_is_pushed():
    # The parametrised pushes above cover the table: all four categories, every event name.
    assert {category for category in EVENTS.values()} == set(Category) == {
        Category.AGENT_STATE, Category.EXT_STATE, Category.AGENT_CALL_MODE, Category.CALL}


def test_the_same_event_twice_arrives_once(receiving):
    receiver, url, collector = receiving
    fake = UdeskFake()
    body = {"event": "general_hangup", "call_id": "c-1", "agent_id": "355"}
    assert fake.push_event(url + receiver.path, body) == 202
    assert fake.push_event(url + receiver.path, dict(body)) == 202  # answered, then dropped
    other = {**body, "call_id": "c-2"}
    assert fake.push_event(url + receiver.path, other) == 202
    assert collector.next().data == body and collector.next().data == other
    receiver.close()  # hands every accepted event on before it returns
    assert collector.events.empty()


def test_an_event_under_a_wrong_token_is_refused(receiving):
    receiver, url, collector = receiving
    fake = UdeskFake()
    wrong = url + receiver.path.rsplit("/", 1)[0] + "/" + "x" * 43
    assert fake.push_event(wrong, {"event": "acd_agent_state"}) == 404
    receiver.close()
    assert collector.events.empty()
