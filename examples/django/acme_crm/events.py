"""The Udesk subscription receiver (mounted at ``/hooks`` by acme_django/wsgi.py) and what the CRM
does with the events: keeps the latest, as hints for a screen pop or a refresh (re-read through
the API before acting on one: anyone who learns the URL can post any event)."""

import collections
import logging

from django.conf import settings

from bridge.clients.udesk.events import SubscriptionReceiver

log = logging.getLogger("acme_crm.events")
HOOKS_PREFIX = "/hooks"
recent: collections.deque = collections.deque(maxlen=100)


def on_event(event):  # a UdeskEvent, on the receiver's worker thread, one at a time
    log.info("Udesk %s event %s", event.category, event.name)
    recent.append(event)


receiver = SubscriptionReceiver(on_event, token=settings.UDESK_EVENTS_TOKEN)
