"""A stateful fake of the UCS REST API (seed 000): OAuth login, status and enumerations, call
records and metadata, shared data, users, queue membership, µCRM persons and companies.

::

    fake = UcsFake()                                       # the seed's examples as its data
    client = httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url="https://ucs.test")
    token = client.post("/login/oauth2/token", json={"client_id": fake.client_id,
                        "client_secret": fake.client_secret, "grant_type": "client_credentials"})

What the seed leaves open, and what the fake does (each choice is also written where it is made):

- Expected errors answer 200 with ``success: false`` (the seed says so): an unknown record is
  ``{"success": false, "data": null, "error": "Unknown person id"}`` (the seed shows this shape
  only for queue membership; the fake uses it everywhere), a refused create or update is
  ``{"success": false, "data": {field: message}}`` (the seed's shape) and changes nothing.
- A missing, unknown or expired token answers 401 with an OAuth-shaped body (``error:
  "invalid_token"``, as RFC 6750 names it, plus the seed's ``error_description`` and
  ``error_uri``): the seed does not say what an expired token gets.
- A body that is not ``Content-Type: application/json`` answers 415; a body that is not JSON, or
  not the JSON the endpoint takes, answers 200 ``success: false``.
- Lists of persons and companies are ordered by display name (case-insensitive), then id: the
  seed's list examples are in that order. ``limit`` defaults to 100 (the seed gives no default)
  and has no maximum.
- A bug in the fake answers 500, as a UCS-side exception does, and prints its traceback to
  ``wsgi.errors``.
"""

from __future__ import annotations

import bisect
import copy
import hmac
import re
import secrets
import time
from datetime import datetime, timedelta, timezone
from typing import Callable

from . import ucs_fixtures as fixtures
from .faults import path_under
from .wsgi import BadRequest, FakeApp, Request, Response, reason

LOGIN_PATH = "/login/oauth2/token"
API = "/api/v1.0"
OAUTH_ERROR_URI = "https://www.oauth.com/oauth2-servers/access-tokens"
# The seed's example credentials.
DEFAULT_CLIENT_ID = "service_account_username_in_ucs"
DEFAULT_CLIENT_SECRET = "service_account_password_in_ucs"
# The seed's example answers "3610" (its text says the default configuration is 3600).
DEFAULT_EXPIRES_IN = 3610
DEFAULT_LIMIT = 100  # the seed names limit and offset but no default

# Synthetic records (persons=N, companies=N) get ids from here, above every fixture and above the
# ids the seed's create examples answer.
SYNTHETIC_ID_BASE = 1_000_000
_FIRST_NAMES = ("Jan", "Petr", "Jana", "Eva", "Tomáš", "Lucie", "Martin", "Kateřina", "Pavel", "Tereza")
_LAST_NAMES = ("Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Marek")

VALIDATION = "validation"  # the fail_validation knob's kind of rule

# -- attribute checks: each answers the seed-style message, or None when the value is good --------

# An external number: the seed refuses "cislo" with 'contain invalid character (invalid character "c")'.
PHONE_CHARACTERS = frozenset("0123456789+*#")
LOCALES = ("cs_CZ", "en_US", "sk_SK")
CONTACT_TYPES = (0, 1, 2, 3)  # general, phone number, e-mail address, web URL


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integer(value):
    return None if _is_integer(value) else "value must be integer number"  # the seed's message


def _string(value):
    return None if isinstance(value, str) else "value must be string"


def _name(value):
    return _string(value) or (None if value.strip() else "value must not be empty")


def _boolean(value):
    return None if isinstance(value, bool) else "value must be boolean"


def _object(value):
    return None if isinstance(value, dict) else "value must be object"


def _locale(value):
    return None if value in LOCALES else "value must be one of " + ", ".join(LOCALES)


def _phone(value):
    if not isinstance(value, str):
        return "value must be string"
    bad = next((c for c in value if c not in PHONE_CHARACTERS), None)
    return None if bad is None else f'contain invalid character (invalid character "{bad}")'


def _nullable(check):
    return lambda value: None if value is None else check(value)


def _items(check_item):
    def check(value):
        if not isinstance(value, list):
            return "value must be array"
        for index, item in enumerate(value):
            problem = check_item(item) if isinstance(item, dict) else "must be object"
            if problem:
                return f"item {index}: {problem}"
        return None
    return check


def _contact(item):
    # "id" is the association's, assigned by UCS: a client sending back what it read is not refused.
    unknown = set(item) - {"id", "type", "contact", "label"}
    if unknown:
        return f"unknown attribute {sorted(unknown)[0]}"
    if item.get("type") not in CONTACT_TYPES or isinstance(item.get("type"), bool):
        return "type must be one of 0, 1, 2, 3"
    if not isinstance(item.get("contact"), str) or not item["contact"]:
        return "contact must be a non-empty string"
    if item.get("label") is not None and not isinstance(item["label"], str):
        return "label must be string"
    return None


