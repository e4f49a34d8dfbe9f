"""Bodies shaped as a Udesk subscription might post them and a receiver whose callback collects
what it gets. A module of its own, imported by name by the subscription receiver's tests
("conftest" would be whichever conftest.py pytest loaded last).

The document shows no event message (seed 003, "18. Subscription to Events": "relevant messages
will be sent to the specified callback address"), so these bodies only use the event names of its
table; the other fields are made up, as a CRM's test of its own would."""

from __future__ import annotations

import json
import queue
from contextlib import contextmanager

import httpx2

from bridge.clients.udesk.events import SubscriptionReceiver

JSON = {"Content-Type": "application/json"}


def udesk_event(name: str = "general_hangup", key: str = "event", **fields) -> bytes:
    """A body naming its event under ``key``, with a few fields of a call."""
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


@contextmanager
def receiving(**options):
    """(receiver, collector, client): an httpx2 client posting to the receiver in-process."""
    collector = Collector()
    receiver = SubscriptionReceiver(collector, **options)
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            yield receiver, collector, client
    finally:
        receiver.close()
