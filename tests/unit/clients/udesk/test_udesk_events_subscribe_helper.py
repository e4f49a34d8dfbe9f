"""receiver.subscribe(client, name, public_url, events) creates the subscription whose callback is
the CRM's public URL followed by the receiver's path (seed 003, "18. Subscription to Events":
{"subscriptions": [{"callback", "events", "name"}]}), sync and async; the public URL must be https
(plain http only to this machine), everything is checked before anything is sent, and the
callback URL, which holds the token, is never logged.

The client's create_subscription(name, callback, events) is a double here: what it received is
what the helper asked for."""

import asyncio
import logging

import pytest

from bridge.clients.errors import InvalidArgument
from bridge.clients.udesk.events import EventName, SubscriptionReceiver

TOKEN = "T0ken_" + "x" * 40
# The document's answer to a subscription: "sub_succ": [{"subid": 168, "name": "test"}], "sub_fail": null.
ANSWER = {"sub_succ": [{"subid": 168, "name": "crm"}], "sub_fail": None}


class Client:
    def __init__(self):
        self.received = []

    def create_subscription(self, name, callback, events):
        self.received.append((name, callback, events))
        return ANSWER


class AsyncClient(Client):
    async def create_subscription(self, name, callback, events):
        return Client.create_subscription(self, name, callback, events)


@pytest.mark.parametrize("public_url, callback", [
    ("https://crm.example.com", f"https://crm.example.com/udesk/events/{TOKEN}"),
    ("https://crm.example.com/hooks/", f"https://crm.example.com/hooks/udesk/events/{TOKEN}"),  # the mount point
    ("http://127.0.0.1:8080", f"http://127.0.0.1:8080/udesk/events/{TOKEN}"),  # a fake on this machine
    ("http://localhost:9000/h", f"http://localhost:9000/h/udesk/events/{TOKEN}"),
])
def test_the_callback_is_the_public_url_followed_by_the_receiver_s_path(public_url, callback):
    receiver, client = SubscriptionReceiver(token=TOKEN), Client()
    events = [EventName.GENERAL_HANGUP, "acd_agent_state", "begin"]  # the document's own example lists "begin"
    assert receiver.subscribe(client, "crm", public_url, events) is ANSWER
    assert client.received == [("crm", callback, ["general_hangup", "acd_agent_state", "begin"])]
    assert all(type(name) is str for name in client.received[0][2])
    assert receiver.callback_url(public_url) == callback


def test_the_async_helper_awaits_the_async_client():
    receiver, client = SubscriptionReceiver(token=TOKEN), AsyncClient()
    answer = asyncio.run(receiver.subscribe_async(client, "crm", "https://crm.example.com", (EventName.PLAY_SUCC,)))
    assert answer is ANSWER
    assert client.received == [("crm", f"https://crm.example.com/udesk/events/{TOKEN}", ["play_succ"])]


@pytest.mark.parametrize("public_url", ["http://crm.example.com", "http://10.0.0.5", "ftp://crm.example.com",
                                        "https://user:pw@crm.example.com", "https://crm.example.com/?a=1",
                                        "https://crm.example.com/#x", "crm.example.com", "https:// crm.example.com",
                                        None])
def test_a_public_url_that_is_not_https_or_carries_more_is_refused_and_nothing_is_sent(public_url):
    receiver, client, async_client = SubscriptionReceiver(), Client(), AsyncClient()
    with pytest.raises(InvalidArgument, match="public_url"):
        receiver.subscribe(client, "crm", public_url, ["general_hangup"])
    with pytest.raises(InvalidArgument, match="public_url"):
        asyncio.run(receiver.subscribe_async(async_client, "crm", public_url, ["general_hangup"]))
    assert client.received == async_client.received == []


@pytest.mark.parametrize("name, events, field", [
    ("", ["general_hangup"], "name"), (None, ["general_hangup"], "name"), ("crm", "general_hangup", "events"),
    ("crm", [], "events"), ("crm", ["general_hangup", ""], "events"), ("crm", [3], "events"), ("crm", None, "events"),
])
def test_a_bad_name_or_event_list_is_refused_naming_the_field_and_nothing_is_sent(name, events, field):
    receiver, client = SubscriptionReceiver(), Client()
    with pytest.raises(InvalidArgument, match=f"^{field}:"):
        receiver.subscribe(client, name, "https://crm.example.com", events)
    assert client.received == []


def test_the_callback_url_is_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    receiver = SubscriptionReceiver(token=TOKEN)
    receiver.subscribe(Client(), "crm", "https://crm.example.com/hooks", ["general_hangup"])
    asyncio.run(receiver.subscribe_async(AsyncClient(), "crm2", "https://crm.example.com/hooks", ["play_succ"]))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "'crm'" in logged and "'crm2'" in logged and "https://crm.example.com/hooks/udesk/events/<token>" in logged
    assert TOKEN not in logged and TOKEN[:20] not in logged


def test_a_failing_client_s_error_goes_to_the_caller_and_nothing_is_logged_as_asked(caplog):
    class Refusing:
        def create_subscription(self, name, callback, events):
            raise RuntimeError("refused by Udesk")

    caplog.set_level(logging.INFO, logger="bridge.clients.udesk.events")
    with pytest.raises(RuntimeError, match="refused by Udesk"):
        SubscriptionReceiver().subscribe(Refusing(), "crm", "https://crm.example.com", ["general_hangup"])
    assert [r for r in caplog.records if r.name == "bridge.clients.udesk.events"] == []