def _company_person(item):
    if set(item) - {"person_id", "role"}:
        return f"unknown attribute {sorted(set(item) - {'person_id', 'role'})[0]}"
    if not _is_integer(item.get("person_id")):
        return "person_id must be integer number"
    if item.get("role") is not None and not isinstance(item["role"], str):
        return "role must be string"
    return None


READ_ONLY = object()  # an attribute UCS answers but never takes

# The User table of the seed (its e-mail row lost its key: "email"). displayname is in the seed's
# detail but not in its table: UCS forms it (below), it is not written.
USER_ATTRIBUTES = {
    "id": READ_ONLY, "displayname": READ_ONLY,
    "username": _name, "password": _string, "locale": _locale, "email": _nullable(_string),
    "primary_extension": _nullable(_integer), "pin": _nullable(_string), "firstname": _nullable(_string),
    "lastname": _nullable(_string), "public": _boolean, "group_id": _integer, "identificator": _nullable(_string),
    "external_id": _nullable(_string), "filter_id": _nullable(_integer), "number": _nullable(_phone),
    "data": _object, "team_id": _nullable(_integer), "active": _boolean, "wssip_device_id": _nullable(_integer),
    "certificate": _boolean, "role_id": _nullable(_integer), "channels": _object, "clid_number": _nullable(_phone),
}
# The detail's keys in the seed's order, then the rest of the table; the password is never answered.
USER_DEFAULTS = {
    "id": None, "active": True, "external_id": None, "group_id": None, "role_id": None, "team_id": None,
    "locale": "en_US", "username": None, "firstname": None, "lastname": None, "displayname": None,
    "email": None, "primary_extension": None, "pin": None, "public": True, "identificator": None,
    "filter_id": None, "number": None, "data": {}, "wssip_device_id": None, "certificate": False,
    "channels": {}, "clid_number": None,
}

PERSON_ATTRIBUTES = {
    "id": READ_ONLY, "interactions": READ_ONLY, "companies": READ_ONLY, "tasks": READ_ONLY,
    "group_id": _integer, "displayname": _nullable(_string), "firstname": _nullable(_string),
    "lastname": _nullable(_string), "note": _nullable(_string), "external_id": _nullable(_string),
    "data": _object, "contacts": _items(_contact),
}
PERSON_DEFAULTS = {
    "id": None, "group_id": None, "displayname": None, "firstname": None, "lastname": None, "note": None,
    "external_id": None, "data": {}, "contacts": [], "interactions": [], "companies": [], "tasks": [],
}
PERSON_LIST_KEYS = ("id", "group_id", "displayname", "firstname", "lastname", "external_id")

COMPANY_ATTRIBUTES = {
    "id": READ_ONLY, "tasks": READ_ONLY,
    "group_id": _integer, "name": _nullable(_string), "external_id": _nullable(_string), "data": _object,
    "persons": _items(_company_person),
}
COMPANY_DEFAULTS = {"id": None, "group_id": None, "name": None, "external_id": None, "data": {}, "persons": [],
                    "tasks": []}
COMPANY_LIST_KEYS = ("id", "group_id", "name", "external_id")

# The queue membership an agent gets when added without a priority: the seed's team defaults
# (default_inbound_priority, default_email_priority, default_task_priority) are all 100.
DEFAULT_QUEUE_PRIORITY = 100

# A call record's keys: those of the seed's record.
CALL_KEYS = tuple(fixtures.CALLS[0])
_UNIQUEID = re.compile(r"[0-9]{1,12}\.[0-9]{1,9}")
_DIGITS = re.compile(r"[0-9]+")
_DATE = "%Y-%m-%d %H:%M:%S"


class _Refused(Exception):
    """A handler's early answer (an unknown record, a bad body...)."""

    def __init__(self, response: Response):
        super().__init__(response.status)
        self.response = response


def _ok(data, **extra) -> Response:
    return Response.json(200, {"success": True, "data": data, **extra})


def _error(message: str, status: int = 200) -> Response:
    return Response.json(status, {"success": False, "data": None, "error": message})


def _not_allowed(methods) -> Response:
    return Response.json(405, {"success": False, "data": None, "error": "Method Not Allowed"},
                         [("Allow", ", ".join(methods))])


def _invalid(errors: dict) -> Response:
    return Response.json(200, {"success": False, "data": errors})  # the seed's shape: no "error" key


def _oauth_error(status: int, error: str, description: str, headers=None) -> Response:
    return Response.json(status, {"error": error, "error_description": description, "error_uri": OAUTH_ERROR_URI},
                         headers)


