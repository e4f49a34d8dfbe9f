"""Every operation of XUC REST API 2.0 (seed 004) as a :class:`XucCall`: the request to send, the
reader of its answer, and the ACL it needs; no I/O. The clients (:mod:`.client`) run them.

Where the seed says two things, the request table wins over the curl example (the table is the
specification; the examples were copied between sections), and the choice is written at the call:
history is ``GET`` (its curl says ``-X POST``, but it reads), "create call qualification" is ``POST``
(its curl's ``-X GET`` without a body is read as a second endpoint: every answer, see
:func:`all_qualification_answers`), push registration is ``POST`` with ``{"token": ...}`` (the table's field says
``login``, its example and purpose say the push token), the qualification export is
``/call_qualification/csv/...`` (its curl leaves out ``csv``).

Retries: reads and deletes (GET, DELETE), the PUT, and the settings that set a state (DND, the
forwards: the same request twice leaves the same state). Dials, creates and imports are never
replayed: a lost answer may hide a call placed or a contact created.

CSV exports are returned as text (``str``, UTF-8 as the seed says): the caller writes it to a
file or hands it to :mod:`csv`; an export is one answer, read whole either way.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..calls import NO_BODY, Call, Reply, segment
from ..errors import ApiError, InvalidArgument, MalformedResponseError
from .api import API, LEGACY_API, needed_acl, raise_error
from .models import Contact, ContactImport, ContactList, HistoryEntry, Qualification

CONTACT_FIELDS = ("lastname", "firstname", "company", "email", "number", "mobile", "fax")
# The seed: "At least one of the following fields must be set: number, mobile, fax, email and
# lastname and/or firstname." Read as: one of these is set (a contact needs something to reach or name).
CONTACT_NEEDS_ONE_OF = ("number", "mobile", "fax", "email", "lastname", "firstname")
MAX_NUMBER_LENGTH = 64


@dataclass(frozen=True, repr=False)
class XucCall(Call):
    """A :class:`Call` and what XUC's ACLs say of it: ``acl`` the words of the ACL the request
    needs (None: the seed names none), ``web_service_only`` for the endpoints the seed reserves
    to web-service users."""

    acl: tuple[str, ...] | None = None
    web_service_only: bool = False


# --- input checks (before anything is sent) -------------------------------------------------

def _control(text: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in text)


def username(value: Any, field: str = "username") -> str:
    """A CTI username that goes into the URL: non-empty, no control character, no path separator."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"XUC: {field} must be a non-empty string")
    if _control(value) or "/" in value or "\\" in value or value in (".", ".."):
        raise InvalidArgument(f"XUC: {field} may not hold control characters, '/', '\\' or be a dot segment")
    return value


