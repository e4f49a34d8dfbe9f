"""The receiver of the events a Udesk subscription posts: a WSGI app at a secret path, fed to the
CRM's callback and to ``async for`` loops, and the helper that creates the subscription.

"Subscribe to events, and when the subscribed events occur, relevant messages will be sent to
the specified callback address" (seed 003, "18. Subscription to Events"). That is all the
document says of the messages: no schema, no example, no signature. So the only credential is
the URL (:attr:`SubscriptionReceiver.path` ends with a long random token, compared in constant
time, every other path the same 404), the body is read leniently, and a payload is never trusted
for a privileged change: a CRM re-reads through the API first. The machinery (JSON only, size and
depth limits, 202 at once, a worker thread, de-duplication, 503 when full) is
:class:`bridge.clients.webhooks.WebhookReceiver`'s; this module names Udesk's events.

The document does give the event names a subscription lists, by category (:class:`EventName`,
:class:`Category`): where a body names one of them, the event is typed; anything else is passed on
as it came, with no category.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import time
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from ..base import checked_base_url
from ..errors import InvalidArgument
from ..webhooks import EventStream, WebhookReceiver, canonical_identity

__all__ = ["Category", "EVENTS", "EVENT_ID_KEYS", "EVENT_NAME_KEYS", "EventName", "EventStream",
           "SubscriptionReceiver", "UdeskEvent"]

log = logging.getLogger("bridge.clients.udesk.events")


class Category(str, enum.Enum):
    """The ``category`` column of the document's table of events."""

    AGENT_STATE = "agent_state"
    EXT_STATE = "ext_state"
    AGENT_CALL_MODE = "agent_call_mode"
    CALL = "call"


class EventName(str, enum.Enum):
    """The event names a subscription's ``events`` lists (the ``all_type`` column, seed 003, "18.
    Subscription to Events"), each with its :attr:`category`. The document's table: declared
    here once; :data:`EVENTS` is the same as a mapping."""

    category: Category

    def __new__(cls, value: str, category: Category):
        member = str.__new__(cls, value)
        member._value_ = value
        member.category = category
        return member

    ACD_AGENT_STATE = "acd_agent_state", Category.AGENT_STATE  # Agent state event
    EXTENSION_STATE_UPDATE = "extension_state_update", Category.EXT_STATE  # Extension state event
    AGENT_CALL_MODE_CHANGE = "agent_call_mode_change", Category.AGENT_CALL_MODE  # Agent's extension mode switch
    GENERAL_HANGUP = "general_hangup", Category.CALL  # Hangup message
    ENQUEUE_SUCC = "enqueue_succ", Category.CALL  # Successful queue entry
    RECORD_STOP = "record_stop", Category.CALL  # Recording end
    HANGUP_CAUSE = "hangup_cause", Category.CALL  # Hangup cause event
    DEQUEUE_SUCC = "dequeue_succ", Category.CALL  # Dequeue message
    START_DIALOUT = "start_dialout", Category.CALL  # Start dialing out
    VOICE_MAIL_SUCC = "voice_mail_succ", Category.CALL  # Successful voicemail
    PLAY_SUCC = "play_succ", Category.CALL  # Successful playback
    DTMF_GATHER_SUCC = "dtmf_gather_succ", Category.CALL  # Keypad input
    ASR_GATHER_SUCC = "asr_gather_succ", Category.CALL  # Successful voice recognition
    CONSULT_SUCC = "consult_succ", Category.CALL  # Successful consultation
    END_CONSULT_SUCC = "end_consult_succ", Category.CALL  # Successful consultation cancellation
    THREE_WAY_SUCC = "three_way_succ", Category.CALL  # Successful three-way call
    SUBSTITUTE_SUCC = "substitute_succ", Category.CALL  # Successful interception
    HOLD_AGENT_SUCC = "hold_agent_succ", Category.CALL  # Successful hold
    EXTERN_SUCC = "extern_succ", Category.CALL  # Successful transfer to external line
    EAVESDROP_SUCC = "eavesdrop_succ", Category.CALL  # Successful eavesdropping


