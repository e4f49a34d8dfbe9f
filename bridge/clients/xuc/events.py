"""The receiver of the events XUC exports: a WSGI app at a secret path, fed to the CRM's callback
and to ``async for`` loops.

XUC POSTs each event as JSON to the ``eventUrl`` of its ``application.conf`` (seed 004, "Export
events")::

    {"username": "alicej",
     "message": {"msgType": "PhoneEvent",
                 "ctiMessage": {"eventType": "EventDialing", "DN": "1058", "otherDN": "3000",
                                "linkedId": "1447670380.34", "uniqueId": "1447670380.34",
                                "userData": {"XIVO_USERID": "9"}}}}

The export is unsigned, so the only credential is the URL: :attr:`EventReceiver.path` ends with a
long random token, compared in constant time, and every other path answers the same 404 (nothing
tells a prober that a receiver exists). A request is answered as soon as it is validated (202),
and the callback runs afterwards on the receiver's own worker thread, so a slow CRM never delays
XUC. Payloads are not trusted: a CRM re-reads through the API before any privileged change.
That machinery is :class:`bridge.clients.webhooks.WebhookReceiver`'s (shared with Udesk's
subscriptions); this module reads XUC's envelope and types its PhoneEvents.

Answers: 404 any path but the receiver's; 405 not POST; 415 not JSON; 411 chunked or no
Content-Length; 413 over ``max_bytes`` (refused before reading); 400 malformed length, not UTF-8,
not JSON, nested deeper than ``max_depth``, not a JSON object; 503 (with ``Retry-After``) the
queue is full or the receiver is closed, so XUC may send it again; 202 accepted, or a duplicate.
"""

from __future__ import annotations

import dataclasses
import enum
# Not used here but by the shared machinery, which calls hmac.compare_digest and json.loads
# through these modules: reachable as this module's attributes, as they were before the
# machinery moved to bridge.clients.webhooks (the receiver's tests patch them so).
import hmac  # noqa: F401
import json  # noqa: F401
import logging
import time
from typing import Any, Mapping

from ..records import ApiRecord, lenient
from ..webhooks import JSON_TYPES, EventStream, WebhookReceiver

__all__ = ["EventReceiver", "EventStream", "JSON_TYPES", "MESSAGE_TYPES", "PhoneEvent", "PhoneEventType", "XucEvent"]

log = logging.getLogger("bridge.clients.xuc.events")


class PhoneEventType(str, enum.Enum):
    """``ctiMessage.eventType`` of a PhoneEvent. The seed shows EventDialing and says the payload
    has "the same structure as javascript Phone Events", whose other types are these; a type not
    listed here is kept as the string that came."""

    DIALING = "EventDialing"
    RINGING = "EventRinging"
    ESTABLISHED = "EventEstablished"
    RELEASED = "EventReleased"
    ON_HOLD = "EventOnHold"


@dataclasses.dataclass(frozen=True)
class PhoneEvent(ApiRecord):
    """A PhoneEvent's ``ctiMessage``, read leniently: the seed's fields under their JSON names,
    anything else in ``extra``."""

    CONVERT = {"eventType": lenient(PhoneEventType)}

    eventType: PhoneEventType | str | None = None
    DN: str | None = None
    otherDN: str | None = None
    linkedId: str | None = None
    uniqueId: str | None = None
    userData: dict | None = None


# msgType -> the record its ctiMessage is read into; any other msgType is passed on as it came.
MESSAGE_TYPES: dict[str, type[ApiRecord]] = {"PhoneEvent": PhoneEvent}


@dataclasses.dataclass(frozen=True)
class XucEvent:
    """One event XUC delivered.

    ``message`` is the typed ``ctiMessage`` for a known ``msg_type`` (a :class:`PhoneEvent`), and
    the ``ctiMessage`` as it came for any other (None when there was none). ``data`` is the whole
    body as parsed and ``body`` its bytes, exactly as they came. ``identity`` is what duplicates are
    recognized by (see :class:`EventReceiver`). Shared by the callback and every stream: read it,
    do not change it.
    """

    username: str | None
    msg_type: str | None
    message: Any
    data: Mapping[str, Any] = dataclasses.field(repr=False)
    body: bytes = dataclasses.field(repr=False)
    identity: str = dataclasses.field(repr=False)


# The clock of the duplicate window (a name of its own, so a test can move it alone).
_clock = time.monotonic


class EventReceiver(WebhookReceiver[XucEvent]):
    """A WSGI app that receives XUC's exported events.

    Configure XUC's ``eventUrl`` as the CRM's public URL of this app followed by :attr:`path`
    (relative to where the app is mounted: with a prefix in Flask's ``DispatcherMiddleware``, the
    prefix comes first). The path holds the token: keep it as secret as a password.

    :param on_event: called with each :class:`XucEvent`, on the receiver's one worker thread, in
        the order the events were accepted. An exception is logged and the next event goes on;
        the answer XUC got does not change. None: only :meth:`events` streams get them.
    :param token: the capability token in the path (URL-safe, 32 characters or more); by default
        ``secrets.token_urlsafe(32)``, new at each start, so pass one kept with the CRM's secrets
        to keep the same eventUrl across restarts.
    :param prefix: the path before the token (by default ``/xuc/events``).
    :param max_bytes: the largest body taken; a larger Content-Length is answered 413 unread.
    :param max_depth: the deepest nesting of arrays and objects taken (the seed's example is 4).
    :param queue_size: events accepted but not yet handed to ``on_event``; when it is full the
        answer is 503, so XUC may send the event again rather than have it dropped here.
    :param dedupe_seconds: how long a delivered event's identity is remembered; the same event
        again within it is answered 202 and dropped. 0 turns de-duplication off.
    :param dedupe_size: at most that many identities remembered (the oldest forgotten first),
        so a flood cannot grow the memory.

    The identity of an event is the SHA-256 of its canonical JSON (keys sorted, no spaces): XUC's
    events carry no id or timestamp, and ``uniqueId`` names a call leg that has several events, so
    only the whole content tells a repeated delivery from a new event. Two events identical in
    every field within ``dedupe_seconds`` (a call put on hold twice within the window) are one.
    De-duplication is per process: behind several worker processes, each remembers its own.
    """

    vendor = "XUC"
    thread_name = "agent-bridge-xuc-events"
    logger = log
    default_prefix = "/xuc/events"

    @property
    def path(self) -> str:
        """The path to configure in XUC's ``eventUrl`` (it holds the token: a secret)."""
        return self._path

    def _now(self) -> float:
        return _clock()

    def _event(self, data: dict, body: bytes, identity: str) -> XucEvent:
        username = data.get("username") if isinstance(data.get("username"), str) else None
        envelope = data.get("message") if isinstance(data.get("message"), dict) else {}
        msg_type = envelope.get("msgType") if isinstance(envelope.get("msgType"), str) else None
        message = envelope.get("ctiMessage")
        record = MESSAGE_TYPES.get(msg_type)
        if record is not None and isinstance(message, dict):
            message = record.from_api(message)
        return XucEvent(username, msg_type, message, data, body, identity)

    def _describe(self, event: XucEvent) -> str:
        return f"{event.msg_type} for {event.username!r}"
