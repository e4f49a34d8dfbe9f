"""What the XUC event receiver's own tests use (duplicates, the seed's example, unknown types):
the seed's exported event (seed 004, "Export events"), a PhoneEvent body, and an EventReceiver
whose callback collects what it gets. A module of its own, imported by name ("conftest" would be
whichever conftest.py pytest loaded last); the bodies, the collector and the receiver's plumbing
live in webhooks/webhook_helpers.py with the tests of the machinery both receivers share."""

from __future__ import annotations

from contextlib import contextmanager

from bridge.clients.xuc.events import EventReceiver

from webhook_helpers import JSON, SEED_EVENT, nothing_more_delivered, phone_event
from webhook_helpers import receiving as _receiving

__all__ = ["JSON", "SEED_EVENT", "nothing_more_delivered", "phone_event", "receiving"]


@contextmanager
def receiving(**options):
    """(receiver, collector, client) for an EventReceiver: the client posts to it in-process."""
    with _receiving(EventReceiver, **options) as received:
        yield received