#: event name -> its category, the document's table as a read-only mapping.
EVENTS: Mapping[str, Category] = MappingProxyType({name.value: name.category for name in EventName})

# Where a body names its event. The document shows no message, so these are guesses at the
# spellings Udesk's other APIs and common webhook senders use. The first key holding a documented
# name wins; failing that, the first holding a string (kept as it came); failing that, no name.
# Names are matched exactly, as the document spells them (lowercase, underscores): a subscription
# lists them so, and a value spelled otherwise is not claimed to be one of them.
EVENT_NAME_KEYS = ("event", "event_type", "EventType", "eventType", "type", "Event")

# Where a body would carry an id of the event itself. The document names none; if a message has
# one under these keys (an integer or a non-empty string), two deliveries with the same id and
# event name are one event even if another field differs (a redelivery stamped anew). Keys such
# as "id", "call_id" or "session_id" are left out on purpose: they may name a call or an agent,
# which has several events. Without such an id, the identity is the SHA-256 of the canonical
# JSON (keys sorted, no spaces): only the whole content tells a repeated delivery from a new event.
EVENT_ID_KEYS = ("event_id", "EventId", "eventId")


@dataclasses.dataclass(frozen=True)
class UdeskEvent:
    """One event a Udesk subscription delivered.

    ``name`` is the :class:`EventName` when the body names a documented event (see
    :data:`EVENT_NAME_KEYS`), the string that came for any other, None when no key holds a
    string; ``category`` is the name's :class:`Category`, None for an undocumented name. ``data``
    is the whole body as parsed and ``body`` its bytes, exactly as they came. ``identity`` is what
    duplicates are recognized by (see :data:`EVENT_ID_KEYS`). Shared by the callback and every
    stream: read it, do not change it.
    """

    category: Category | None
    name: EventName | str | None
    data: Mapping[str, Any] = dataclasses.field(repr=False)
    body: bytes = dataclasses.field(repr=False)
    identity: str = dataclasses.field(repr=False)


# The clock of the duplicate window (a name of its own, so a test can move it alone).
_clock = time.monotonic


