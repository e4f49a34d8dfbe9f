"""Typed views of the objects the component hands out: Call, User and Queue, with their enums.

Declared once as field tables (name, kind, description) from the vendor's "Structure of
objects"; the Python views, the TypeScript interfaces and the docs derive from the tables.

The component is the source of truth for these objects, so reading them is lenient: a field
that is missing reads as ``None``, a value that does not fit its declared kind is kept as it
came (nothing is lost), and fields the document does not list are kept in ``extra``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import ClassVar


class CallState(enum.IntEnum):
    NEW = 0
    CONNECTING = 1
    RINGING = 2  # "invitation": the called phone rings
    CONNECTED = 3
    SUSPENDED = 4
    HELD = 5  # "held (tribute)"


class HangupCause(enum.IntEnum):
    NOT_SET = -1  # the call has not been hung up yet
    UNKNOWN = 0
    BUSY = 1  # "occupied"
    INVALID_NUMBER = 2
    CALLER_HUNG_UP = 3
    CALLED_HUNG_UP = 4
    REJECTED = 5
    UNAVAILABLE = 6
    PICKUP = 7
    TRANSFER = 8


class Direction(enum.StrEnum):
    OUTGOING = "OUTGOING"
    INCOMING = "INCOMING"


class ChannelType(enum.StrEnum):
    LINE = "line"  # telephone
    TRUNK = "trunk"


class AgentStatus(enum.StrEnum):
    OFFLINE = "OFFLINE"
    READY = "READY"
    AUX = "AUX"
    ACW = "ACW"


class QueueType(enum.IntEnum):
    OUTGOING = 0
    INCOMING = 1


@dataclass(frozen=True)
class Field:
    """One documented attribute: its JSON kind ("str", "int", "bool", "timestamp", "object",
    "array") or an enum class, and the vendor's description."""

    name: str
    kind: object
    doc: str


def _fields(*rows: tuple) -> tuple[Field, ...]:
    return tuple(Field(*row) for row in rows)


CALL_FIELDS = _fields(
    ("called_name", "str", "called name"),
    ("called_number", "str", "called number"),
    ("called_number_norm", "str", "called number in E.164 format"),
    ("caller_channel", "str", "SIP channel name"),
    ("caller_extension", "str", "caller extension number"),
    ("caller_group_id", "int", "UCS group of the caller"),
    ("caller_internal", "bool", "the caller is an internal PBX extension"),
    ("caller_line_id", "int", "line ID of the caller's phone"),
    ("caller_muted", "bool", "the caller's microphone is muted"),
    ("caller_name", "str", "name of the caller"),
    ("caller_number", "str", "caller number"),
    ("caller_number_norm", "str", "caller number in E.164 format"),
    ("caller_type", ChannelType, "caller channel type"),
    ("caller_user_id", "int", "ID of the calling user"),
    ("caller_username", "str", "UCS username of the calling user"),
    ("cause", HangupCause, "reason the call was hung up (-1: not yet)"),
    ("connected", "timestamp", "call connection time"),
    ("connected_channel", "str", "SIP channel the call is connected to"),
    ("connected_group_id", "int", "UCS group of the called party"),
    ("connected_internal", "bool", "the connected party is an internal PBX extension"),
    ("connected_line_id", "int", "line ID of the connected phone"),
    ("connected_muted", "bool", "the connected party's microphone is muted"),
    ("connected_name", "str", "name of the connected party"),
    ("connected_number", "str", "number the call is connected to"),
    ("connected_number_norm", "str", "number the call is connected to, E.164"),
    ("connected_type", ChannelType, "connected channel type"),
    ("connected_user_id", "int", "ID of the connected user"),
    ("connected_username", "str", "UCS username of the connected user"),
    ("created", "timestamp", "call creation time"),
    ("data", "object", "call metadata (e.g. a client ID from an external lookup)"),
    ("direction", Direction, "call direction"),
    ("disconnected", "timestamp", "time the call was hung up"),
    ("external_id", "str", "ID obtained during caller name lookup"),
    ("id", "int", "ID of the active call; rotates in 1-65535, use uniqueid to identify a call"),
    ("name", "str", "name of the other party found by UCS in an external system"),
    ("now", "timestamp", "current UCS time"),
    ("number", "str", "the called number (outgoing) or the caller number (incoming)"),
    ("outbound_id", "int", "outbound campaign ID"),
    ("recorded", "bool", "the call was recorded"),
    ("state", CallState, "call state"),
    ("subcalls", "int", "number of ringing phones (hunt group)"),
    ("uniqueid", "str", "unique call ID"),
)