class _Table:
    """Records by id, an index by external_id (case-sensitive, as the seed warns), and for the
    paged lists the order they are listed in."""

    def __init__(self, defaults: dict, first_new_id: int, sort_field: str | None = None):
        self.defaults = defaults
        self.sort_field = sort_field
        self._next_id = first_new_id
        self.records: dict[int, dict] = {}
        self.by_external: dict[str, int] = {}
        self.order: list[tuple[str, int]] = []  # (sort key, id), sorted

    def _key(self, record: dict) -> tuple[str, int]:
        return ((record.get(self.sort_field) or "").casefold(), record["id"])

    def load(self, records) -> None:
        """Add many records at once (fixtures, synthetic records): one sort."""
        for record in records:
            self.records[record["id"]] = record
            if record.get("external_id") is not None:
                self.by_external[record["external_id"]] = record["id"]
        if self.sort_field:
            self.order = sorted(self._key(record) for record in self.records.values())
        self._next_id = max(self._next_id, max(self.records, default=0) + 1)

    def add(self, record: dict) -> None:
        self.records[record["id"]] = record
        if record.get("external_id") is not None:
            self.by_external[record["external_id"]] = record["id"]
        if self.sort_field:
            bisect.insort(self.order, self._key(record))

    def update(self, record: dict, changes: dict) -> None:
        if self.sort_field:
            del self.order[bisect.bisect_left(self.order, self._key(record))]
        if "external_id" in changes:
            self.by_external.pop(record.get("external_id"), None)
        record.update(changes)
        if record.get("external_id") is not None:
            self.by_external[record["external_id"]] = record["id"]
        if self.sort_field:
            bisect.insort(self.order, self._key(record))

    def remove(self, record: dict) -> None:
        if self.sort_field:
            del self.order[bisect.bisect_left(self.order, self._key(record))]
        self.by_external.pop(record.get("external_id"), None)
        del self.records[record["id"]]

    def find(self, params: dict, noun: str) -> dict:
        """The record the path names (``…/{id}`` or ``…/external/{external_id}``), else refused."""
        if "external_id" in params:
            record_id = self.by_external.get(params["external_id"])
            missing = f"Unknown {noun} external_id"
        else:
            raw = params["id"]
            record_id = int(raw) if _DIGITS.fullmatch(raw) else None
            missing = f"Unknown {noun} id"
        record = self.records.get(record_id)
        if record is None:
            raise _Refused(_error(missing))
        return record

    def detail(self, record: dict) -> dict:
        return {key: record.get(key, default) for key, default in self.defaults.items()}

    def new_id(self) -> int:
        """An id never used before (a deleted record's id is not given again, as a database
        sequence would not)."""
        self._next_id += 1
        return self._next_id - 1


