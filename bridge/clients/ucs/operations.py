"""Every operation of UCS REST (seed 000) as a :class:`~bridge.clients.calls.Call`: the request
to send and the reader of its answer, no I/O. The clients (:mod:`.client`) run them.

Retries: reads, deletes, and the updates that set values (PATCH, metadata, shared data, queue
membership: sending the same one twice leaves the same state) are retryable. The creates
(``POST /user``, ``/crm/person``, ``/crm/company``) are not: a lost answer could mean a created
record, and a second one would be a duplicate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..calls import Call, Reply, segment
from ..errors import ApiError, InvalidArgument, MalformedResponseError
from .api import API, envelope, read_data
from .models import (AgentQueues, AgentUpdateResult, CallRecord, Company, Group, Page, Person, Queue, Role, Status,
                     Team, User, UserSummary)

# The document gives no default or maximum page size; we always send one.
DEFAULT_PAGE_SIZE = 500
MAX_PAGE_SIZE = 10_000


def _list_of(kind, operation: str):
    def read(reply: Reply) -> list:
        data = read_data(reply, missing=ApiError)
        if not isinstance(data, list):
            raise reply.error(MalformedResponseError, f"{operation}: data is not a list")
        return _records(reply, kind, data)
    return read


def _one(kind):
    def read(reply: Reply):
        return _record(reply, kind, read_data(reply))
    return read


def _record(reply: Reply, kind, item):
    try:
        return kind.from_api(item)
    except TypeError as error:
        raise reply.error(MalformedResponseError, str(error)) from None


def _records(reply: Reply, kind, items: list) -> list:
    # Each item, just parsed, is adopted uncopied (a 27,000-person walk reads every one).
    try:
        return kind.adopt_all(items)
    except TypeError as error:
        raise reply.error(MalformedResponseError, str(error)) from None


def _new_id(reply: Reply) -> int:
    data = read_data(reply, missing=ApiError)
    if isinstance(data, bool) or not isinstance(data, int):
        raise reply.error(MalformedResponseError, "a create answered no id")
    return data


def _nothing(reply: Reply) -> None:
    read_data(reply)


def _data(reply: Reply) -> Any:
    return read_data(reply)


def _object(reply: Reply) -> dict:
    data = read_data(reply)
    if not isinstance(data, dict):
        raise reply.error(MalformedResponseError, "data is not an object")
    return data


def _status(reply: Reply) -> Status:
    body = envelope(reply)
    return _record(reply, Status, body)


def _sendable(body: Any, what: str) -> Any:
    """``body`` if JSON can carry it. Checked here, before the call runs: a date or an object
    would otherwise fail after the login was sent, and a NaN would go out as invalid JSON."""
    try:
        json.dumps(body, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidArgument(f"{what}: the body is not JSON ({error})") from None
    return body


def _fields(fields: Any, what: str, required: tuple[str, ...] = ()) -> dict:
    if not isinstance(fields, Mapping) or not all(isinstance(key, str) for key in fields):
        raise InvalidArgument(f"{what}: the fields must be a mapping of attribute names to values")
    out = dict(fields)
    missing = [name for name in required if out.get(name) is None]
    if missing:
        raise InvalidArgument(f"{what}: {', '.join(missing)} required")
    return _sendable(out, what)


def _record_fields(fields: Any, what: str, required: tuple[str, ...] = ()) -> dict:
    # A record (User, Person...) may be passed where fields are: its to_api() is what is sent.
    if hasattr(fields, "to_api"):
        fields = fields.to_api()
    return _fields(fields, what, required)


def _count(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidArgument(f"{name} must be an integer from {low} to {high}")
    return value


def status() -> Call[Status]:
    return Call("status", "GET", f"{API}/status", _status)


def queues() -> Call[list[Queue]]:
    return Call("queues", "GET", f"{API}/queues", _list_of(Queue, "queues"))


def groups() -> Call[list[Group]]:
    return Call("groups", "GET", f"{API}/groups", _list_of(Group, "groups"))


def roles() -> Call[list[Role]]:
    return Call("roles", "GET", f"{API}/roles", _list_of(Role, "roles"))


def teams() -> Call[list[Team]]:
    return Call("teams", "GET", f"{API}/teams", _list_of(Team, "teams"))


def call_record(uniqueid: str) -> Call[CallRecord]:
    return Call("call", "GET", f"{API}/call/{segment(uniqueid)}", _one(CallRecord))


def metadata(uniqueid: str) -> Call[dict]:
    return Call("metadata.get", "GET", f"{API}/metadata/{segment(uniqueid)}", _object)


def update_metadata(uniqueid: str, changes: Mapping[str, Any]) -> Call[dict]:
    """Differential: the keys given are set, a key set to None is deleted, others are kept."""
    body = _fields(changes, "update_metadata")
    return Call("metadata.update", "POST", f"{API}/metadata/{segment(uniqueid)}", _object, json=body,
                idempotent=True)


def shared_data(identificator: str) -> Call[Any]:
    return Call("shared.get", "GET", f"{API}/shared/{segment(identificator)}", _data)


def update_shared_data(identificator: str, value: Any) -> Call[None]:
    """Overrides the whole value of ``identificator``."""
    return Call("shared.update", "POST", f"{API}/shared/{segment(identificator)}", _nothing,
                json=_sendable(value, "update_shared_data"), idempotent=True)


def users() -> Call[list[UserSummary]]:
    return Call("users.list", "GET", f"{API}/users", _list_of(UserSummary, "users"))


def _user_path(user_id: int | None = None, external_id: str | None = None) -> str:
    if external_id is not None:
        return f"{API}/user/external/{segment(external_id)}"
    return f"{API}/user/{segment(user_id)}"


def user(user_id: int) -> Call[User]:
    return Call("users.get", "GET", _user_path(user_id), _one(User))


def user_by_external_id(external_id: str) -> Call[User]:
    """``external_id`` is case-sensitive (the document warns)."""
    return Call("users.get", "GET", _user_path(external_id=external_id), _one(User))


def create_user(fields: Mapping[str, Any]) -> Call[int]:
    body = _record_fields(fields, "create_user", ("username", "group_id"))
    return Call("users.create", "POST", f"{API}/user", _new_id, json=body)


def update_user(user_id: int, fields: Mapping[str, Any]) -> Call[None]:
    """Raises ValidationError with ``fields`` = {attribute: message}; a refused update changes nothing."""
    return Call("users.update", "PATCH", _user_path(user_id), _nothing, json=_record_fields(fields, "update_user"),
                idempotent=True)


def update_user_by_external_id(external_id: str, fields: Mapping[str, Any]) -> Call[None]:
    return Call("users.update", "PATCH", _user_path(external_id=external_id), _nothing,
                json=_record_fields(fields, "update_user"), idempotent=True)


def delete_user(user_id: int) -> Call[None]:
    return Call("users.delete", "DELETE", _user_path(user_id), _nothing)


def delete_user_by_external_id(external_id: str) -> Call[None]:
    return Call("users.delete", "DELETE", _user_path(external_id=external_id), _nothing)


def queue_membership() -> Call[list[AgentQueues]]:
    return Call("queues.agents.get", "GET", f"{API}/queues/agents", _list_of(AgentQueues, "queues/agents"))


def _membership_item(agent: Any) -> dict:
    item = _record_fields(agent, "update_queue_membership")
    if item.get("id") is None and item.get("external_id") is None:
        raise InvalidArgument("update_queue_membership: each agent needs an id or an external_id")
    if not isinstance(item.get("queues"), (list, tuple)):
        raise InvalidArgument("update_queue_membership: each agent needs queues, a list (empty: no queue)")
    item["queues"] = [_record_fields(q, "update_queue_membership: a queue", ("id",)) for q in item["queues"]]
    return item


def update_queue_membership(agents: Iterable[Any]) -> Call[list[AgentUpdateResult]]:
    """Sets the queues of each agent given (others untouched). Partial success is normal: the
    result has one :class:`AgentUpdateResult` per agent, each with one result per queue; only a
    payload the server refuses as a whole raises."""
    if isinstance(agents, (str, bytes, Mapping)) or not isinstance(agents, Iterable):
        raise InvalidArgument("update_queue_membership: agents must be a list of AgentQueues (or mappings)")
    body = [_membership_item(agent) for agent in agents]
    return Call("queues.agents.update", "POST", f"{API}/queues/agents",
                _list_of(AgentUpdateResult, "queues/agents"), json=body, idempotent=True)


def _page(kind, operation: str, limit: int, offset: int):
    def read(reply: Reply) -> Page:
        body = envelope(reply)
        data = body.get("data")
        if not isinstance(data, list):
            raise reply.error(MalformedResponseError, f"{operation}: data is not a list")
        total = body.get("total")
        return Page(_records(reply, kind, data),
                    total if isinstance(total, int) and not isinstance(total, bool) else None, limit, offset)
    return read


def _list_call(operation: str, path: str, kind, limit: int, offset: int) -> Call[Page]:
    limit = _count(limit, "limit", 1, MAX_PAGE_SIZE)
    offset = _count(offset, "offset", 0, 2 ** 31 - 1)
    return Call(operation, "GET", path, _page(kind, operation, limit, offset),
                query=(("limit", str(limit)), ("offset", str(offset))))


def persons(limit: int = DEFAULT_PAGE_SIZE, offset: int = 0) -> Call[Page[Person]]:
    return _list_call("persons.list", f"{API}/crm/persons", Person, limit, offset)


def person(person_id: int) -> Call[Person]:
    return Call("persons.get", "GET", f"{API}/crm/person/{segment(person_id)}", _one(Person))


def person_by_external_id(external_id: str) -> Call[Person]:
    return Call("persons.get", "GET", f"{API}/crm/person/external/{segment(external_id)}", _one(Person))


def create_person(fields: Mapping[str, Any]) -> Call[int]:
    body = _record_fields(fields, "create_person", ("group_id",))
    return Call("persons.create", "POST", f"{API}/crm/person", _new_id, json=body)


def update_person(person_id: int, fields: Mapping[str, Any]) -> Call[None]:
    """``contacts``, when given, replace the person's contacts."""
    return Call("persons.update", "PATCH", f"{API}/crm/person/{segment(person_id)}", _nothing,
                json=_record_fields(fields, "update_person"), idempotent=True)


