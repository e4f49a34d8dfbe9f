"""A stateful fake of Udesk CCPaaS ``ccapi/v2`` (seed 003): signed requests, relay numbers, agents,
extensions, queues, event subscriptions, agent sign-in/out and the callback to IVR.

::

    fake = UdeskFake()    # Sid udesk_sid, AuthToken udesk_auth_token, app 4b8dc715-...
    client = httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url="https://udesk.test")
    stamp = str(int(time.time() * 1000))
    sign = hashlib.sha1((fake.sid + fake.auth_token + stamp).encode()).hexdigest()
    client.get("/ccapi/v2/agents", params={"AppId": fake.app_id, "Sid": fake.sid, "Timestamp": stamp, "Sign": sign})

Every endpoint answers in its own envelope: ``{ErrCode, ErrDesc, Result}``; ``{ErrCode, ErrDesc,
msg_id, results, data}`` for ``/agent/login`` and ``/agent/logout``; ``{code, message, results}``
for ``/callback2ivr``. The code is a string, ``"000000"`` success, every other code with the
description of the document's table.

What the document leaves open, and what the fake does (each choice is also written where it is made):

- The signature: ``Sign`` must be the 40 **lower-case** hex digits of ``SHA1(Sid + AuthToken +
  Timestamp)`` (the Timestamp as sent); upper-case is refused unless ``accept_uppercase_sign=True``.
  The document shows only ``{{Sign}}``; a server comparing strings with its own ``hexdigest()``
  refuses upper-case, and being strict catches a client that deviates. Compared in constant time.
- The timestamp: "valid within 10 minutes", in milliseconds says the text, in seconds show the
  examples (``1566523582``): both are taken, told apart by magnitude (below 10**11 it is seconds:
  10**11 seconds is the year 5138, 10**11 milliseconds 1973). Early or late by more than 600 s is
  refused, with 200020 (Authentication error) by default: the document says nothing of a
  refused timestamp, and 000035 "Request timeout" reads as the server's own timeout; a stale
  signature is an invalid one. ``stale_code="000035"`` answers that code instead (the client
  replays once on either when skewed).
- The order of the checks: ``Sid``/``Timestamp``/``Sign`` missing -> 100001 (Parameter is empty),
  a Timestamp that is not digits -> 000001, a wrong Sid or Sign -> 200020, the window -> 200020;
  then the app id under the key the endpoint's document spells (``AppId``; ``app_id`` for
  ``/agent/logout`` and ``/callback2ivr``, the other spelling not taken): missing -> 100017 (the
  table's "App ID is empty"), not this fake's app -> 200001; then ``MsgId`` for ``/agent/login``
  -> 100001.
- HTTP status: the document lists statuses in general but shows none for a failure; every answer
  here is HTTP 200 with the envelope carrying the code, unless ``error_status=`` names another
  status for failures. Successes are 200 too: the general section's 201/204 would be bodies the
  examples do not fit (a DELETE's example has a body).
- Formats (the document's conventions): extension ``[1-9]\\d{3}``, queue ``9\\d{3}``, agent id
  digits up to 32, work id ``\\w+`` up to 32, PSTN numbers for callback2ivr: a value out of format
  is 000001 (Invalid parameter); a required field missing is 100001; a field of the wrong JSON
  type, or a body that is not a JSON object, 200002 (Parameter error).
- State rules: an unknown agent, extension, queue or subscription is 200004 (No related records
  found); an id that exists already (agent, extension, queue) 100015 (Number exists); a queue or
  subscription name taken 100006 (Name already exists); an extension still bound, a queue with
  agents, an extension bound to another agent, or a second extension of one type for an agent,
  100022 (Ownership error); signing in an agent without an extension or disabled, or disabling a
  signed-in agent, 100021 (Invalid agent status).
- Ids: the agent get and the queue agents list answer ``AgentId`` suffixed ``"355@<app id>"`` as
  their examples do; the agents list answers it plain (its example: ``"189"``); ``Queues`` items are
  suffixed everywhere (every example). Everything else is plain.
- The agents list: ``CurrPage``/``PageSize`` in the query (the document names them only in the
  answer). Without ``PageSize`` the whole list is one page ("If no conditions are specified, the
  entire seat list will be returned"; the example's PageSize equals its Total). Agents come in the
  order they were created. Filters: ``Role`` and ``State`` exact, ``Enable`` ``true``/``false``,
  ``FuzzyQuery`` a case-insensitive substring of the name, agent id, email or mobile. Without a
  filter a page costs O(page), not O(agents).
- ``ExtenInfos[].SignalType`` is ``"voip"`` (SIP) or ``"webrtc"`` as the get example shows; the
  extension create answers the integer it was given (its example).
- The subscriptions list answers ``Result`` as one object when there is one subscription (the
  document's example) and as a list otherwise; ``enable`` is the string ``"true"``/``"false"`` (the
  example). Event names are not checked against the table: the create example subscribes to
  ``"begin"``/``"end"``, which the table does not hold. A subscription whose name is taken goes to
  ``sub_fail``.
- callback2ivr checks the numbers' format, not that ``called`` is a relay number of the app (the
  document's own example calls a number its relay list does not hold). ``variables``, when sent,
  must be a JSON string of a list of ``{key, type, value}``. Each call is recorded in ``calls``.
- Sign-in and sign-out are idempotent (again is success); the sign-in's ``state`` is 0 idle
  (default) or 1 waiting. An agent's sign-in or sign-out posts an ``acd_agent_state`` event to each
  enabled subscription holding that event (the document gives no schema; the fake's is
  :func:`agent_state_event`).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import math
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode

# The return codes' descriptions are the client's table (one source: the document's).
from ...clients.udesk.api import RETURN_CODES
from . import udesk_fixtures as fixtures
from .event_posting import EventPosting
from .wsgi import BadRequest, FakeApp, Request, Response, find_route

API = "/ccapi/v2"
DEFAULT_SID = fixtures.SID
DEFAULT_AUTH_TOKEN = fixtures.AUTH_TOKEN
DEFAULT_APP_ID = fixtures.APP_ID
WINDOW = 600.0  # seconds: "valid within 10 minutes"
# A timestamp at or above this is milliseconds, below it seconds (see the module's note).
MILLISECONDS_FROM = 10 ** 11

OK = "000000"
INVALID = "000001"  # a value out of the document's format
EMPTY = "100001"  # a required parameter missing
APP_EMPTY = "100017"
NO_APP = "200001"
BAD_PARAMETER = "200002"  # a body or field of the wrong shape
NOT_FOUND = "200004"
EXISTS = "100015"
NAME_TAKEN = "100006"
IN_USE = "100022"
BAD_STATE = "100021"
AUTHENTICATION = "200020"
STALE_CODES = ("200020", "000035")

RESULT, MESSAGE, CODE = "result", "message", "code"  # the three envelopes

EXTENSION = re.compile(r"[1-9][0-9]{3}")
QUEUE_ID = re.compile(r"9[0-9]{3}")
AGENT_ID = re.compile(r"[0-9]{1,32}")
WORK_ID = re.compile(r"[A-Za-z0-9_]{1,32}")  # \w+ read as ASCII ("digits or characters")
PSTN = re.compile(r"0[1-9][0-9]{8,10}|1[0-9]{10}|00[1-9][0-9]{6,14}")
ROLES = ("agent", "leader")
SIGNAL_TYPES = {0: "voip", 1: "webrtc"}

# The answer of a fail_next status: the code a client would meet with it.
FAULT_CODES = {400: "000001", 401: "200020", 403: "100002", 404: "200004", 500: "000060", 502: "200021",
               503: "200021", 504: "000035"}

# Routes: (method, path under API, handler, envelope, the app id's query key). {id} is digits (the
# document's {id:[0-9]+}); {queue_id} any one segment (checked by the handler).
ROUTES = [
    ("GET", "/spnumbers", "_relay_numbers", RESULT, "AppId"),
    ("PUT", "/spnumbers/default", "_set_default_relay_number", RESULT, "AppId"),
    ("DELETE", "/spnumbers/default", "_clear_default_relay_number", RESULT, "AppId"),
    ("POST", "/agents", "_create_agent", RESULT, "AppId"),
    ("PUT", "/agents/{id}", "_update_agent", RESULT, "AppId"),
    ("GET", "/agents", "_agents", RESULT, "AppId"),
    ("POST", "/agents/extensions", "_bind_extensions", RESULT, "AppId"),
    ("DELETE", "/agents/extensions", "_unbind_extensions", RESULT, "AppId"),
    ("DELETE", "/extensions", "_delete_extension", RESULT, "AppId"),
    ("POST", "/extensions", "_create_extension", RESULT, "AppId"),
    ("GET", "/queues", "_queues", RESULT, "AppId"),
    ("POST", "/queues", "_create_queue", RESULT, "AppId"),
    ("PUT", "/queues", "_update_queue", RESULT, "AppId"),
    ("DELETE", "/queues", "_delete_queue", RESULT, "AppId"),
    ("POST", "/queues/agents", "_add_agents_to_queue", RESULT, "AppId"),
    ("POST", "/agents/queues", "_add_agent_to_queues", RESULT, "AppId"),
    ("DELETE", "/agents/queues", "_remove_agent_from_queues", RESULT, "AppId"),
    ("POST", "/subscriptions", "_create_subscriptions", RESULT, "AppId"),
    ("PUT", "/subscriptions/{id}", "_update_subscription", RESULT, "AppId"),
    ("DELETE", "/subscriptions/{id}", "_delete_subscription", RESULT, "AppId"),
    ("GET", "/subscriptions", "_subscriptions", RESULT, "AppId"),
    ("POST", "/agent/login", "_sign_in", MESSAGE, "AppId"),
    ("POST", "/agent/logout", "_sign_out", MESSAGE, "app_id"),
    ("POST", "/callback2ivr", "_callback_to_ivr", CODE, "app_id"),
    ("GET", "/agents/{id}", "_agent", RESULT, "AppId"),
    ("GET", "/queues/agents_list/{queue_id}", "_queue_agents", RESULT, "AppId"),
]
_PARAMS = {"id": r"(?P<id>[0-9]+)", "queue_id": r"(?P<queue_id>[^/]+)"}
_COMPILED = [(method, re.compile(re.sub(r"\{(\w+)\}", lambda m: _PARAMS[m.group(1)], template)), handler, envelope,
              key) for method, template, handler, envelope, key in ROUTES]
# Every (method, path) the fake answers, as the seed writes them.
ENDPOINTS = [(method, API + template) for method, template, *_ in ROUTES]


def signature(sid: str, auth_token: str, timestamp: str) -> str:
    """``SHA1(Sid + AuthToken + Timestamp)``, 40 lower-case hex digits: what the fake expects."""
    return hashlib.sha1((sid + auth_token + timestamp).encode("utf-8")).hexdigest()


def description(code: str) -> str:
    if code == OK:
        return "OK"
    entry = RETURN_CODES.get(code)
    return entry[0] if entry else "Error"


def agent_state_event(app_id: str, agent_id: str, state: int, when: float) -> dict:
    """The body the fake posts for an agent's state change (the document shows no schema: made up,
    named by the document's category and event)."""
    return {"category": "agent_state", "event": "acd_agent_state", "app_id": app_id, "agent_id": agent_id,
            "state": state, "state_des": fixtures.STATES.get(state, ""), "timestamp": int(when * 1000)}


