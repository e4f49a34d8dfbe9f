"""The objects of UCS REST (seed 000), typed and read leniently (:mod:`bridge.clients.records`):
fields the document names are attributes, anything else is kept in ``extra``, documented enums
become Enums and an unknown value stays as it came."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, Generic, TypeVar

from ..records import ApiRecord, each, lenient

T = TypeVar("T")
record = dataclasses.dataclass(frozen=True)


class QueueType(enum.IntEnum):
    """The document's "Typy front UCS" (queue types)."""

    OUTBOUND = 0  # outgoing call campaign
    INBOUND = 1  # incoming calls queue
    TASK = 2  # µCRM task queue
    EMAIL = 3  # incoming e-mail processing queue


class ContactType(enum.IntEnum):
    GENERAL = 0
    PHONE = 1
    EMAIL = 2
    WEB = 3


class Locale(str, enum.Enum):
    CS_CZ = "cs_CZ"
    EN_US = "en_US"
    SK_SK = "sk_SK"


def _mapping_of(kind: type[ApiRecord]):
    """A converter for an object of id -> record (status' trunks and phones)."""
    def convert(value):
        return {key: kind.from_api(item) if isinstance(item, dict) else item for key, item in value.items()} \
            if isinstance(value, dict) else value
    return convert


@record
class Trunk(ApiRecord):
    name: str | None = None
    status: int | None = None
    rtt: int | None = None


@record
class PhoneCounts(ApiRecord):
    """Phones of one group: configured, available, dead and paired, each also split into IP
    phones and softphones (the ``*_ipphones`` / ``*_softphones`` keys, kept in ``extra``)."""

    name: str | None = None
    configured: int | None = None
    available: int | None = None
    dead: int | None = None
    paired: int | None = None


@record
class Status(ApiRecord):
    """``GET /status``: trunks and phones by id; each service's state (``ucs``, ``api``,
    ``postgres``, ``asterisk``...) is in :attr:`services`."""

    CONVERT = {"trunks": _mapping_of(Trunk), "phones": _mapping_of(PhoneCounts)}
    trunks: dict | None = None
    phones: dict | None = None

    @property
    def services(self) -> dict[str, Any]:
        return {key: value for key, value in self.extra.items() if key != "success"}


@record
class Queue(ApiRecord):
    CONVERT = {"type": lenient(QueueType)}
    id: int | None = None
    active: bool | None = None
    group_id: int | None = None
    type: QueueType | int | None = None
    number: str | None = None
    name: str | None = None
    callers_waiting: int | None = None
    callers_ringing: int | None = None
    callers_talking: int | None = None
    agents_idle: int | None = None
    agents_ringing: int | None = None
    agents_talking: int | None = None
    agents_acw: int | None = None
    agents_aux: int | None = None
    answered: int | None = None
    overflowed: int | None = None
    abandoned: int | None = None
    talktime: int | None = None
    waittime: int | None = None
    sl: dict | None = None
    sl_work: dict | None = None
    last_call_enter: float | None = None
    last_call_answer: float | None = None
    callers: tuple | None = None


@record
class Group(ApiRecord):
    id: int | None = None
    name: str | None = None
    external_id: str | None = None


@record
class Role(ApiRecord):
    id: int | None = None
    group_id: int | None = None
    name: str | None = None


@record
class AuxReason(ApiRecord):
    reason: str | None = None
    # "break" is a Python keyword: the attribute is break_, the API key stays "break".
    break_: bool | None = None
    color: str | None = None
    limit: int | None = None
    hidden: bool | None = None

    @classmethod
    def from_api(cls, data):
        if isinstance(data, dict) and "break" in data:
            data = {("break_" if k == "break" else k): v for k, v in data.items()}
        return super().from_api(data)

    def to_api(self) -> dict:
        return {("break" if k == "break_" else k): v for k, v in super().to_api().items()}


@record
class Team(ApiRecord):
    CONVERT = {"aux_reasons": each(AuxReason.from_api)}
    id: int | None = None
    group_id: int | None = None
    name: str | None = None
    note: str | None = None
    aux_reasons: tuple[AuxReason, ...] | None = None
    contacts: tuple | None = None
    tasks: dict | None = None
    channels: dict | None = None
    transfer_to_agent: bool | None = None
    transfer_to_queue: bool | None = None


@record
class PathStep(ApiRecord):
    """One step of a call through the switchboard (``type`` is the switchboard's event code)."""

    date: str | None = None
    type: int | None = None
    number: str | None = None
    name: str | None = None