USER_FIELDS = _fields(
    ("acwtime", "int", "time spent in ACW (seconds)"),
    ("auxtime", "int", "time spent in not-ready states (seconds)"),
    ("auxtimes", "object", "seconds spent in each AUX reason"),
    ("data", "object", "custom user data defined in UCS"),
    ("displayname", "str", "displayed name"),
    ("email", "str", "email address"),
    ("external_id", "str", "user ID from an external identity provider"),
    ("firstname", "str", "first name"),
    ("group_id", "int", "ID of the user's group"),
    ("id", "int", "user ID"),
    ("idletime", "int", "time ready but not talking (seconds)"),
    ("in_calls_answered", "int", "connected incoming calls"),
    ("in_calls_unanswered", "int", "unanswered incoming calls"),
    ("in_ringtime", "int", "ringing time of incoming queue calls"),
    ("in_talktime", "int", "talk time of incoming queue calls"),
    ("lastname", "str", "surname"),
    ("lines", "array", "lines associated with the user"),
    ("locale", "str", "user's language"),
    ("number", "str", "user's external phone number"),
    ("out_calls_answered", "int", "connected outgoing calls"),
    ("out_calls_unanswered", "int", "unanswered outgoing calls"),
    ("out_ringtime", "int", "ringing time of outgoing queue calls"),
    ("out_talktime", "int", "talk time of outgoing queue calls"),
    ("primary_extension", "int", "ID of the primary extension when no line login is used"),
    ("queues", "object", "queues the user is in: queue ID -> Queue"),
    ("readytime", "int", "time in ready state, ringing and calls included"),
    ("ringtime", "int", "ringing time of queue calls"),
    ("status", AgentStatus, "agent availability status"),
    ("superuser", "bool", "the user is an administrator"),
    ("talktime", "int", "talk time of queue calls"),
    ("transferred", "int", "transferred queue calls"),
    ("transferred_external", "int", "calls transferred outside the contact center"),
)

QUEUE_FIELDS = _fields(
    ("answered", "int", "connected calls"),
    ("priorities", "int", "the agent's priority in the queue"),
    ("queue_id", "int", "queue ID"),
    ("ringtime", "int", "ring time"),
    ("supervisor", "bool", "the agent is a supervisor"),
    ("suspended", "bool", "the agent is suspended from handling calls in the queue"),
    ("suspendtime", "int", "time the agent was suspended"),
    ("talktime", "int", "talk time"),
    ("team_id", "int", "ID of the agent's team"),
    ("transferred", "int", "transferred queue calls"),
    ("transferred_external", "int", "calls transferred outside the contact center"),
    ("type", QueueType, "queue type"),
    ("unanswered", "int", "unanswered calls"),
)


def _read(kind, value):
    """``value`` as ``kind`` where it converts (enums, whole floats as ints); otherwise as it came."""
    if isinstance(kind, type) and issubclass(kind, enum.Enum) and value is not None:
        try:
            return kind(value)
        except ValueError:
            return value
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class ObjectView:
    """Base of the typed views: ``values`` holds the documented fields, ``extra`` the rest."""

    values: dict
    extra: dict = field(default_factory=dict)

    FIELDS: ClassVar[tuple[Field, ...]] = ()

    @classmethod
    def read(cls, raw: dict):
        if not isinstance(raw, dict):
            raise TypeError(f"{cls.__name__} must be read from an object, got {type(raw).__name__}")
        names = {f.name for f in cls.FIELDS}
        values = {f.name: _read(f.kind, raw.get(f.name)) for f in cls.FIELDS}
        extra = {k: v for k, v in raw.items() if k not in names}
        return cls(values, extra)

    def __getattr__(self, name):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    def to_json(self) -> dict:
        """Back to plain JSON data: documented fields present in the source, then the rest."""
        out = {k: (v.value if isinstance(v, enum.Enum) else v) for k, v in self.values.items() if v is not None}
        out.update(self.extra)
        return out


class Call(ObjectView):
    FIELDS = CALL_FIELDS

    @property
    def ended(self) -> bool:
        return (isinstance(self.cause, int) and self.cause >= 0) or self.disconnected is not None


class User(ObjectView):
    FIELDS = USER_FIELDS


class Queue(ObjectView):
    FIELDS = QUEUE_FIELDS


def looks_like_call(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("uniqueid"), str) and "direction" in data


def looks_like_user(data) -> bool:
    return isinstance(data, dict) and "status" in data and ("username" in data or "id" in data) \
        and "uniqueid" not in data


ENUMS = (CallState, HangupCause, Direction, ChannelType, AgentStatus, QueueType)
VIEWS = (Call, User, Queue)