class _Refused(Exception):
    def __init__(self, code: str, message: str | None = None):
        super().__init__(code)
        self.code = code
        self.message = message


def _refuse(code: str, message: str | None = None):
    raise _Refused(code, message)


@dataclass(frozen=True)
class UdeskRequest:
    """One request the fake answered, as ``fake.requests`` lists it: its query as a dict (each
    key's last value), ``Sign`` left out."""

    method: str
    path: str
    query: dict
    authorized: bool  # signed, in the window, for this fake's app
    status: int


class UdeskFake(EventPosting, FakeApp):
    """Udesk CCPaaS ccapi v2, in memory, seeded with the vendor document's examples
    (:mod:`.udesk_fixtures`).

    :param sid: the account (``Sid``); :data:`DEFAULT_SID`.
    :param auth_token: its AuthToken; :data:`DEFAULT_AUTH_TOKEN`.
    :param app_id: the one application the fake holds; :data:`DEFAULT_APP_ID`.
    :param clock: seconds since the epoch (``time.time``); :meth:`skew` moves the fake's time off it.
    :param error_status: the HTTP status of a failure's answer (200: the envelope says it).
    :param stale_code: the code of a timestamp out of its window, ``"200020"`` or ``"000035"``.
    :param accept_uppercase_sign: take an upper-case hex ``Sign`` too (strict by default).
    :param webrtc: the app has web phones: ``IsCreateExtension`` creates a WebRTC extension too.

    Knobs, besides ``fail_next``, ``slow`` and ``clear_faults``: :meth:`skew`, :meth:`fail_code`,
    :meth:`push_event`, :meth:`add_agents`. State, to read in tests: ``agents`` (id -> record),
    ``extensions``, ``queues``, ``subscriptions``, ``relay_numbers``, ``default_relay_number``,
    ``calls`` (callback2ivr), ``sign_ins`` (the bodies of sign-ins), ``events_sent``.
    """

    LOGIN_PATH = API + "/agent/login"  # login_count counts the agents' sign-ins
    CORS_METHODS = "GET, POST, PUT, DELETE"

    def __init__(self, *, sid: str = DEFAULT_SID, auth_token: str = DEFAULT_AUTH_TOKEN, app_id: str = DEFAULT_APP_ID,
                 clock: Callable[[], float] = time.time, error_status: int = 200, stale_code: str = AUTHENTICATION,
                 accept_uppercase_sign: bool = False, webrtc: bool = False, cors_origin: str | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(cors_origin=cors_origin, sleep=sleep)
        for name, value in (("sid", sid), ("auth_token", auth_token), ("app_id", app_id)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string")
        if not callable(clock):
            raise ValueError("clock must be a function answering seconds since the epoch")
        if isinstance(error_status, bool) or not isinstance(error_status, int) or not (
                error_status == 200 or 400 <= error_status <= 599):
            raise ValueError(f"error_status must be 200 or an HTTP error status; got {error_status!r}")
        if stale_code not in STALE_CODES:
            raise ValueError(f"stale_code must be one of {STALE_CODES}; got {stale_code!r}")
        self.sid, self.auth_token, self.app_id = sid, auth_token, app_id
        self._clock, self._skew = clock, 0.0
        self.error_status, self.stale_code = error_status, stale_code
        self.accept_uppercase_sign, self.webrtc = accept_uppercase_sign, webrtc
        self._outbox: list[tuple[str, dict]] = []

        self.relay_numbers: list[str] = list(fixtures.RELAY_NUMBERS)
        self.default_relay_number: str = fixtures.DEFAULT_RELAY_NUMBER
        self.extensions: dict[str, dict] = {
            number: {"Extension": number, "Password": password, "Number": fixtures.EXTENSION_PREFIX + number,
                     "SignalType": signal, "agent": None}
            for number, (password, signal) in fixtures.EXTENSIONS.items()}
        self.queues: dict[str, dict] = {
            queue_id: {"QueueId": queue_id, "Name": name, "Strategy": strategy, "Timeout": timeout,
                       "WaitMusic": music, "agents": {}}
            for queue_id, (name, strategy, timeout, music) in fixtures.QUEUES.items()}
        self.agents: dict[str, dict] = {}
        self._order: list[str] = []  # agent ids in creation order: a page is a slice
        for seed in copy.deepcopy(fixtures.AGENTS):
            agent = self._new_agent(seed["AgentId"], seed["WorkId"], seed)
            for queue_id in seed["Queues"]:
                self._join(agent, queue_id)
            for number in seed["Extensions"]:
                self._bind(agent, self.extensions[number])
        self.subscriptions: dict[int, dict] = {
            sub_id: {"name": name, "callback": callback, "events": list(events), "enable": enable}
            for sub_id, (name, callback, events, enable) in fixtures.SUBSCRIPTIONS.items()}
        self._next_subscription = fixtures.NEXT_SUBSCRIPTION_ID
        self.calls: list[dict] = []
        self.sign_ins: list[dict] = []
        self.events_sent: list[dict] = []
        self._bulk = 0

    # -- the clock -------------------------------------------------------------------------------

    def now(self) -> float:
        """The fake's time: its clock plus the skew."""
        return self._clock() + self._skew

    def skew(self, seconds: float) -> None:
        """The fake's clock runs ``seconds`` ahead of its ``clock`` (behind when negative): its
        ``Date`` header and its window check. ``skew(0)`` puts it back."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds):
            raise ValueError(f"seconds must be a number; got {seconds!r}")
        with self._lock:
            self._skew = float(seconds)

    # -- knobs -----------------------------------------------------------------------------------

    def expire_tokens(self) -> None:
        """Udesk issues no token: each request carries its own signature. A test that wants the
        signatures refused uses ``fail_code("200020")`` or :meth:`skew`."""
        return None

    def fail_code(self, code: str, times: int = 1, *, path: str | None = None) -> None:
        """Answer the next ``times`` requests (under ``path``) with return ``code`` in the endpoint's
        envelope (HTTP ``error_status``), before any check, then answer normally again."""
        if not isinstance(code, str) or not re.fullmatch(r"[0-9]{6}", code) or code == OK:
            raise ValueError(f"code must be a six-digit return code other than {OK}; got {code!r}")
        self._arm("code", code, times, path)

    def push_event(self, url: str, event: dict) -> int:
        """POST ``event`` as JSON to ``url``, as Udesk posts to a subscription's callback
        (unsigned); the receiver's status. Connection errors are raised."""
        return self._post_event(url, event, record=False)

    def add_agents(self, count: int, *, queue_id: str | None = None, prefix: str = "7") -> list[str]:
        """Create ``count`` agents at once (a benchmark's 10,000), ids ``prefix`` and a running
        number (``"70000001"``...), names ``Agent <id>``, no extension; in ``queue_id`` if given.
        Their ids."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"count must be a whole number >= 0; got {count!r}")
        with self._lock:
            if queue_id is not None and queue_id not in self.queues:
                raise ValueError(f"unknown queue {queue_id!r}")
            ids = []
            while len(ids) < count:
                self._bulk += 1
                agent_id = f"{prefix}{self._bulk:07d}"
                if agent_id in self.agents:
                    continue
                agent = self._new_agent(agent_id, agent_id, {"Name": f"Agent {agent_id}"})
                if queue_id is not None:
                    self._join(agent, queue_id)
                ids.append(agent_id)
            return ids

    @property
    def requests(self) -> list[UdeskRequest]:  # type: ignore[override]
        """The requests answered so far, oldest first; each query without ``Sign``."""
        return [UdeskRequest(r.method, r.path, dict(parse_qsl(r.query, keep_blank_values=True)), r.authorized,
                             r.status) for r in super().requests]

    # -- the pipeline's hooks --------------------------------------------------------------------

    def __call__(self, environ, start_response):
        def with_date(status, headers, exc_info=None):
            # Every answer, a preflight's and a fault's included, tells the fake's time.
            return start_response(status, headers + [("Date", formatdate(self.now(), usegmt=True))], exc_info)

        return super().__call__(environ, with_date)

    def _answer(self, request: Request, environ: dict):
        try:
            return super()._answer(request, environ)
        finally:
            # The log keeps the query without its Sign (read after this returns): a signed URL is
            # a credential for ten minutes, even a fake's.
            request.query_string = urlencode([(key, value) for key, value in
                                              parse_qsl(request.query_string, keep_blank_values=True)
                                              if key != "Sign"])
            self._flush_events()

    def _route(self, request: Request):
        """(handler, envelope, app id key, path params), or an answer: 404, 405."""
        route, params, allowed = find_route(_COMPILED, API, request)
        if route is not None:
            _, _, handler, envelope, key = route
            return handler, envelope, key, params
        # Not the document's: an unknown endpoint, in the common envelope.
        body = {"ErrCode": "000036", "ErrDesc": description("000036"), "Result": None}
        if allowed:
            return Response.json(405, body, [("Allow", ", ".join(allowed))])
        return Response.json(404, body)

    def _authorized(self, request: Request) -> bool:
        route = self._route(request)
        if isinstance(route, Response):
            return False
        try:
            self._check_signature(request, route[2])
        except _Refused:
            return False
        return True

    def _fault_answer(self, request: Request, status: int) -> Response:
        route = self._route(request)
        envelope = RESULT if isinstance(route, Response) else route[1]
        return self._envelope(envelope, FAULT_CODES.get(status, "000060"), status=status,
                              message=f"Injected failure {status}")

    def _handle(self, request: Request) -> Response:
        route = self._route(request)
        if isinstance(route, Response):
            return route
        handler, envelope, key, params = route
        query = request.query
        try:
            injected = self._take("code", request.path)
            if injected is not None:
                _refuse(injected, "Injected failure")
            self._check_signature(request, key)
            result = getattr(self, handler)(request, **params)
        except _Refused as refused:
            return self._envelope(envelope, refused.code, message=refused.message,
                                  msg_id=query.get("MsgId", [""])[0])
        if envelope == MESSAGE:
            return self._envelope(MESSAGE, OK, msg_id=query.get("MsgId", [""])[0])
        return self._envelope(envelope, OK, result=result)

    def _envelope(self, envelope: str, code: str, *, result: Any = None, message: str | None = None,
                  msg_id: str = "", status: int | None = None) -> Response:
        words = description(code) if message is None else message
        if status is None:
            status = 200 if code == OK else self.error_status
        if envelope == CODE:
            body = {"code": code, "message": words, "results": "" if result is None else result}
        elif envelope == MESSAGE:
            # msg_id echoes the query's MsgId (sign-out's is optional: "" without one).
            body = {"ErrCode": code, "ErrDesc": words, "msg_id": msg_id, "results": "", "data": None}
        else:
            body = {"ErrCode": code, "ErrDesc": words, "Result": result}
        return Response.json(status, body)

    # -- the signature ---------------------------------------------------------------------------

    def _check_signature(self, request: Request, app_key: str) -> None:
        query = {key: values[0] for key, values in request.query.items()}
        sid, stamp, sign = query.get("Sid"), query.get("Timestamp"), query.get("Sign")
        if not sid or not stamp or not sign:
            _refuse(EMPTY, "Sid, Timestamp and Sign are required in the query")
        if not (stamp.isascii() and stamp.isdigit()):
            _refuse(INVALID, "Timestamp must be digits")
        expected = signature(self.sid, self.auth_token, stamp)
        given = sign.lower() if self.accept_uppercase_sign else sign
        # Both compared, in constant time, before either decides (no early exit on the Sid).
        sid_ok = hmac.compare_digest(sid.encode("utf-8"), self.sid.encode("utf-8"))
        sign_ok = hmac.compare_digest(given.encode("utf-8"), expected.encode("ascii"))
        if not (sid_ok and sign_ok):
            _refuse(AUTHENTICATION)
        value = int(stamp)
        sent = value / 1000 if value >= MILLISECONDS_FROM else float(value)
        if abs(self.now() - sent) > WINDOW:
            _refuse(self.stale_code, "The timestamp is out of its ten-minute window")
        app_id = query.get(app_key)
        if not app_id:
            _refuse(APP_EMPTY, f"{app_key} is required in the query")
        if app_id != self.app_id:
            _refuse(NO_APP)
        if request.path == API + "/agent/login" and not query.get("MsgId"):
            _refuse(EMPTY, "MsgId is required in the query")

    # -- bodies ----------------------------------------------------------------------------------

    @staticmethod
    def _body(request: Request) -> dict:
        if not request.body.strip():
            return {}
        try:
            body = request.json()
        except BadRequest:
            _refuse(BAD_PARAMETER, "The body is not JSON")
        if not isinstance(body, dict):
            _refuse(BAD_PARAMETER, "The body must be a JSON object")
        return body

    @staticmethod
    def _field(body: dict, name: str, kind, *, required: bool = False, pattern: re.Pattern | None = None,
               choices=None) -> Any:
        value = body.get(name)
        if value is None:
            if required:
                _refuse(EMPTY, f"{name} is required")
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            _refuse(BAD_PARAMETER, f"{name} has the wrong type")
        if kind is str and required and not value:
            _refuse(EMPTY, f"{name} is required")
        if pattern is not None and not pattern.fullmatch(value):
            _refuse(INVALID, f"{name} is out of format")
        if choices is not None and value not in choices:
            _refuse(INVALID, f"{name} must be one of {list(choices)}")
        return value

    def _list(self, body: dict, name: str, pattern: re.Pattern) -> list[str]:
        values = body.get(name)
        if values is None or values == []:
            _refuse(EMPTY, f"{name} is required")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            _refuse(BAD_PARAMETER, f"{name} must be a list of strings")
        for value in values:
            if not pattern.fullmatch(value):
                _refuse(INVALID, f"{name} holds {value!r}, out of format")
        return list(dict.fromkeys(values))

    def _known_agent(self, agent_id: str) -> dict:
        agent = self.agents.get(agent_id)
        if agent is None:
            _refuse(NOT_FOUND, f"No agent {agent_id}")
        return agent

    def _known_queue(self, queue_id: str) -> dict:
        queue = self.queues.get(queue_id)
        if queue is None:
            _refuse(NOT_FOUND, f"No queue {queue_id}")
        return queue

    # -- relations -------------------------------------------------------------------------------

    def _new_agent(self, agent_id: str, work_id: str, fields: dict) -> dict:
        agent = {"AgentId": agent_id, "WorkId": work_id, "Name": fields.get("Name") or "",
                 "Mobile": fields.get("Mobile") or "", "Email": fields.get("Email") or "",
                 "Role": fields.get("Role") or "agent",
                 "Enable": True if fields.get("Enable") is None else fields["Enable"],
                 "DefSpNumber": fields.get("DefSpNumber", ""), "State": fields.get("State", fixtures.OFFLINE),
                 "ReasonCode": 0, "ExtState": 0, "WrapUpTime": fields.get("WrapUpTime") or 0,
                 "OutWrapUpTime": fields.get("OutWrapUpTime") or 0,
                 "AssistantAccessRight": fields.get("AssistantAccessRight") or 0,
                 "queues": {}, "extensions": {}}  # queue id -> None (ordered); signal type -> extension
        self.agents[agent_id] = agent
        self._order.append(agent_id)
        return agent

    def _join(self, agent: dict, queue_id: str) -> None:
        agent["queues"][queue_id] = None
        self.queues[queue_id]["agents"][agent["AgentId"]] = None

    def _leave(self, agent: dict, queue_id: str) -> None:
        agent["queues"].pop(queue_id, None)
        self.queues[queue_id]["agents"].pop(agent["AgentId"], None)

    def _bind(self, agent: dict, extension: dict) -> None:
        agent["extensions"][extension["SignalType"]] = extension["Extension"]
        extension["agent"] = agent["AgentId"]

    def _view(self, agent: dict, *, suffixed: bool) -> dict:
        """An agent as the get, list and queue agents list answer it."""
        suffix = "@" + self.app_id
        numbers = [agent["extensions"][signal] for signal in sorted(agent["extensions"])]
        return {
            "AppId": self.app_id, "AgentId": agent["AgentId"] + suffix if suffixed else agent["AgentId"],
            "WorkId": agent["WorkId"], "Name": agent["Name"], "NickName": agent["Name"], "Mobile": agent["Mobile"],
            "Email": agent["Email"], "Role": agent["Role"],
            "Queues": [queue_id + suffix for queue_id in agent["queues"]],
            "QueuesNames": [self.queues[queue_id]["Name"] for queue_id in agent["queues"]],
            "Extensions": numbers, "DefSpNumber": agent["DefSpNumber"], "State": agent["State"],
            "StateDes": fixtures.STATES.get(agent["State"], ""), "ReasonCode": agent["ReasonCode"],
            "ReasonCodeDes": "", "ExtState": agent["ExtState"], "WrapUpTime": agent["WrapUpTime"],
            "OutWrapUpTime": agent["OutWrapUpTime"], "Enable": agent["Enable"],
            "ExtenInfos": [{"Number": self.extensions[n]["Number"], "Extension": n,
                            "Password": self.extensions[n]["Password"],
                            "SignalType": SIGNAL_TYPES[self.extensions[n]["SignalType"]]} for n in numbers],
        }

    # -- relay numbers ---------------------------------------------------------------------------

    def _relay_numbers(self, request):
        # The bound numbers but the default (see udesk_fixtures: the example's answer, as shown).
        return {"SpNumbers": [n for n in self.relay_numbers if n != self.default_relay_number],
                "DefSpNumber": self.default_relay_number}

    def _set_default_relay_number(self, request):
        number = self._field(self._body(request), "DefSpNumber", str, required=True)
        if number not in self.relay_numbers:
            _refuse("100005", f"{number} is not a relay number of the app")
        self.default_relay_number = number
        return None

    def _clear_default_relay_number(self, request):
        self.default_relay_number = ""
        return ""  # the example's Result

    # -- agents ----------------------------------------------------------------------------------

    def _agent_fields(self, body: dict) -> dict:
        fields = {"Name": self._field(body, "Name", str), "Mobile": self._field(body, "Mobile", str),
                  "Email": self._field(body, "Email", str), "Role": self._field(body, "Role", str, choices=ROLES),
                  "Enable": self._field(body, "Enable", bool)}
        for name in ("WrapUpTime", "OutWrapUpTime", "AssistantAccessRight"):
            value = self._field(body, name, int)
            if value is not None and value < 0:
                _refuse(INVALID, f"{name} must be >= 0")
            fields[name] = value
        return fields

    def _create_agent(self, request):
        body = self._body(request)
        agent_id = self._field(body, "AgentId", str, required=True, pattern=AGENT_ID)
        work_id = self._field(body, "WorkId", str, required=True, pattern=WORK_ID)
        fields = self._agent_fields(body)
        create = self._field(body, "IsCreateExtension", int, choices=(0, 1))
        if agent_id in self.agents:
            _refuse(EXISTS, f"Agent {agent_id} exists")
        agent = self._new_agent(agent_id, work_id, fields)
        if not create:
            return {"AgentId": agent_id, "Extension": "", "Password": "", "Number": "", "ExtenInfos": None}
        # "both types of extensions (WebRTC and SIP) will be created ... and bound" with web phones on.
        made = [self._make_extension(self._free_extension(), signal) for signal in ((0, 1) if self.webrtc else (0,))]
        for extension in made:
            self._bind(agent, extension)
        first = made[0]
        return {"AgentId": agent_id, "Extension": first["Extension"], "Password": first["Password"],
                "Number": first["Number"], "ExtenInfos": [e["Extension"] for e in made]}

    def _update_agent(self, request, id):
        agent = self._known_agent(id)
        body = self._body(request)
        # "AgentId cannot be modified": the body may repeat it, not change it.
        if self._field(body, "AgentId", str) not in (None, id):
            _refuse(INVALID, "AgentId cannot be modified")
        work_id = self._field(body, "WorkId", str, pattern=WORK_ID)
        fields = self._agent_fields(body)
        # "The agent can only be disabled when it is offline."
        if fields["Enable"] is False and agent["State"] != fixtures.OFFLINE:
            _refuse(BAD_STATE, "An agent can only be disabled when offline")
        if work_id is not None:
            agent["WorkId"] = work_id
        agent.update({name: value for name, value in fields.items() if value is not None})
        return None

    def _agent(self, request, id):
        return self._view(self._known_agent(id), suffixed=True)

    def _agents(self, request):
        query = {key: values[0] for key, values in request.query.items()}
        page = self._number(query, "CurrPage", 1)
        size = self._number(query, "PageSize", None)
        role, enable, state, fuzzy = (query.get(k) or None for k in ("Role", "Enable", "State", "FuzzyQuery"))
        if enable not in (None, "true", "false"):
            _refuse(INVALID, "Enable must be true or false")
        if state is not None and not state.lstrip("-").isdigit():
            _refuse(INVALID, "State must be a number")
        if role is None and enable is None and state is None and fuzzy is None:
            ids, total = None, len(self._order)  # a slice of the creation order: O(page)
        else:
            needle = fuzzy.lower() if fuzzy else None
            ids = [agent_id for agent_id in self._order if self._matches(
                self.agents[agent_id], role, enable, state, needle)]
            total = len(ids)
        size = size or max(total, 1)  # no PageSize: the whole list, one page
        start = (page - 1) * size
        chosen = (self._order if ids is None else ids)[start:start + size]
        return {"CurrPage": page, "PageSize": size, "Total": total, "TotalPage": math.ceil(total / size),
                "AgentList": [self._view(self.agents[agent_id], suffixed=False) for agent_id in chosen]}

    @staticmethod
    def _number(query: dict, name: str, default: int | None) -> int | None:
        value = query.get(name)
        if value is None or value == "":
            return default
        if not (value.isascii() and value.isdigit()) or int(value) < 1:
            _refuse(INVALID, f"{name} must be a whole number >= 1")
        return int(value)

    @staticmethod
    def _matches(agent: dict, role, enable, state, needle) -> bool:
        if role is not None and agent["Role"] != role:
            return False
        if enable is not None and agent["Enable"] != (enable == "true"):
            return False
        if state is not None and agent["State"] != int(state):
            return False
        # "Fuzzy query text matching range: seat name, seat number, email, mobile phone number."
        return needle is None or any(needle in agent[key].lower() for key in ("Name", "AgentId", "Email", "Mobile"))

    def _extensions_of(self, body: dict) -> tuple[dict, list[dict]]:
        agent = self._known_agent(self._field(body, "AgentId", str, required=True, pattern=AGENT_ID))
        numbers = self._list(body, "Extensions", EXTENSION)
        extensions = []
        for number in numbers:
            extension = self.extensions.get(number)
            if extension is None:
                _refuse(NOT_FOUND, f"No extension {number}")
            if extension["agent"] not in (None, agent["AgentId"]):
                _refuse(IN_USE, f"Extension {number} is bound to another agent")
            extensions.append(extension)
        return agent, extensions

    def _bind_extensions(self, request):
        agent, extensions = self._extensions_of(self._body(request))
        # "An agent can only be bound to one extension of the same type (SIP or WebRTC)": refused,
        # not replaced (binding the one it has again is a success: the same request twice).
        wanted: dict[int, str] = {}
        for extension in extensions:
            signal = extension["SignalType"]
            if wanted.setdefault(signal, extension["Extension"]) != extension["Extension"] or \
                    agent["extensions"].get(signal, extension["Extension"]) != extension["Extension"]:
                _refuse(IN_USE, f"The agent has an extension of type {SIGNAL_TYPES[signal]} already")
        for extension in extensions:
            self._bind(agent, extension)
        return None

    def _unbind_extensions(self, request):
        agent, extensions = self._extensions_of(self._body(request))
        for extension in extensions:  # one not bound is already unbound: a success
            if extension["agent"] == agent["AgentId"]:
                del agent["extensions"][extension["SignalType"]]
                extension["agent"] = None
        return None

    # -- extensions ------------------------------------------------------------------------------

    def _free_extension(self) -> str:
        for number in range(1000, 10000):
            if str(number) not in self.extensions:
                return str(number)
        _refuse("000060", "No extension number is free")

    def _make_extension(self, number: str, signal: int) -> dict:
        # "The extension password is generated by the system and cannot be specified at creation"
        # (the example sends one; its answer holds another): 16 hex digits like the example's.
        extension = {"Extension": number, "Password": secrets.token_hex(8),
                     "Number": fixtures.EXTENSION_PREFIX + number, "SignalType": signal, "agent": None}
        self.extensions[number] = extension
        return extension

    def _create_extension(self, request):
        body = self._body(request)
        number = self._field(body, "Extension", str, required=True, pattern=EXTENSION)
        self._field(body, "Password", str)  # read, and ignored
        signal = self._field(body, "SignalType", int, choices=tuple(SIGNAL_TYPES))
        signal = 0 if signal is None else signal
        if number in self.extensions:
            _refuse(EXISTS, f"Extension {number} exists")
        extension = self._make_extension(number, signal)
        return {key: extension[key] for key in ("Extension", "Password", "Number", "SignalType")}

    def _delete_extension(self, request):
        number = self._field(self._body(request), "Extension", str, required=True, pattern=EXTENSION)
        extension = self.extensions.get(number)
        if extension is None:
            _refuse(NOT_FOUND, f"No extension {number}")
        # "An extension bound to an agent cannot be deleted; it must be unbound first."
        if extension["agent"] is not None:
            _refuse(IN_USE, f"Extension {number} is bound to agent {extension['agent']}")
        del self.extensions[number]
        return None

    # -- queues ----------------------------------------------------------------------------------

    def _queues(self, request):
        return {"Queues": [{key: queue[key] for key in ("QueueId", "Name", "Strategy", "Timeout", "WaitMusic")}
                           for queue in self.queues.values()]}

    def _queue_name(self, body: dict, key: str, queue_id: str | None) -> str | None:
        name = self._field(body, key, str)
        if name and any(q["Name"] == name and q["QueueId"] != queue_id for q in self.queues.values()):
            _refuse(NAME_TAKEN, f"A queue is named {name!r} already")
        return name

    def _create_queue(self, request):
        body = self._body(request)
        # QueueId is "Not Required": without one, the lowest free 9xxx (the example's answer,
        # "181154", breaks the document's own 9\d{3}).
        queue_id = self._field(body, "QueueId", str, pattern=QUEUE_ID)
        name = self._queue_name(body, "QueueName", None)
        music = self._field(body, "WaitMusic", str)
        if queue_id is None:
            queue_id = next((str(n) for n in range(9000, 10000) if str(n) not in self.queues), None)
            if queue_id is None:
                _refuse("000060", "No queue id is free")
        elif queue_id in self.queues:
            _refuse(EXISTS, f"Queue {queue_id} exists")
        self.queues[queue_id] = {"QueueId": queue_id, "Name": name or "", "Strategy": 0, "Timeout": 0,
                                 "WaitMusic": music or "", "agents": {}}
        return {"QueueId": queue_id}

    def _update_queue(self, request):
        body = self._body(request)
        queue = self._known_queue(self._field(body, "QueueId", str, required=True, pattern=QUEUE_ID))
        name = self._queue_name(body, "QueueName", queue["QueueId"])
        strategy = self._field(body, "Strategy", int, choices=(0, 1, 2))
        timeout = self._field(body, "Timeout", int)
        if timeout is not None and timeout < 0:
            _refuse(INVALID, "Timeout must be >= 0")
        music = self._field(body, "WaitMusic", str)
        for key, value in (("Name", name), ("Strategy", strategy), ("Timeout", timeout), ("WaitMusic", music)):
            if value is not None:
                queue[key] = value
        return None

    def _delete_queue(self, request):
        queue = self._known_queue(self._field(self._body(request), "QueueId", str, required=True, pattern=QUEUE_ID))
        # "Queues with agents in them cannot be deleted."
        if queue["agents"]:
            _refuse(IN_USE, f"Queue {queue['QueueId']} has agents")
        del self.queues[queue["QueueId"]]
        return None

    def _add_agents_to_queue(self, request):
        body = self._body(request)
        queue = self._known_queue(self._field(body, "QueueId", str, required=True, pattern=QUEUE_ID))
        agents = [self._known_agent(agent_id) for agent_id in self._list(body, "AgentIds", AGENT_ID)]
        for agent in agents:  # incremental: "will not affect the agents already in the queue"
            self._join(agent, queue["QueueId"])
        return None

    def _queue_agents(self, request, queue_id):
        if not QUEUE_ID.fullmatch(queue_id):
            _refuse(INVALID, "The queue id is out of format")
        queue = self._known_queue(queue_id)
        return [self._view(self.agents[agent_id], suffixed=True) for agent_id in queue["agents"]]

    def _membership(self, body: dict) -> tuple[dict, list[str]]:
        agent = self._known_agent(self._field(body, "AgentId", str, required=True, pattern=AGENT_ID))
        queue_ids = self._list(body, "Queues", QUEUE_ID)
        for queue_id in queue_ids:
            self._known_queue(queue_id)
        return agent, queue_ids

    def _add_agent_to_queues(self, request):
        body = self._body(request)
        full = self._field(body, "IsFull", int, choices=(0, 1))
        agent, queue_ids = self._membership(body)
        if full:  # "a full operation": the list replaces the agent's queues
            for queue_id in list(agent["queues"]):
                if queue_id not in queue_ids:
                    self._leave(agent, queue_id)
        for queue_id in queue_ids:
            self._join(agent, queue_id)
        return None

    def _remove_agent_from_queues(self, request):
        agent, queue_ids = self._membership(self._body(request))
        for queue_id in queue_ids:  # a queue it is not in: already out, a success
            self._leave(agent, queue_id)
        return None

    # -- subscriptions ---------------------------------------------------------------------------

    @staticmethod
    def _subscription_fields(item: Any, *, enable: bool) -> tuple[str, str, list[str], bool | None]:
        if not isinstance(item, dict):
            _refuse(BAD_PARAMETER, "A subscription must be an object")
        name = UdeskFake._field(item, "name", str, required=True)
        callback = UdeskFake._field(item, "callback", str, required=True)
        if not re.match(r"https?://[^\s/]+", callback):
            _refuse(INVALID, "callback must be an http(s) URL")
        events = item.get("events")
        if not events:
            _refuse(EMPTY, "events is required")
        if not isinstance(events, list) or not all(isinstance(e, str) and e for e in events):
            _refuse(BAD_PARAMETER, "events must be a list of names")
        flag = UdeskFake._field(item, "enable", bool, required=True) if enable else None
        return name, callback, list(dict.fromkeys(events)), flag

    def _create_subscriptions(self, request):
        items = self._body(request).get("subscriptions")
        if not items:
            _refuse(EMPTY, "subscriptions is required")
        if isinstance(items, dict):  # the table types it "object"; the example sends a list
            items = [items]
        if not isinstance(items, list):
            _refuse(BAD_PARAMETER, "subscriptions must be a list")
        checked = [self._subscription_fields(item, enable=False) for item in items]
        succeeded, failed = [], []
        for name, callback, events, _ in checked:
            if any(sub["name"] == name for sub in self.subscriptions.values()):
                failed.append(name)
                continue
            sub_id = self._next_subscription
            self._next_subscription += 1
            self.subscriptions[sub_id] = {"name": name, "callback": callback, "events": events, "enable": True}
            succeeded.append({"subid": sub_id, "name": name})
        return {"sub_succ": succeeded or None, "sub_fail": failed or None}

    def _known_subscription(self, id: str) -> tuple[int, dict]:
        sub = self.subscriptions.get(int(id))
        if sub is None:
            _refuse(NOT_FOUND, f"No subscription {id}")
        return int(id), sub

    def _update_subscription(self, request, id):
        sub_id, sub = self._known_subscription(id)
        name, callback, events, enable = self._subscription_fields(self._body(request), enable=True)
        if any(other["name"] == name and other_id != sub_id for other_id, other in self.subscriptions.items()):
            _refuse(NAME_TAKEN, f"A subscription is named {name!r} already")
        sub.update(name=name, callback=callback, events=events, enable=enable)
        return {name: sub_id}

    def _delete_subscription(self, request, id):
        sub_id, _ = self._known_subscription(id)
        del self.subscriptions[sub_id]
        return []  # the example's Result

    def _subscriptions(self, request):
        listed = [{"callback": sub["callback"], "enable": "true" if sub["enable"] else "false",
                   "events": list(sub["events"]), "name": sub["name"]} for sub in self.subscriptions.values()]
        return listed[0] if len(listed) == 1 else listed

    # -- sign-in, sign-out, callback -------------------------------------------------------------

    def _signing(self, request) -> tuple[dict, dict]:
        body = self._body(request)
        return body, self._known_agent(self._field(body, "agent_id", str, required=True, pattern=AGENT_ID))

    def _state_changed(self, agent: dict) -> None:
        event = agent_state_event(self.app_id, agent["AgentId"], agent["State"], self.now())
        for sub in self.subscriptions.values():
            if sub["enable"] and "acd_agent_state" in sub["events"]:
                self._outbox.append((sub["callback"], event))

    def _sign_in(self, request):
        body, agent = self._signing(request)
        self._field(body, "work_id", str, pattern=WORK_ID)
        queue_ids = body.get("queue_ids")
        if queue_ids is not None:
            self._list({"queue_ids": queue_ids}, "queue_ids", QUEUE_ID)
        state = self._field(body, "state", int, choices=(0, 1))
        # "Agents without an extension bound cannot sign in"; a disabled one neither.
        if not agent["extensions"] or not agent["Enable"]:
            _refuse(BAD_STATE, "An agent without an extension, or disabled, cannot sign in")
        agent["State"] = 0 if state is None else state
        self.sign_ins.append(dict(body))
        self._state_changed(agent)
        return None

    def _sign_out(self, request):
        _, agent = self._signing(request)
        if agent["State"] != fixtures.OFFLINE:
            agent["State"] = fixtures.OFFLINE
            self._state_changed(agent)
        return None

    def _callback_to_ivr(self, request):
        body = self._body(request)
        caller = self._field(body, "caller", str, required=True, pattern=PSTN)
        called = self._field(body, "called", str, required=True, pattern=PSTN)
        display = self._field(body, "called_display", str, required=True, pattern=PSTN)
        variables = self._field(body, "variables", str)
        if variables is not None:
            try:
                parsed = json.loads(variables)
            except ValueError:
                parsed = None
            if not isinstance(parsed, list) or not all(
                    isinstance(v, dict) and {"key", "type", "value"} <= set(v) for v in parsed):
                _refuse(INVALID, "variables must be a JSON list of {key, type, value}")
        call_id = str(uuid.uuid4())
        self.calls.append({"id": call_id, "caller": caller, "called": called, "called_display": display,
                           "variables": variables})
        return call_id