class Direction(str, enum.Enum):
    """From ``src_internal`` and ``dst_internal``, as the document says."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    INTERNAL = "internal"
    EXTERNAL = "external"  # both ends outside (a call routed through UCS)


@record
class CallRecord(ApiRecord):
    """``GET /call/{uniqueid}``: the CDR. A transfer by the caller makes another record."""

    CONVERT = {"path": each(PathStep.from_api)}
    uniqueid: str | None = None
    price: float | None = None
    duration: int | None = None
    src_number: str | None = None
    src_name: str | None = None
    dst_number: str | None = None
    dst_name: str | None = None
    src_internal: bool | None = None
    dst_internal: bool | None = None
    calldate: str | None = None
    connected: str | None = None
    disconnected: str | None = None
    src_extension_id: int | None = None
    dst_extension_id: int | None = None
    src_user_id: int | None = None
    dst_user_id: int | None = None
    src_type: str | None = None
    dst_type: str | None = None
    xfer_users: Any = None
    trunk_id: int | None = None
    metadata: dict | None = None
    src_group_id: int | None = None
    dst_group_id: int | None = None
    pilot_number: str | None = None
    ring_time: int | None = None
    talk_time: int | None = None
    hold_time: int | None = None
    cause: int | None = None
    recording: bool | None = None
    recording_duration: int | None = None
    path: tuple[PathStep, ...] | None = None

    @property
    def direction(self) -> Direction | None:
        if self.src_internal is None or self.dst_internal is None:
            return None
        return {(False, True): Direction.INBOUND, (True, False): Direction.OUTBOUND,
                (True, True): Direction.INTERNAL, (False, False): Direction.EXTERNAL}[
            (bool(self.src_internal), bool(self.dst_internal))]


@record
class UserSummary(ApiRecord):
    """An item of ``GET /users``."""

    id: int | None = None
    name: str | None = None
    external_id: str | None = None


@record
class User(ApiRecord):
    """The document's User object (``GET /user/{id}``). ``password`` is write-only."""

    CONVERT = {"locale": lenient(Locale)}
    id: int | None = None
    username: str | None = None
    locale: Locale | str | None = None
    email: str | None = None  # the seed's table lost this key's name ("str | user's email address"); "email" assumed
    primary_extension: int | None = None
    pin: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    displayname: str | None = None
    public: bool | None = None
    group_id: int | None = None
    identificator: str | None = None
    external_id: str | None = None
    filter_id: int | None = None
    number: str | None = None
    data: Any = None
    team_id: int | None = None
    active: bool | None = None
    wssip_device_id: int | None = None
    certificate: bool | None = None
    role_id: int | None = None
    channels: Any = None
    clid_number: str | None = None


@record
class QueueMembership(ApiRecord):
    """One queue an agent serves. The document's note on ``suspended`` reads inverted ("when set
    to false, processing ... is suspended"); its examples use true for a suspended membership,
    so :attr:`suspended` is kept exactly as the server sends it."""

    CONVERT = {"type": lenient(QueueType)}
    id: int | None = None
    type: QueueType | int | None = None
    priority: int | None = None
    suspended: bool | None = None


@record
class AgentQueues(ApiRecord):
    """An agent and the queues it serves (``GET /queues/agents``)."""

    CONVERT = {"queues": each(QueueMembership.from_api)}
    id: int | None = None
    name: str | None = None
    external_id: str | None = None
    queues: tuple[QueueMembership, ...] | None = None


@record
class QueueUpdateResult(ApiRecord):
    id: int | None = None
    success: bool | None = None
    message: str | None = None


@record
class AgentUpdateResult(ApiRecord):
    """The result for one agent of ``POST /queues/agents``: its own ``success`` and ``error``,
    and one :class:`QueueUpdateResult` per queue."""

    CONVERT = {"queues": each(QueueUpdateResult.from_api)}
    id: int | None = None
    external_id: str | None = None
    success: bool | None = None
    error: str | None = None
    queues: tuple[QueueUpdateResult, ...] | None = None

    @property
    def failed_queues(self) -> list[QueueUpdateResult]:
        return [queue for queue in self.queues or [] if queue.success is not True]


@record
class Contact(ApiRecord):
    CONVERT = {"type": lenient(ContactType)}
    id: int | None = None
    type: ContactType | int | None = None
    contact: str | None = None
    label: str | None = None


@record
class Person(ApiRecord):
    """A µCRM person. The list gives a few fields; the detail all of them."""

    CONVERT = {"contacts": each(Contact.from_api)}
    id: int | None = None
    group_id: int | None = None
    displayname: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    note: str | None = None
    external_id: str | None = None
    data: dict | None = None
    contacts: tuple[Contact, ...] | None = None
    interactions: tuple | None = None
    companies: tuple | None = None
    tasks: tuple | None = None


@record
class CompanyPerson(ApiRecord):
    person_id: int | None = None
    role: str | None = None


@record
class Company(ApiRecord):
    CONVERT = {"persons": each(CompanyPerson.from_api)}
    id: int | None = None
    group_id: int | None = None
    name: str | None = None
    external_id: str | None = None
    data: dict | None = None
    persons: tuple[CompanyPerson, ...] | None = None
    tasks: tuple | None = None


@dataclasses.dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a µCRM list: its items, and the total the server counts."""

    items: list[T]
    total: int | None
    limit: int
    offset: int
