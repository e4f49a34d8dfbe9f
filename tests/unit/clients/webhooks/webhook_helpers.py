"""What the tests of the shared receiver machinery (``bridge.clients.webhooks.WebhookReceiver``)
need, for each of its two receivers, XUC's ``EventReceiver`` and Udesk's ``SubscriptionReceiver``:
a valid body of each vendor, a receiver whose callback collects what it gets, and the few details
in which the two differ (prefix, logger, thread name, how an event is read and described).

A module of its own, imported by its basename (``webhook_helpers``): tests/unit/clients/conftest.py
puts this folder on sys.path, so the vendors' helper modules (``xuc_events_helpers``,
``udesk_events_helpers``) import it under that same name and there is one module, not two."""

from __future__ import annotations

import dataclasses
import json
import queue
from contextlib import contextmanager
from typing import Any, Callable

import httpx2

from bridge.clients.udesk.events import Category, SubscriptionReceiver, UdeskEvent
from bridge.clients.webhooks import WebhookReceiver
from bridge.clients.xuc.events import EventReceiver, PhoneEvent, XucEvent

JSON = {"Content-Type": "application/json"}

# XUC: the seed's exported event (seed 004, "Export events"), byte for byte as the document prints
# its JSON (one line per key).
SEED_EVENT = (b'{\n"username":"alicej",\n"message":{\n"msgType":"PhoneEvent",\n'
              b'"ctiMessage":{"eventType":"EventDialing","DN":"1058","otherDN":"3000","linkedId":"1447670380.34",'
              b'"uniqueId":"1447670380.34","userData":{"XIVO_USERID":"9"}}}}')


def phone_event(event_type: str = "EventDialing", unique_id: str = "1447670380.34", **fields) -> bytes:
    """A XUC PhoneEvent body shaped like the seed's, for another event type or call."""
    cti = {"eventType": event_type, "DN": "1058", "otherDN": "3000", "linkedId": unique_id,
           "uniqueId": unique_id, "userData": {"XIVO_USERID": "9"}, **fields}
    return json.dumps({"username": "alicej", "message": {"msgType": "PhoneEvent", "ctiMessage": cti}}).encode()


# Udesk: the document shows no event message (seed 003, "18. Subscription to Events": "relevant
# messages will be sent to the specified callback address"), so these bodies only use the event
# names of its table; the other fields are made up, as a CRM's test of its own would.
def udesk_event(name: str = "general_hangup", key: str = "event", **fields) -> bytes:
    """A Udesk body naming its event under ``key``, with a few fields of a call."""
    return json.dumps({key: name, "call_id": "c-1447670380", "agent_id": "355", **fields}).encode()


HANGUP = udesk_event()


class Collector:
    """The CRM's callback: every event it gets, in a thread-safe queue."""

    def __init__(self):
        self.events: queue.Queue = queue.Queue()

    def __call__(self, event):
        self.events.put(event)

    def next(self, timeout: float = 5.0):
        return self.events.get(timeout=timeout)


def nothing_more_delivered(receiver, collector) -> bool:
    """Whether the callback got nothing more: the receiver is closed first, which hands every
    event it accepted to the callback before it returns."""
    receiver.close()
    return collector.events.empty()


@dataclasses.dataclass(frozen=True)
class Kind:
    """One vendor's receiver and what a test of the shared machinery needs to know of it."""

    name: str
    receiver: type[WebhookReceiver]
    event_class: type
    #: a valid body of the vendor, and another one named ``name`` (an event type or name)
    body: bytes
    event: Callable[[str], bytes]
    #: the name ``body`` carries, and those of three other events, for the tests that post several
    body_name: str
    names: tuple[str, ...]
    #: four bodies posted in a row (for the async streams), and how the vendor types each
    stream: tuple[bytes, ...]
    #: the name an event read from ``event(name)`` carries (what the callback sees)
    name_of: Callable[[Any], Any]
    #: what the vendor's reading of ``body`` shows (checks the body was parsed, not only taken)
    read: Callable[[Any], Any]
    read_expected: Any
    #: how the vendor types an event of ``stream``: (function of the event, the four values)
    typing: Callable[[Any], Any]
    typing_expected: tuple
    #: a body 6 levels deep with brackets and quotes in a string, and where that string is read
    nested: bytes
    nested_depth: int
    nested_note: Callable[[Any], Any]
    nested_note_expected: str
    #: a body's start whose unterminated string follows (for the linear-time scan)
    unterminated: bytes
    default_prefix: str
    #: the other vendor's prefix: the right token under it is still a wrong path
    other_prefix: str
    logger: str
    thread_name: str
    #: how the callback's failure names ``body`` in the log
    described: str

    def __str__(self) -> str:
        return self.name


XUC = Kind(
    name="xuc", receiver=EventReceiver, event_class=XucEvent, body=SEED_EVENT, event=phone_event,
    body_name="EventDialing", names=("EventRinging", "EventEstablished", "EventReleased"),
    stream=(SEED_EVENT, phone_event("EventRinging"), phone_event("EventEstablished"), phone_event("EventReleased")),
    name_of=lambda event: event.message.eventType,
    read=lambda event: event.username, read_expected="alicej",
    typing=lambda event: type(event.message), typing_expected=(PhoneEvent,) * 4,
    # inside the envelope's 3 levels: 6 in all
    nested=(b'{"username":"alicej","message":{"msgType":"Other","ctiMessage":{"note":"[[[[{{{{\\"[[[[",'
            b'"deep":' + b'{"x":' * 3 + b"1" + b"}" * 3 + b"}}}"),
    nested_depth=6, nested_note=lambda event: event.message["note"], nested_note_expected='[[[[{{{{"[[[[',
    unterminated=b'{"username": "',
    default_prefix="/xuc/events", other_prefix="/udesk/events", logger="bridge.clients.xuc.events",
    thread_name="agent-bridge-xuc-events", described="PhoneEvent for 'alicej'",
)

UDESK = Kind(
    name="udesk", receiver=SubscriptionReceiver, event_class=UdeskEvent, body=HANGUP, event=udesk_event,
    body_name="general_hangup", names=("enqueue_succ", "record_stop", "play_succ"),
    stream=(udesk_event("enqueue_succ"), udesk_event("dequeue_succ"), udesk_event("begin"), HANGUP),
    name_of=lambda event: event.name,
    read=lambda event: event.name, read_expected="general_hangup",
    typing=lambda event: event.category, typing_expected=(Category.CALL, Category.CALL, None, Category.CALL),
    nested=b'{"event":"asr_gather_succ","text":"[[[{{{\\"[[","data":{"a":{"b":[1]}}}',  # 4 levels
    nested_depth=4, nested_note=lambda event: event.data["text"], nested_note_expected='[[[{{{"[[',
    unterminated=b'{"event": "',
    default_prefix="/udesk/events", other_prefix="/xuc/events", logger="bridge.clients.udesk.events",
    thread_name="agent-bridge-udesk-events", described="'general_hangup'",
)

KINDS = (XUC, UDESK)


def client_of(receiver) -> httpx2.Client:
    """An httpx2 client posting to the receiver in-process."""
    return httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com")


@contextmanager
def receiving(kind: Kind | type[WebhookReceiver], **options):
    """(receiver, collector, client) for a kind (or a receiver class): the client posts to the
    receiver in-process, the collector is its callback."""
    cls = kind.receiver if isinstance(kind, Kind) else kind
    collector = Collector()
    receiver = cls(collector, **options)
    try:
        with client_of(receiver) as client:
            yield receiver, collector, client
    finally:
        receiver.close()