def phone_number(value: Any, field: str = "destination") -> str:
    """A number to dial or forward to: non-empty text, no control character, at most 64 characters
    (XUC itself strips what a dial cannot use: the seed's "phone number sanitization")."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"XUC: {field} must be a non-empty string")
    if _control(value) or len(value) > MAX_NUMBER_LENGTH:
        raise InvalidArgument(f"XUC: {field} may not hold control characters or be longer than {MAX_NUMBER_LENGTH}")
    return value


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip() or _control(value):
        raise InvalidArgument(f"XUC: {field} must be a non-empty string without control characters")
    return value


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"XUC: {field} must be True or False")
    return value


def _count(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgument(f"XUC: {field} must be a positive integer")
    return value


def _variables(value: Any) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and k for k in value):
        raise InvalidArgument("XUC: variables must be a mapping of names to values")
    return dict(value)


def _contact_fields(fields: Any, *, creating: bool) -> dict:
    if not isinstance(fields, Mapping):
        raise InvalidArgument("XUC: a contact is a mapping of its fields")
    unknown = sorted(set(fields) - set(CONTACT_FIELDS))
    if unknown:
        raise InvalidArgument(f"XUC: unknown contact fields {unknown} (known: {', '.join(CONTACT_FIELDS)})")
    for name, value in fields.items():
        if not isinstance(value, str) or _control(value):
            raise InvalidArgument(f"XUC: contact field {name} must be a string without control characters")
    if creating and not any(fields.get(name) for name in CONTACT_NEEDS_ONE_OF):
        raise InvalidArgument("XUC: a contact needs one of number, mobile, fax, email, lastname, firstname")
    return dict(fields)


def _csv_text(value: Any, field: str = "csv") -> str:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidArgument(f"XUC: {field} must be UTF-8 (the seed's encoding)") from None
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"XUC: {field} must be non-empty CSV text")
    return value


# --- readers ---------------------------------------------------------------------------------

def _body(reply: Reply) -> Any:
    try:
        body = reply.response.json() if reply.response.body else None
    except ValueError:
        body = None
    if not reply.response.ok:
        raise_error(reply, body)
    return body


def _success(reply: Reply) -> None:
    """``{"res": "success"}`` (or no body): None. A 2xx that says otherwise is an error too."""
    body = _body(reply)
    if isinstance(body, dict) and "res" in body and body["res"] != "success":
        raise reply.error(ApiError, f"the answer is not a success ({body.get('res')!r})",
                          vendor_code=body.get("error"), vendor_message=body.get("message"))


def _record(kind):
    def read(reply: Reply):
        try:
            return kind.from_api(_body(reply))
        except TypeError as error:
            raise reply.error(MalformedResponseError, str(error)) from None
    return read


def _records(kind, key: str | None = None):
    def read(reply: Reply) -> list:
        body = _body(reply)
        if key is not None and isinstance(body, dict):
            body = body.get(key)
        if not isinstance(body, list):
            raise reply.error(MalformedResponseError, "the answer is not a list")
        try:
            return kind.adopt_all(body)
        except TypeError as error:
            raise reply.error(MalformedResponseError, str(error)) from None
    return read


def _answers(reply: Reply) -> list[dict]:
    body = _body(reply)
    if not isinstance(body, list) or not all(isinstance(item, dict) for item in body):
        raise reply.error(MalformedResponseError, "the qualification answers are not a list of objects")
    return body


def _json(reply: Reply) -> Any:
    return _body(reply)


def _nothing(reply: Reply) -> None:
    _body(reply)


def _csv(reply: Reply) -> str:
    if not reply.response.ok:
        _body(reply)
    try:
        return reply.response.body.decode("utf-8-sig")  # the seed: "a csv file with UTF-8 encoding"
    except UnicodeDecodeError:
        raise reply.error(MalformedResponseError, "the CSV export is not UTF-8") from None


def _history(reply: Reply) -> list[HistoryEntry]:
    # 2.0: {"res": "success", "data": [...]} (the section's "Else" shape; the entries are those
    # the 1.0 answer shows). A bare list, as 1.0 answers, is read too.
    body = _body(reply)
    items = body.get("data") if isinstance(body, dict) else body
    if not isinstance(items, list):
        raise reply.error(MalformedResponseError, "the history answer holds no list of calls")
    try:
        return HistoryEntry.adopt_all(items)
    except TypeError as error:
        raise reply.error(MalformedResponseError, str(error)) from None


# --- personal contacts (CTI users: alias.ctiuser) ---------------------------------------------

def contacts() -> XucCall:
    return XucCall("contacts.list", "GET", API + "/contact/personal", _record(ContactList),
                   acl=needed_acl("xuc.rest.contact.personal.read"))


def contact(contact_id: str) -> XucCall:
    return XucCall("contacts.get", "GET", API + "/contact/personal/" + segment(_text(contact_id, "contact_id")),
                   _record(Contact), acl=needed_acl("xuc.rest.contact.personal.*.read", contact_id))


def create_contact(fields: Mapping[str, str]) -> XucCall:
    return XucCall("contacts.create", "POST", API + "/contact/personal", _record(Contact),
                   json=_contact_fields(fields, creating=True), acl=needed_acl("xuc.rest.contact.personal.create"))


def update_contact(contact_id: str, fields: Mapping[str, str]) -> XucCall:
    return XucCall("contacts.update", "PUT", API + "/contact/personal/" + segment(_text(contact_id, "contact_id")),
                   _record(Contact), json=_contact_fields(fields, creating=False),
                   acl=needed_acl("xuc.rest.contact.personal.*.update", contact_id))


def delete_contact(contact_id: str) -> XucCall:
    return XucCall("contacts.delete", "DELETE",
                   API + "/contact/personal/" + segment(_text(contact_id, "contact_id")), _nothing,
                   acl=needed_acl("xuc.rest.contact.personal.*.delete", contact_id))


def delete_all_contacts() -> XucCall:
    return XucCall("contacts.delete_all", "DELETE", API + "/contact/personal", _nothing,
                   acl=needed_acl("xuc.rest.contact.personal.delete"))


def export_contacts() -> XucCall:
    return XucCall("contacts.export", "GET", API + "/contact/export/personal", _csv,
                   headers=(("Accept", "text/csv, application/json;q=0.5"),),
                   acl=needed_acl("xuc.rest.contact.export.personal.read"))


def import_contacts(csv_text: str | bytes) -> XucCall:
    """The CSV as a multipart upload in the part ``file`` (``text/csv``), as the seed's curl
    sends it (``-F 'file=@...;type=text/csv'``)."""
    data = _csv_text(csv_text).encode("utf-8")
    boundary = f"xuc-{uuid.uuid4().hex}"
    content = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
               f"Content-Type: text/csv\r\n\r\n").encode("ascii") + data + f"\r\n--{boundary}--\r\n".encode("ascii")
    return XucCall("contacts.import", "POST", API + "/contact/import/personal", _record(ContactImport),
                   content=content, headers=(("Content-Type", f"multipart/form-data; boundary={boundary}"),),
                   acl=needed_acl("xuc.rest.contact.import.personal.create"))


# --- call qualifications, mobile push --------------------------------------------------------

def qualifications(queue_id: int | str) -> XucCall:
    return XucCall("qualifications.queue", "GET", API + "/call_qualification/queue/" + segment(queue_id),
                   _records(Qualification), acl=needed_acl("xuc.rest.call_qualification.queue.*.read", str(queue_id)))


def all_qualification_answers() -> XucCall:
    """Every call qualification answer: ``GET /call_qualification``, what the curl of the seed's
    "Create call qualifications" sends (``-X GET``, no body) and its example answer shows. The seed
    names no ACL for it (alias.ctiuser holds only ``xuc.rest.call_qualification.create``), so none
    is checked here: the server decides."""
    return XucCall("qualifications.all", "GET", API + "/call_qualification", _answers)


def create_qualification(answer: Mapping[str, Any]) -> XucCall:
    """A call qualification answer (``sub_qualification_id``, ``time``, ``callid``, ``agent``,
    ``queue``, ``first_name``, ``last_name``, ``comment``, ``custom_data``: the seed's example).
    POST as the seed's table says (its curl says GET)."""
    if not isinstance(answer, Mapping) or not answer:
        raise InvalidArgument("XUC: a qualification answer is a non-empty mapping")
    return XucCall("qualifications.create", "POST", API + "/call_qualification", _json, json=dict(answer),
                   acl=needed_acl("xuc.rest.call_qualification.create"))


def export_qualifications(queue_id: int | str, start: str, end: str) -> XucCall:
    """The CSV of a queue's qualification answers between ``start`` and ``end`` (the seed's
    ``${FROM}``/``${TO}``, sent as given)."""
    parts = (segment(queue_id), segment(_text(start, "start")), segment(_text(end, "end")))
    return XucCall("qualifications.export", "GET", API + "/call_qualification/csv/" + "/".join(parts), _csv,
                   headers=(("Accept", "text/csv, application/json;q=0.5"),),
                   acl=needed_acl("xuc.rest.call_qualification.csv.#.read", str(queue_id), start, end))


def register_push(push_token: str) -> XucCall:
    return XucCall("mobile.push_register", "POST", API + "/mobile/push/register", _json,
                   json={"token": _text(push_token, "push_token")}, acl=needed_acl("xuc.rest.mobile.push.register.create"))


# --- dial, DND, forwards (web-service users) ----------------------------------------------------

def dial_number(user: str, destination: str, variables: Mapping[str, Any] | None = None) -> XucCall:
    return XucCall("dial.number", "POST", API + "/dial/number/" + segment(username(user)), _success,
                   json={"destination": phone_number(destination), "variables": _variables(variables)},
                   acl=needed_acl("xuc.rest.dial.number.*.create", user), web_service_only=True)


def dial_user(user: str, target: str, variables: Mapping[str, Any] | None = None) -> XucCall:
    return XucCall("dial.user", "POST", API + "/dial/user/" + segment(username(user)), _success,
                   json={"username": username(target, "target"), "variables": _variables(variables)},
                   acl=needed_acl("xuc.rest.dial.user.*.create", user), web_service_only=True)


def dial_from_queue(user: str, destination: str, queue_id: int, variables: Mapping[str, Any] | None = None) -> XucCall:
    if isinstance(queue_id, bool) or not isinstance(queue_id, int):
        raise InvalidArgument("XUC: queue_id must be an integer (the seed's Int)")
    # The seed names xuc.rest.dial.fromqueue.create, without the username's word.
    return XucCall("dial.fromqueue", "POST", API + "/dial/fromqueue/" + segment(username(user)), _success,
                   json={"destination": phone_number(destination), "queueId": queue_id,
                         "variables": _variables(variables)},
                   acl=needed_acl("xuc.rest.dial.fromqueue.create"), web_service_only=True)


def dial_to_queue(destination: str, queue_name: str, caller_id_number: str,
                  variables: Mapping[str, Any] | None = None) -> XucCall:
    return XucCall("dial.toqueue", "POST", API + "/dial/toqueue", _success,
                   json={"destination": phone_number(destination), "queueName": _text(queue_name, "queue_name"),
                         "callerIdNumber": phone_number(caller_id_number, "caller_id_number"),
                         "variables": _variables(variables)},
                   acl=needed_acl("xuc.rest.dial.toqueue.create"), web_service_only=True)


def set_dnd(user: str, state: bool) -> XucCall:
    return XucCall("dnd.set", "POST", API + "/dnd/" + segment(username(user)), _success,
                   json={"state": _flag(state, "state")}, idempotent=True,
                   acl=needed_acl("xuc.rest.dnd.*.create", user), web_service_only=True)


FORWARDS = ("unconditional", "noanswer", "busy")


def _forward_destination(destination: Any, enabled: Any) -> str:
    # Turning a forward off needs no number: "" is sent then (the seed shows only enabling).
    if enabled is False and destination == "":
        return ""
    return phone_number(destination)


def set_forward(kind: str, user: str, destination: str, enabled: bool) -> XucCall:
    """One of the three forwards (``kind``: unconditional, noanswer, busy)."""
    if kind not in FORWARDS:
        raise InvalidArgument(f"XUC: a forward is one of {', '.join(FORWARDS)}")
    return XucCall(f"forward.{kind}", "POST", f"{API}/forward/{kind}/" + segment(username(user)), _success,
                   json={"destination": _forward_destination(destination, enabled), "enabled": _flag(enabled, "enabled")},
                   idempotent=True, acl=needed_acl(f"xuc.rest.forward.{kind}.*.create", user),
                   web_service_only=True)


# --- history, callbacks (web-service users) ----------------------------------------------------

def history(user: str, size: int) -> XucCall:
    # GET, as the seed's table says: its curl shows -X POST, but the call reads.
    return XucCall("history.size", "GET", API + "/history/" + segment(username(user)), _history,
                   query=(("size", _count(size, "size")),), acl=needed_acl("xuc.rest.history.*.read", user),
                   web_service_only=True)


def history_days(user: str, days: int) -> XucCall:
    # GET, as for history(): the curl's -X POST is not the table's method.
    return XucCall("history.days", "GET", API + "/history/days/" + segment(username(user)), _history,
                   query=(("days", _count(days, "days")),), acl=needed_acl("xuc.rest.history.days.*.read", user),
                   web_service_only=True)


def import_callbacks(list_uuid: str, csv_text: str | bytes) -> XucCall:
    """Callback requests as the seed sends them: ``Content-Type: text/json``, a JSON body whose
    ``csv`` is the CSV with its line breaks as ``\\n`` (JSON's escape of the newline; CRLF is
    made LF first)."""
    text = _csv_text(csv_text).replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    return XucCall("callbacks.import", "POST", API + "/callback_lists/callback_requests/csv", _success,
                   json={"listUuid": _text(list_uuid, "list_uuid"), "csv": text},
                   headers=(("Content-Type", "text/json"),),
                   acl=needed_acl("xuc.rest.callback_lists.callback_requests.csv.create"), web_service_only=True)


def export_callback_tickets(list_uuid: str) -> XucCall:
    # A POST that reads: the same export twice is the same file, so it may be retried.
    return XucCall("callbacks.export_tickets", "POST", API + "/callback_lists/callback_tickets/csv", _csv,
                   json={"listUuid": _text(list_uuid, "list_uuid")}, idempotent=True,
                   headers=(("Accept", "text/csv, application/json;q=0.5"),),
                   acl=needed_acl("xuc.rest.callback_lists.callback_tickets.csv.create"), web_service_only=True)


# --- the deprecated 1.0 API (no token: the server allows listed addresses) ----------------------

def _legacy(operation: str, path: str, body: dict | None = None, query=()) -> Call:
    return Call(f"legacy.{operation}", "POST" if body is not None else "GET", LEGACY_API + path, _json,
                json=body if body is not None else NO_BODY,
                query=query, authenticated=False)


def _domain_user(domain: str, user: str) -> str:
    return segment(_text(domain, "domain")) + "/" + segment(username(user))


def legacy_connect(domain: str, user: str, password: str) -> Call:
    return _legacy("connect", f"/connect/{_domain_user(domain, user)}/", {"password": _text(password, "password")})


def legacy_dnd(domain: str, user: str, state: bool) -> Call:
    return _legacy("dnd", f"/dnd/{_domain_user(domain, user)}/", {"state": _flag(state, "state")})


def legacy_dial(domain: str, user: str, number: str) -> Call:
    return _legacy("dial", f"/dial/{_domain_user(domain, user)}/", {"number": phone_number(number, "number")})


def legacy_dial_by_username(domain: str, user: str, target: str) -> Call:
    return _legacy("dial_by_username", f"/dialByUsername/{_domain_user(domain, user)}/",
                   {"username": username(target, "target")})


def legacy_dial_from_queue(domain: str, user: str, destination: str, queue_id: int, caller_id_name: str,
                           caller_id_number: str, variables: Mapping[str, Any] | None = None) -> Call:
    if isinstance(queue_id, bool) or not isinstance(queue_id, int):
        raise InvalidArgument("XUC: queue_id must be an integer")
    return _legacy("dial_from_queue", f"/dialFromQueue/{_domain_user(domain, user)}/",
                   {"destination": phone_number(destination), "queueId": queue_id,
                    "callerIdName": _text(caller_id_name, "caller_id_name"),
                    "callerIdNumber": phone_number(caller_id_number, "caller_id_number"),
                    "variables": _variables(variables)})


LEGACY_FORWARDS = {"unconditional": "uncForward", "noanswer": "naForward", "busy": "busyForward"}


def legacy_forward(kind: str, domain: str, user: str, state: bool, destination: str) -> Call:
    if kind not in LEGACY_FORWARDS:
        raise InvalidArgument(f"XUC: a forward is one of {', '.join(LEGACY_FORWARDS)}")
    return _legacy(f"forward.{kind}", f"/{LEGACY_FORWARDS[kind]}/{_domain_user(domain, user)}/",
                   {"state": _flag(state, "state"), "destination": phone_number(destination)})


def legacy_agent_login(agent_phone_number: str, agent_number: str) -> Call:
    return _legacy("agent_login", "/agentLogin/", {"agentphonenumber": phone_number(agent_phone_number,
                                                                                      "agent_phone_number"),
                                                    "agentnumber": _text(agent_number, "agent_number")})


def legacy_agent_logout(phone: str) -> Call:
    return _legacy("agent_logout", "/agentLogout/", {"phoneNumber": phone_number(phone, "phone_number")})


def legacy_toggle_pause(phone: str) -> Call:
    return _legacy("toggle_pause", "/togglePause/", {"phoneNumber": phone_number(phone, "phone_number")})


def legacy_history(domain: str, user: str, *, size: int | None = None, days: int | None = None) -> Call:
    if (size is None) == (days is None):
        raise InvalidArgument("XUC: history takes size or days, one of them")
    query = (("size", _count(size, "size")),) if size is not None else (("days", _count(days, "days")),)
    return Call("legacy.history", "GET", f"{LEGACY_API}/historyByUsername/{_domain_user(domain, user)}", _history,
                query=query, authenticated=False)
