"""The seed's exported event (seed 004, "Export events") and a receiver whose callback collects
what it gets. A module of its own, imported by name by the event receiver's tests ("conftest"
would be whichever conftest.py pytest loaded last)."""

from __future__ import annotations

import json
import queue
from contextlib import contextmanager

import httpx2

from bridge.clients.xuc.events import EventReceiver

# The seed's example, byte for byte as the document prints its JSON (one line per key).
SEED_EVENT = (b'{\n"username":"alicej",\n"message":{\n"msgType":"PhoneEvent",\n'
              b'"ctiMessage":{"eventType":"EventDialing","DN":"1058","otherDN":"3000","linkedId":"1447670380.34",'
              b'"uniqueId":"1447670380.34","userData":{"XIVO_USERID":"9"}}}}')
JSON = {"Content-Type": "application/json"}


def phone_event(event_type: str = "EventDialing", unique_id: str = "1447670380.34", **fields) -> bytes:
    """A PhoneEvent body shaped like the seed's, for another event type or call."""
    cti = {"eventType": event_type, "DN": "1058", "otherDN": "3000", "linkedId": unique_id,
           "uniqueId": unique_id, "userData": {"XIVO_USERID": "9"}, **fields}
    return json.dumps({"username": "alicej", "message": {"msgType": "PhoneEvent", "ctiMessage": cti}}).encode()


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


@contextmanager
def receiving(**options):
    """(receiver, collector, client): an httpx2 client posting to the receiver in-process."""
    collector = Collector()
    receiver = EventReceiver(collector, **options)
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            yield receiver, collector, client
    finally:
        receiver.close()
