"""Typed views of the objects Udesk ccapi v2 (seed 003) documents, read leniently
(:class:`~bridge.clients.records.ApiRecord`: the fields under their JSON names, unknown keys kept
in ``extra``).

Ids come back suffixed with the app id (``"355@7859ff65-0e6a"``): ``AgentId``, each item of
``Queues`` and a queue's ``QueueId`` are read into :class:`~.api.ScopedId` (equal to the plain id,
what every request takes; the suffix in ``.app_id``).

Where the document's tables and examples disagree on a type, both are read: ``Enable`` is a
boolean in the examples and "string" in the list's table (``"false"``), a subscription's
``enable`` is the string ``"false"`` in its example: :func:`flag` reads either into a bool.
Extension passwords (SIP credentials) are never shown in a repr.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records import ApiRecord, array, each, kept_as
from .api import scoped_id


@kept_as(bool)
def flag(value: Any) -> Any:
    """``true``/``false`` as a JSON boolean or as the strings the document also shows; anything
    else as it came (a newer server's value is kept, not guessed)."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


def _record_or_value(kind):
    # An item that is an object becomes the record; anything else (the create's "string[]"
    # ExtenInfos) is kept as it came.
    def convert(value):
        return kind.from_api(value) if isinstance(value, dict) else value
    return convert


@dataclasses.dataclass(frozen=True)
class RelayNumbers(ApiRecord):
    """``GET /spnumbers``: the relay numbers bound to the application and its default caller id."""

    SpNumbers: tuple[str, ...] | None = None
    DefSpNumber: str | None = None


@dataclasses.dataclass(frozen=True)
class ExtensionInfo(ApiRecord):
    """An item of an agent's ``ExtenInfos`` (its SignalType is ``"voip"``, ``"1"`` or 0 in the
    document's examples: kept as it came)."""

    Number: str | None = None
    Extension: str | None = None
    Password: str | None = dataclasses.field(default=None, repr=False)
    SignalType: Any = None


@dataclasses.dataclass(frozen=True)
class Agent(ApiRecord):
    """An agent, as the agents list, the agent's own GET and the queue's agents list show it."""

    CONVERT = {"AgentId": scoped_id, "Queues": each(scoped_id), "Enable": flag,
               "ExtenInfos": each(_record_or_value(ExtensionInfo))}

    AppId: str | None = None
    AgentId: str | None = None
    WorkId: str | None = None
    Name: str | None = None
    NickName: str | None = None
    Mobile: str | None = None
    Email: str | None = None
    Role: str | None = None
    Queues: tuple[str, ...] | None = None
    QueuesNames: tuple[str, ...] | None = None
    Extensions: tuple[str, ...] | None = None
    DefSpNumber: str | None = None
    State: int | None = None
    StateDes: str | None = None
    ReasonCode: int | None = None
    ReasonCodeDes: str | None = None
    ExtState: Any = None
    WrapUpTime: Any = None
    OutWrapUpTime: Any = None
    Enable: bool | None = None
    ExtenInfos: tuple[ExtensionInfo, ...] | None = None


@dataclasses.dataclass(frozen=True)
class AgentPage(ApiRecord):
    """One page of ``GET /agents``: ``CurrPage`` of ``TotalPage``, ``Total`` agents in all."""

    CONVERT = {"AgentList": each(Agent.from_api)}

    CurrPage: int | None = None
    PageSize: int | None = None
    Total: int | None = None
    TotalPage: int | None = None
    AgentList: tuple[Agent, ...] | None = None

    @classmethod
    def adopt(cls, data: Any) -> AgentPage:
        """The page read from an object just parsed from an answer, which nobody else holds: its
        agents take their objects over uncopied (:meth:`ApiRecord.adopt_all`), where
        :meth:`from_api` copies each (a caller's own objects stay untouched). A walk of 10,000
        agents reads every one of them: the copies were a third of the client's own cost."""
        if type(data) is not dict or type(data.get("AgentList")) is not list:
            return cls.from_api(data)
        agents = Agent.adopt_all(data.pop("AgentList"))
        page = cls._read(data)
        object.__setattr__(page, "AgentList", tuple(agents))  # a frozen record: set once, as it is made
        return page


@dataclasses.dataclass(frozen=True)
class CreatedAgent(ApiRecord):
    """``POST /agents``: the agent and, when an extension was created with it, the extension."""

    CONVERT = {"AgentId": scoped_id, "ExtenInfos": each(_record_or_value(ExtensionInfo))}

    AgentId: str | None = None
    Extension: str | None = None
    Password: str | None = dataclasses.field(default=None, repr=False)
    Number: str | None = None
    ExtenInfos: tuple | None = None


@dataclasses.dataclass(frozen=True)
class Extension(ApiRecord):
    """``POST /extensions``: the extension, its system-generated password, its 14-digit account
    (``Number``) and its type (0 SIP, 1 WebRTC)."""

    Extension: str | None = None
    Password: str | None = dataclasses.field(default=None, repr=False)
    Number: str | None = None
    SignalType: Any = None


@dataclasses.dataclass(frozen=True)
class Queue(ApiRecord):
    """An item of ``GET /queues`` (Strategy 0 rotation, 1 fewest answered, 2 longest idle)."""

    CONVERT = {"QueueId": scoped_id}

    QueueId: str | None = None
    Name: str | None = None
    Strategy: int | None = None
    Timeout: int | None = None
    WaitMusic: str | None = None


@dataclasses.dataclass(frozen=True)
class SubscriptionResult(ApiRecord):
    """``POST /subscriptions``: ``sub_succ`` a list of ``{"subid": 168, "name": ...}`` (the
    table calls it an object: one object is read as a one-item list), ``sub_fail`` the failures
    (null when none)."""

    CONVERT = {"sub_succ": lambda value: (value,) if isinstance(value, dict) else array(value)}

    sub_succ: tuple[dict, ...] | None = None
    sub_fail: Any = None


@dataclasses.dataclass(frozen=True)
class Subscription(ApiRecord):
    """An item of ``GET /subscriptions``."""

    CONVERT = {"enable": flag}

    # A receiver's URL holds its capability token: never shown in a repr.
    callback: str | None = dataclasses.field(default=None, repr=False)
    enable: bool | None = None
    events: tuple[str, ...] | None = None
    name: str | None = None


@dataclasses.dataclass(frozen=True)
class SignInResult(ApiRecord):
    """Agent sign-in and sign-out: ``{ErrCode, ErrDesc, msg_id, results, data}`` less the code and
    its description (a success, or it would have been an error)."""

    msg_id: str | None = None
    results: Any = None
    data: Any = None