def delete_person(person_id: int) -> Call[None]:
    return Call("persons.delete", "DELETE", f"{API}/crm/person/{segment(person_id)}", _nothing)


def companies(limit: int = DEFAULT_PAGE_SIZE, offset: int = 0) -> Call[Page[Company]]:
    return _list_call("companies.list", f"{API}/crm/companies", Company, limit, offset)


def company(company_id: int) -> Call[Company]:
    return Call("companies.get", "GET", f"{API}/crm/company/{segment(company_id)}", _one(Company))


def company_by_external_id(external_id: str) -> Call[Company]:
    return Call("companies.get", "GET", f"{API}/crm/company/external/{segment(external_id)}", _one(Company))


def create_company(fields: Mapping[str, Any]) -> Call[int]:
    body = _record_fields(fields, "create_company", ("group_id",))
    return Call("companies.create", "POST", f"{API}/crm/company", _new_id, json=body)


def update_company(company_id: int, fields: Mapping[str, Any]) -> Call[None]:
    """``persons``, when given, replace the company's persons."""
    return Call("companies.update", "PATCH", f"{API}/crm/company/{segment(company_id)}", _nothing,
                json=_record_fields(fields, "update_company"), idempotent=True)


def delete_company(company_id: int) -> Call[None]:
    return Call("companies.delete", "DELETE", f"{API}/crm/company/{segment(company_id)}", _nothing)
