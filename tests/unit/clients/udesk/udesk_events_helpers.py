"""What the Udesk subscription receiver's own tests use (categories, duplicates, pass-through):
bodies shaped as a Udesk subscription might post them and a SubscriptionReceiver whose callback
collects what it gets. A module of its own, imported by name ("conftest" would be whichever
conftest.py pytest loaded last); the bodies, the collector and the receiver's plumbing live in
webhooks/webhook_helpers.py with the tests of the machinery both receivers share."""

from __future__ import annotations

from contextlib import contextmanager

from bridge.clients.udesk.events import SubscriptionReceiver

from webhook_helpers import HANGUP, JSON, nothing_more_delivered, udesk_event
from webhook_helpers import receiving as _receiving

__all__ = ["HANGUP", "JSON", "nothing_more_delivered", "receiving", "udesk_event"]


@contextmanager
def receiving(**options):
    """(receiver, collector, client) for a SubscriptionReceiver: the client posts to it in-process."""
    with _receiving(SubscriptionReceiver, **options) as received:
        yield received