class SubscriptionReceiver(WebhookReceiver[UdeskEvent]):
    """A WSGI app that receives the events of Udesk subscriptions.

    A subscription's ``callback`` is the CRM's public URL of this app followed by :attr:`path`
    (relative to where the app is mounted); :meth:`subscribe` creates one so. The path holds the
    token: keep it as secret as a password.

    :param on_event: called with each :class:`UdeskEvent`, on the receiver's one worker thread, in
        the order the events were accepted. An exception is logged and the next event goes on;
        the answer Udesk got does not change. None: only :meth:`events` streams get them.
    :param token: the capability token in the path (URL-safe, 32 characters or more); by default
        ``secrets.token_urlsafe(32)``, new at each start, so pass one kept with the CRM's secrets
        to keep the subscription's callback valid across restarts.
    :param prefix: the path before the token (by default ``/udesk/events``).
    :param max_bytes: the largest body taken; a larger Content-Length is answered 413 unread.
    :param max_depth: the deepest nesting of arrays and objects taken.
    :param queue_size: events accepted but not yet handed to ``on_event``; when it is full the
        answer is 503, so Udesk may send the event again rather than have it dropped here.
    :param dedupe_seconds: how long a delivered event's identity is remembered; the same event
        again within it is answered 202 and dropped. 0 turns de-duplication off.
    :param dedupe_size: at most that many identities remembered (the oldest forgotten first).

    Identity: see :data:`EVENT_ID_KEYS`. Two events identical in every field within
    ``dedupe_seconds`` are one. De-duplication is per process.
    """

    vendor = "Udesk"
    thread_name = "agent-bridge-udesk-events"
    logger = log
    default_prefix = "/udesk/events"

    @property
    def path(self) -> str:
        """The path to put after the CRM's public URL in a subscription's ``callback`` (it holds
        the token: a secret)."""
        return self._path

    def _now(self) -> float:
        return _clock()

    def _identity(self, data: dict) -> str:
        for key in EVENT_ID_KEYS:
            value = data.get(key)
            if (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, str) and value):
                name = _name_of(data)
                # Hashed like the content's identity, so every identity has the same shape.
                return canonical_identity({"event_id": value, "event": _plain(name)})
        return canonical_identity(data)

    def _event(self, data: dict, body: bytes, identity: str) -> UdeskEvent:
        name = _name_of(data)
        category = name.category if isinstance(name, EventName) else None
        return UdeskEvent(category, name, data, body, identity)

    def _describe(self, event: UdeskEvent) -> str:
        # The name came from the body: repr() keeps a newline in it from forging a log line.
        return repr(_plain(event.name))[:80]

    # -- the subscription ---------------------------------------------------------------------

    def callback_url(self, public_url: str) -> str:
        """The ``callback`` for a subscription: ``public_url`` (the CRM's public URL of where
        this app is mounted) followed by :attr:`path`. https only (plain http to this machine
        only, for a fake), without credentials, query or fragment. It holds the token: a secret."""
        return checked_base_url(public_url, vendor="public_url") + self._path

    def subscribe(self, client, name: str, public_url: str, events: Iterable[str]):
        """Create the subscription ``name`` that posts ``events`` to this receiver, through a
        :class:`~bridge.clients.udesk.client.UdeskClient`: ``client.create_subscription(name,
        callback, events)`` with the callback of :meth:`callback_url`, whose answer is returned.
        ``events`` are names of :class:`EventName` or, as the document's example does, others.
        Checked before anything is sent; the callback URL is never logged."""
        callback, name, names = self._subscription(name, public_url, events)
        result = client.create_subscription(name, callback, names)
        self._subscribed(name, public_url, names)
        return result

    async def subscribe_async(self, async_client, name: str, public_url: str, events: Iterable[str]):
        """:meth:`subscribe` through an :class:`~bridge.clients.udesk.client.AsyncUdeskClient`."""
        callback, name, names = self._subscription(name, public_url, events)
        result = await async_client.create_subscription(name, callback, names)
        self._subscribed(name, public_url, names)
        return result

    def _subscription(self, name: Any, public_url: Any, events: Any) -> tuple[str, str, list[str]]:
        if not isinstance(name, str) or not name.strip():
            raise InvalidArgument(f"name: a subscription's name is a non-empty string, got {name!r}")
        callback = self.callback_url(public_url)
        if isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
            raise InvalidArgument("events: a list of event names (a single name goes in a list)")
        names = [event.value if isinstance(event, EventName) else event for event in events]
        if not names:
            raise InvalidArgument("events: at least one event name (the document requires the list)")
        for event in names:
            if not isinstance(event, str) or not event.strip():
                raise InvalidArgument(f"events: each event name is a non-empty string, got {event!r}")
        return callback, name, names

    def _subscribed(self, name: str, public_url: str, names: list[str]) -> None:
        # The token is the credential: only the prefix of the path is shown.
        shown = f"{checked_base_url(public_url, vendor='public_url')}{self._prefix}/<token>"
        self.logger.info("Udesk subscription %r asked for %d events at %s", name, len(names), shown)


def _name_of(data: Mapping[str, Any]) -> EventName | str | None:
    """The event's name in a body (see :data:`EVENT_NAME_KEYS`)."""
    first = None
    for key in EVENT_NAME_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            if value in EVENTS:
                return EventName(value)
            if first is None:
                first = value
    return first


def _plain(name: EventName | str | None) -> str | None:
    return name.value if isinstance(name, EventName) else name