# (path under /api/v1.0, {method: handler}). A placeholder matches the rest of the path, "/"
# included (an external_id may hold one, percent-encoded); the first pattern that matches the path
# decides, so ".../external/{external_id}" comes before ".../{id}".
ROUTES = [
    ("/status", {"GET": "_status"}),
    ("/queues", {"GET": "_queues"}),
    ("/groups", {"GET": "_groups"}),
    ("/roles", {"GET": "_roles"}),
    ("/teams", {"GET": "_teams"}),
    ("/call/{uniqueid}", {"GET": "_call"}),
    ("/metadata/{uniqueid}", {"GET": "_metadata", "POST": "_update_metadata"}),
    ("/shared/{identifier}", {"GET": "_shared", "POST": "_update_shared"}),
    ("/users", {"GET": "_users"}),
    ("/user", {"POST": "_create_user"}),
    ("/user/external/{external_id}", {"GET": "_user", "PATCH": "_update_user", "DELETE": "_delete_user"}),
    ("/user/{id}", {"GET": "_user", "PATCH": "_update_user", "DELETE": "_delete_user"}),
    ("/queues/agents", {"GET": "_membership", "POST": "_update_membership"}),
    ("/crm/persons", {"GET": "_persons"}),
    ("/crm/person", {"POST": "_create_person"}),
    ("/crm/person/external/{external_id}", {"GET": "_person"}),
    ("/crm/person/{id}", {"GET": "_person", "PATCH": "_update_person", "DELETE": "_delete_person"}),
    ("/crm/companies", {"GET": "_companies"}),
    ("/crm/company", {"POST": "_create_company"}),
    ("/crm/company/external/{external_id}", {"GET": "_company"}),
    ("/crm/company/{id}", {"GET": "_company", "PATCH": "_update_company", "DELETE": "_delete_company"}),
]
_COMPILED = [(re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>.+)", template)), methods) for template, methods in ROUTES]
# Every (method, path) the fake answers, as the seed's headings write them.
ENDPOINTS = [("POST", LOGIN_PATH)] + [(method, API + template) for template, methods in ROUTES for method in methods]


class UcsFake(FakeApp):
    """The UCS REST API, in memory, seeded with the vendor document's examples.

    :param client_id: the OAuth client (a UCS superuser's username) the fake takes.
    :param client_secret: its password.
    :param expires_in: seconds a token lives; answered as a string (``"3610"``), as the seed does.
    :param clock: seconds, for token expiry (``time.monotonic``; a test passes its own to expire
        a token without waiting).
    :param persons: how many synthetic µCRM persons to add (deterministic: person ``n``, from 1,
        has id ``1_000_000 + n`` and external_id ``"synthetic-{n}"``), for paging at scale.
    :param companies: the same for companies (external_id ``"synthetic-company-{n}"``).
    :param cors_origin: one exact origin a browser page may call the fake from (CORS), or None.

    Knobs, besides :class:`~bridge.testing.fakes.faults.Faults`' ``fail_next``, ``slow`` and
    ``clear_faults``: :meth:`expire_tokens`, :meth:`fail_validation`; :meth:`add_call` registers
    a call record. State, to read in tests (change it through requests): ``users``,
    ``persons``, ``companies`` (id -> record), ``calls`` (uniqueid -> record), ``shared``,
    ``membership`` (user id -> memberships), ``queues`` (id -> queue).
    """

    LOGIN_PATH = LOGIN_PATH
    CORS_METHODS = "GET, POST, PATCH, DELETE"

    def __init__(self, *, client_id: str = DEFAULT_CLIENT_ID, client_secret: str = DEFAULT_CLIENT_SECRET,
                 expires_in: int = DEFAULT_EXPIRES_IN, clock: Callable[[], float] = time.monotonic,
                 persons: int = 0, companies: int = 0, cors_origin: str | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(cors_origin=cors_origin, sleep=sleep)
        for name, value in (("client_id", client_id), ("client_secret", client_secret)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string")
        for name, value, least in (("expires_in", expires_in, 1), ("persons", persons, 0), ("companies", companies, 0)):
            if not _is_integer(value) or value < least:
                raise ValueError(f"{name} must be an integer >= {least}; got {value!r}")
        if not callable(clock):
            raise ValueError("clock must be a function answering seconds")
        self.client_id, self.client_secret, self.expires_in = client_id, client_secret, expires_in
        self._clock = clock
        self._tokens: dict[str, float] = {}  # access token -> when it expires (clock seconds)

        data = copy.deepcopy
        self.status = data(fixtures.STATUS)
        self.queues = {queue["id"]: queue for queue in data(fixtures.QUEUES)}
        self.groups, self.roles, self.teams = data(fixtures.GROUPS), data(fixtures.ROLES), data(fixtures.TEAMS)
        self.calls = {call["uniqueid"]: call for call in data(fixtures.CALLS)}
        self.shared = data(fixtures.SHARED)
        self.membership = data(fixtures.MEMBERSHIP)
        self._user_table = _Table(USER_DEFAULTS, fixtures.FIRST_NEW_USER_ID)
        self._user_table.load(data(fixtures.USERS))
        self._person_table = _Table(PERSON_DEFAULTS, fixtures.FIRST_NEW_PERSON_ID, "displayname")
        self._person_table.load(data(fixtures.PERSONS) + list(_synthetic_persons(persons)))
        self._company_table = _Table(COMPANY_DEFAULTS, 1, "name")
        self._company_table.load(data(fixtures.COMPANIES) + list(_synthetic_companies(companies)))
        self._next_contact_id = 1 + max((c["id"] for p in self._person_table.records.values()
                                         for c in p.get("contacts", ())), default=0)

    @property
    def users(self) -> dict[int, dict]:
        return self._user_table.records

    @property
    def persons(self) -> dict[int, dict]:
        return self._person_table.records

    @property
    def companies(self) -> dict[int, dict]:
        return self._company_table.records

    # -- knobs -------------------------------------------------------------------------------------

    def expire_tokens(self) -> None:
        """Every access token issued so far answers 401 from now on ("The access token expired");
        a new login gets a good one."""
        with self._lock:
            self._tokens = dict.fromkeys(self._tokens, float("-inf"))

    def fail_validation(self, errors: dict[str, str], times: int = 1, *, path: str | None = None) -> None:
        """Refuse the next ``times`` creates or updates (``POST /user``, ``/crm/person``,
        ``/crm/company``, any ``PATCH``; under ``path`` if given) with ``{"success": false,
        "data": errors}``, changing nothing, whatever they carried."""
        if not isinstance(errors, dict) or not errors or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in errors.items()):
            raise ValueError("errors must be a non-empty dict of attribute name -> message")
        self._arm(VALIDATION, dict(errors), times, path)

    def add_call(self, uniqueid: str, /, **fields) -> dict:
        """Register a finished call's record (CDR), as ``GET /call/{uniqueid}`` will answer it; a copy.

        ``uniqueid`` is Asterisk's ``"<UNIX start time>.<sequence>"``. ``fields`` are any of the
        seed's call record keys (:data:`CALL_KEYS`); the rest are the seed's example call (an
        inbound call from a trunk, answered by Bob), with the times and durations worked out
        from the uniqueid: ``calldate`` is its start time (UTC), ``connected`` ``ring_time``
        (4) seconds later, ``disconnected`` ``duration`` (60) seconds after that;
        ``talk_time`` and ``recording_duration`` are the duration (the latter 0 without a
        recording); ``cause`` 3 (the seed's example, a call answered and hung up: the seed has
        no table of causes); no metadata; a path of three steps (trunk in, answered, hang-up).
        """
        if not isinstance(uniqueid, str) or not _UNIQUEID.fullmatch(uniqueid):
            raise ValueError(f'uniqueid must be "<UNIX time>.<sequence>" like "1723018607.115"; got {uniqueid!r}')
        unknown = set(fields) - set(CALL_KEYS) | ({"uniqueid"} & set(fields))
        if unknown:
            raise ValueError(f"unknown call record fields: {', '.join(sorted(unknown))} (known: {', '.join(CALL_KEYS)})")
        for name in ("duration", "ring_time"):
            if name in fields and (not _is_integer(fields[name]) or fields[name] < 0):
                raise ValueError(f"{name} must be whole seconds >= 0")
        if not isinstance(fields.get("metadata", {}), dict):
            raise ValueError("metadata must be a dict")
        record = _call_record(uniqueid, copy.deepcopy(fields))
        with self._lock:
            if uniqueid in self.calls:
                raise ValueError(f"a call {uniqueid} is already registered")
            self.calls[uniqueid] = record
            return copy.deepcopy(record)

    # -- the pipeline's hooks ----------------------------------------------------------------------

    def _token_problem(self, request: Request) -> str | None:
        """Why the request's bearer token is not taken, or None."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return "The request has no Bearer access token"
        expires = self._tokens.get(token)
        if expires is None:
            return "Unknown access token"
        if self._clock() >= expires:
            return "The access token expired"
        return None

    def _authorized(self, request: Request) -> bool:
        return self._token_problem(request) is None

    def _fault_answer(self, request: Request, status: int) -> Response:
        phrase = reason(status)
        if request.path == LOGIN_PATH:
            if status == 401:
                return _oauth_error(401, "invalid_client", "Invalid username or password")
            error = {403: "access_denied", 429: "temporarily_unavailable", 503: "temporarily_unavailable"}.get(
                status, "server_error" if status >= 500 else "invalid_request")
            return _oauth_error(status, error, phrase)
        if status == 401:
            return _oauth_error(401, "invalid_token", "The access token is not accepted",
                                [("WWW-Authenticate", 'Bearer error="invalid_token"')])
        return _error(phrase, status)

    def _handle(self, request: Request) -> Response:
        if request.path == LOGIN_PATH:
            return self._login(request) if request.method == "POST" else _not_allowed(("POST",))
        if not path_under(request.path, API):
            return _error("Unknown endpoint", 404)
        problem = self._token_problem(request)
        if problem:
            return _oauth_error(401, "invalid_token", problem, [("WWW-Authenticate", 'Bearer error="invalid_token"')])
        rest = request.path[len(API):]
        for pattern, methods in _COMPILED:
            match = pattern.fullmatch(rest)
            if match:
                break
        else:
            return _error("Unknown endpoint", 404)
        handler = methods.get(request.method)
        if handler is None:
            return _not_allowed(methods)
        try:
            return getattr(self, handler)(request, **match.groupdict())
        except _Refused as refused:
            return refused.response

    # -- OAuth -------------------------------------------------------------------------------------

    def _login(self, request: Request) -> Response:
        # The seed sends JSON. A form-encoded body (what many OAuth servers take) is a bad request.
        if request.content_type != "application/json":
            return _oauth_error(400, "invalid_request", "The body must be JSON (Content-Type: application/json)")
        try:
            body = request.json()
        except BadRequest:
            body = None
        if not isinstance(body, dict):
            return _oauth_error(400, "invalid_request", "The body must be a JSON object")
        if body.get("grant_type") != "client_credentials":
            return _oauth_error(400, "invalid_request", 'We support only "client_credentials" grant type')
        client_id, secret = body.get("client_id"), body.get("client_secret")
        if not isinstance(client_id, str) or not isinstance(secret, str):
            return _oauth_error(400, "invalid_request", "client_id and client_secret must be strings")
        good_id = hmac.compare_digest(client_id.encode(), self.client_id.encode())
        good_secret = hmac.compare_digest(secret.encode(), self.client_secret.encode())
        if not (good_id and good_secret):
            return _oauth_error(401, "invalid_client", "Invalid username or password")
        token = secrets.token_urlsafe(39)  # 52 characters, as long as the seed's example token
        self._tokens[token] = self._clock() + self.expires_in
        return Response.json(200, {"access_token": token, "token_type": "Bearer", "expires_in": str(self.expires_in)},
                             [("Cache-Control", "no-store")])

    # -- status and enumerations -------------------------------------------------------------------

    def _status(self, request):
        return Response.json(200, self.status)

    def _queues(self, request):
        return _ok(list(self.queues.values()))

    def _groups(self, request):
        return _ok(self.groups)

    def _roles(self, request):
        return _ok(self.roles)

    def _teams(self, request):
        return _ok(self.teams)

    # -- calls and shared data ---------------------------------------------------------------------

    def _find_call(self, uniqueid: str) -> dict:
        call = self.calls.get(uniqueid)
        if call is None:
            raise _Refused(_error("Unknown call uniqueid"))
        return call

    def _call(self, request, uniqueid):
        return _ok(self._find_call(uniqueid))

    def _metadata(self, request, uniqueid):
        return _ok(self._find_call(uniqueid)["metadata"])

    def _update_metadata(self, request, uniqueid):
        call = self._find_call(uniqueid)
        changes = _payload(request, dict)
        metadata = call["metadata"]
        for key, value in changes.items():  # differential: null deletes, absent keys stay
            if value is None:
                metadata.pop(key, None)
            else:
                metadata[key] = value
        return _ok(metadata)

    def _shared(self, request, identifier):
        # The seed does not say what an identifier never written answers: an expected error.
        if identifier not in self.shared:
            return _error("Unknown shared data identifier")
        return _ok(self.shared[identifier])

    def _update_shared(self, request, identifier):
        self.shared[identifier] = _payload(request, object)
        return _ok(None)

    # -- users -------------------------------------------------------------------------------------

    def _users(self, request):
        return _ok([{"id": u["id"], "name": u.get("displayname"), "external_id": u.get("external_id")}
                    for u in sorted(self._user_table.records.values(), key=lambda u: u["id"])])

    def _user(self, request, **params):
        return _ok(self._user_table.detail(self._user_table.find(params, "user")))

    def _create_user(self, request):
        payload = self._checked(request, self._user_table, USER_ATTRIBUTES, None, required=("username", "group_id"))
        record = {"id": self._user_table.new_id(), **payload}
        record["displayname"] = _user_displayname(record)
        self._user_table.add(record)
        return _ok(record["id"])

    def _update_user(self, request, **params):
        user = self._user_table.find(params, "user")
        changes = self._checked(request, self._user_table, USER_ATTRIBUTES, user)
        if {"username", "firstname", "lastname"} & set(changes):
            changes["displayname"] = _user_displayname({**user, **changes})
        self._user_table.update(user, changes)
        return _ok(None)

    def _delete_user(self, request, **params):
        user = self._user_table.find(params, "user")
        self._user_table.remove(user)
        self.membership.pop(user["id"], None)
        # "The reference will be canceled in the call history, but the records remain."
        for call in self.calls.values():
            for key in ("src_user_id", "dst_user_id"):
                if call.get(key) == user["id"]:
                    call[key] = None
        return _ok(None)

    # -- queue membership --------------------------------------------------------------------------

    def _membership(self, request):
        return _ok([
            {"id": user_id, "name": self.users[user_id].get("displayname"),
             "external_id": self.users[user_id].get("external_id"),
             "queues": [{"id": m["id"], "type": self.queues[m["id"]]["type"], "priority": m["priority"],
                         "suspended": m["suspended"]} for m in memberships]}
            for user_id, memberships in sorted(self.membership.items()) if user_id in self.users
        ])

    def _update_membership(self, request):
        agents = _payload(request, list)
        if not all(isinstance(agent, dict) for agent in agents):
            return _error("Payload must be an array of AgentQueues objects")
        return _ok([self._update_agent(agent) for agent in agents])

    def _update_agent(self, agent: dict) -> dict:
        """One AgentQueues item's result. Each queue item's result carries its text in
        ``message``: the seed writes it as a bare string (``{"id": 146, "success": true, "Nothing
        to change"}``, not JSON); the fake names it ``message``."""
        # "If they are given both attributes, then the id attribute is used."
        if "id" in agent:
            identity, user = {"id": agent["id"]}, self.users.get(agent["id"]) if _is_integer(agent["id"]) else None
            unknown = "Unknown agent id"
        elif "external_id" in agent:
            external_id = agent["external_id"]
            identity, unknown = {"external_id": external_id}, "Unknown agent external_id"
            user = self.users.get(self._user_table.by_external.get(external_id)) if isinstance(external_id, str) else None
        else:
            return {"success": False, "error": "Agent id or external_id is required", "queues": []}
        if user is None:
            return {**identity, "success": False, "error": unknown, "queues": []}
        queues = agent.get("queues")
        if not isinstance(queues, list):
            return {**identity, "success": False, "error": "queues must be an array", "queues": []}
        current = {m["id"]: m for m in self.membership.get(user["id"], [])}
        kept, results, listed = [], [], set()
        for item in queues:
            queue_id = item.get("id") if isinstance(item, dict) else None
            problem = _membership_problem(item, self.queues, listed)
            if problem:
                results.append({"id": queue_id, "success": False, "message": problem})
                if _is_integer(queue_id) and queue_id in current and queue_id not in listed:
                    kept.append(current[queue_id])  # listed, so not removed; refused, so unchanged
                    listed.add(queue_id)
                continue
            listed.add(queue_id)
            old = current.get(queue_id)
            base = old or {"id": queue_id, "priority": DEFAULT_QUEUE_PRIORITY, "suspended": False}
            new = {"id": queue_id, "priority": item.get("priority", base["priority"]),
                   "suspended": item.get("suspended", base["suspended"])}
            kept.append(new)
            message = ("Agent added into queue" if old is None
                       else "Nothing to change" if new == old else "Agent membership updated")
            results.append({"id": queue_id, "success": True, "message": message})
        # "To delete membership from a queue, the queue is dropped from the field."
        results += [{"id": queue_id, "success": True, "message": "Agent removed from queue"}
                    for queue_id in current if queue_id not in listed]
        self.membership[user["id"]] = kept
        return {**identity, "success": True, "queues": results}

    # -- µCRM --------------------------------------------------------------------------------------

    def _persons(self, request):
        return self._page(request, self._person_table, PERSON_LIST_KEYS)

    def _companies(self, request):
        return self._page(request, self._company_table, COMPANY_LIST_KEYS)

    def _page(self, request: Request, table: _Table, keys: tuple) -> Response:
        query = request.query
        bounds = []
        for name, default in (("limit", DEFAULT_LIMIT), ("offset", 0)):
            values = query.get(name)
            if not values:
                bounds.append(default)
            elif len(values) == 1 and _DIGITS.fullmatch(values[0]):
                bounds.append(int(values[0]))
            else:
                return _error(f"{name} must be a non-negative integer")
        limit, offset = bounds
        records = table.records
        page = [{key: records[record_id].get(key) for key in keys}
                for _, record_id in table.order[offset:offset + limit]]
        return _ok(page, total=len(records))

    def _person(self, request, **params):
        person = self._person_table.find(params, "person")
        detail = self._person_table.detail(person)
        # Read-only, and not in the seed's example (it shows []): the companies listing this
        # person, in the CompanyPerson shape with the company's id.
        detail["companies"] = [{"company_id": company["id"], "role": link.get("role")}
                               for company in self.companies.values() for link in company.get("persons", ())
                               if link["person_id"] == person["id"]]
        return _ok(detail)

    def _create_person(self, request):
        payload = self._checked(request, self._person_table, PERSON_ATTRIBUTES, None, required=("group_id",))
        record = {"id": self._person_table.new_id(), **self._with_contact_ids(payload)}
        self._person_table.add(record)
        return _ok(record["id"])

    def _update_person(self, request, **params):
        person = self._person_table.find(params, "person")
        changes = self._checked(request, self._person_table, PERSON_ATTRIBUTES, person)
        self._person_table.update(person, self._with_contact_ids(changes))  # contacts, when given, replace them all
        return _ok(None)

    def _delete_person(self, request, **params):
        # Companies keep naming a deleted person: their persons are not checked against the
        # persons (the seed's company 10764 names person 123456 before its create example and
        # after its delete example).
        self._person_table.remove(self._person_table.find(params, "person"))
        return _ok(None)

    def _company(self, request, **params):
        return _ok(self._company_table.detail(self._company_table.find(params, "company")))

    def _create_company(self, request):
        payload = self._checked(request, self._company_table, COMPANY_ATTRIBUTES, None, required=("group_id",))
        record = {"id": self._company_table.new_id(), **_company_links(payload)}
        self._company_table.add(record)
        return _ok(record["id"])

    def _update_company(self, request, **params):
        company = self._company_table.find(params, "company")
        changes = self._checked(request, self._company_table, COMPANY_ATTRIBUTES, company)
        self._company_table.update(company, _company_links(changes))  # persons, when given, replace them all
        return _ok(None)

    def _delete_company(self, request, **params):
        self._company_table.remove(self._company_table.find(params, "company"))
        return _ok(None)

    # -- writes ------------------------------------------------------------------------------------

    def _checked(self, request: Request, table: _Table, attributes: dict, record: dict | None,
                 required: tuple = ()) -> dict:
        """The body of a create (``record`` None) or an update, once every attribute is good;
        else refused with every bad attribute's message, and nothing is changed."""
        payload = _payload(request, dict)
        injected = self._take(VALIDATION, request.path)
        if injected is not None:
            raise _Refused(_invalid(injected))
        errors = {}
        for key, value in payload.items():
            check = attributes.get(key)
            if check is None:
                errors[key] = "unknown attribute"
            elif check is READ_ONLY:
                errors[key] = "read-only attribute"
            else:
                problem = check(value)
                if problem:
                    errors[key] = problem
        for key in required:
            if payload.get(key) is None:
                errors[key] = "value is required"
        if "group_id" not in errors and "group_id" in payload and payload["group_id"] not in {
                group["id"] for group in self.groups}:
            # group_id is checked against the groups (the seed makes it the one mandatory
            # reference); team_id and role_id are not: the seed's own update example names team 1,
            # which its team list does not have.
            errors["group_id"] = "value must be an existing group id"
        external_id = payload.get("external_id")
        if "external_id" not in errors and external_id is not None:
            owner = table.by_external.get(external_id)
            if owner is not None and (record is None or owner != record["id"]):
                errors["external_id"] = "value already exists"
        if table is self._user_table and "username" not in errors and "username" in payload:
            taken = {u["username"].casefold() for u in self.users.values() if record is None or u is not record}
            if payload["username"].casefold() in taken:  # "login name (case-insensitive)"
                errors["username"] = "value already exists"
        if errors:
            raise _Refused(_invalid(errors))
        return payload

    def _with_contact_ids(self, changes: dict) -> dict:
        if "contacts" not in changes:
            return changes
        contacts = []
        for contact in changes["contacts"]:
            contacts.append({"id": self._next_contact_id, "type": contact["type"], "contact": contact["contact"],
                             "label": contact.get("label")})
            self._next_contact_id += 1
        return {**changes, "contacts": contacts}


def _company_links(changes: dict) -> dict:
    if "persons" not in changes:
        return changes
    return {**changes, "persons": [{"person_id": p["person_id"], "role": p.get("role")} for p in changes["persons"]]}


def _payload(request: Request, kind: type):
    """The JSON body, when it is a ``kind`` (dict, list, or object for any value); else refused."""
    if request.content_type != "application/json":
        raise _Refused(_error("Content-Type must be application/json", 415))
    try:
        payload = request.json()
    except BadRequest as error:
        raise _Refused(_error(f"Payload is not valid: {error}")) from None
    if kind is not object and not isinstance(payload, kind):
        raise _Refused(_error(f"Payload must be a JSON {'object' if kind is dict else 'array'}"))
    return payload


def _membership_problem(item, queues: dict, listed: set) -> str | None:
    if not isinstance(item, dict) or not _is_integer(item.get("id")):
        return "Queue id must be integer number"
    if item["id"] not in queues:
        return "Unknown queue id"
    if item["id"] in listed:
        return "Queue listed twice"
    # "type" is the queue's: a client sending back what the overview answered is not refused.
    unknown = set(item) - {"id", "priority", "suspended", "type"}
    if unknown:
        return f"Unknown attribute {sorted(unknown)[0]}"
    if "priority" in item and (not _is_integer(item["priority"]) or not 1 <= item["priority"] <= 100):
        return "priority must be integer number from 1 to 100"
    if "suspended" in item and not isinstance(item["suspended"], bool):
        return "suspended must be boolean"
    return None


def _user_displayname(user: dict) -> str:
    """How the fake forms a displayname: first and last name, else the username. (The seed does
    not say; its admin, firstname "null" and displayname "admin", keeps the fixture's.)"""
    names = [name for name in (user.get("firstname"), user.get("lastname")) if name]
    return " ".join(names) or user["username"]


def _call_record(uniqueid: str, fields: dict) -> dict:
    record = copy.deepcopy(fixtures.CALLS[0])
    record.update(uniqueid=uniqueid, metadata={}, duration=60)
    record.update(fields)
    start = datetime.fromtimestamp(int(uniqueid.split(".")[0]), timezone.utc)
    connected = start + timedelta(seconds=record["ring_time"])
    derived = {
        "calldate": start.strftime(_DATE), "connected": connected.strftime(_DATE),
        "disconnected": (connected + timedelta(seconds=record["duration"])).strftime(_DATE),
        "talk_time": record["duration"],
        "recording_duration": record["duration"] if record["recording"] else 0,
    }
    for key, value in derived.items():
        if key not in fields:
            record[key] = value
    if "path" not in fields:
        # The step types as the seed's example path uses them: 1 the trunk, 10002 answered, 10 hang-up.
        record["path"] = [
            {"date": record["calldate"], "type": 1, "number": record["pilot_number"], "name": "SIPY"},
            {"date": record["connected"], "type": 10002, "number": record["dst_number"], "name": record["dst_name"]},
            {"date": record["disconnected"], "type": 10, "number": record["pilot_number"], "name": ""},
        ]
    return record


def _synthetic_persons(count: int):
    for n in range(1, count + 1):
        first, last = _FIRST_NAMES[n % len(_FIRST_NAMES)], _LAST_NAMES[n // len(_FIRST_NAMES) % len(_LAST_NAMES)]
        yield {"id": SYNTHETIC_ID_BASE + n, "group_id": 1, "displayname": f"{last} {first}", "firstname": first,
               "lastname": last, "external_id": f"synthetic-{n}"}


def _synthetic_companies(count: int):
    for n in range(1, count + 1):
        yield {"id": SYNTHETIC_ID_BASE + n, "group_id": 1, "name": f"Company {n} s.r.o.",
               "external_id": f"synthetic-company-{n}"}
