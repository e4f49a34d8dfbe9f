"""A stateful fake of the XiVO XUC REST API 2.0 (seed 004), with the deprecated 1.0 API for
allow-listed addresses and the event export.

::

    fake = XucFake()      # the seed's users: cti_user_login / cti_user_password, web_service_user_login...
    client = httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url="http://xuc.test:8090")
    answer = client.post("/xuc/api/2.0/auth/webservice",
                         json={"login": "web_service_user_login", "password": "web_service_user_password"})
    client.headers["Authorization"] = "Bearer " + answer.json()["token"]
    client.post("/xuc/api/2.0/dial/number/jbond", json={"destination": "0123456789"})

Tokens are JWTs the fake signs (HS256 with a secret of its own; clients decode, never verify):
payload ``{login, expiresAt, issuedAt, userType, acls}``, the times in milliseconds since the
epoch by the fake's ``clock``. A token the fake did not sign is 403 ``InvalidToken``; one past its
``expiresAt`` (or expired by :meth:`XucFake.expire_tokens`) is 403 ``TokenExpired`` — never 401;
a request without ``Authorization`` is 400 ``AuthorizationHeaderNotFound``, one whose header is
not ``Bearer`` 400 ``BearerNotFound``.

ACLs: a token's ``acls`` are patterns of dot-separated segments; ``*`` stands for exactly one
segment, ``#`` for any number of segments, none included (the seed writes
``xuc.rest.dial.number.*.create`` for "any username" and ``xuc.rest.call_qualification.csv.#.read``
for the export's three path parameters; the seed's "REST API Permissions" page is not in the
document, so this is the AMQP-topic reading those two uses fit). A request needs the ACL its
endpoint names with the path's values in place of ``*`` (``xuc.rest.dial.number.jbond.create``),
each value one segment even if it holds a dot. The rules are the client's, imported
(``bridge.clients.xuc.api``: ``CTI_USER_ACLS``, alias.ctiuser's list, and ``granted``, the
matcher), so the fake and the client cannot disagree on what a token may do.

What the seed leaves open, and what the fake does (each choice is also written where it is made):

- A token without the endpoint's ACL, and a CTI user's token on a web-service-only endpoint
  (dial, DND, forwards, history, callbacks), answer 403 ``{"error": "Forbidden", message}``
  naming the ACL: the seed says who may call but not what the others get.
- The dial endpoints need the CTI user in the URL to be "authenticated": every CTI user counts as
  connected (their CTI client logged in) until :meth:`XucFake.disconnect`; an unknown or
  disconnected user answers 400 ``UserNotFound``.
- History is ``GET`` in the seed's tables and ``POST`` in its curl examples: both are served. Its
  ``data`` is a list of the 1.0 example's entries (the only shape the seed shows), newest first.
- A personal contact needs a name (firstname or lastname) and a way to reach it (number, mobile,
  fax or email); one whose fields all equal another's of the same owner is ``DuplicateContact``.
  The list's ``status`` is the number's phone status (``PHONE_STATUSES``, else -2). An update
  (``PUT``; the seed: "All fields are optional") changes the fields it sends and keeps the
  others; the contact that results must still pass the create's rule.
- The contacts CSV import takes the CSV as the body (the seed's note) or as the ``file`` part of
  a multipart form (its curl example); ``created`` lists the whole new contacts.
- ``GET /call_qualification`` (the seed's curl for "Create" uses GET) lists every qualification
  answer and needs ``xuc.rest.call_qualification.read`` (GET is ``read`` in every ACL the seed
  names), which alias.ctiuser does not hold. A created answer is 201. The CSV export's FROM/TO
  are not interpreted (the seed's example passes "home/office").
- Mobile push registration takes ``{"token": ...}`` (the curl example; the table says "login").
- The callback import takes ``text/json`` (the seed's header) and ``application/json``;
  ``callback_imports`` records the content type each import came with.
- The callback tickets export is comma-separated: one row per imported request, its uuid and
  list, the import's columns, then its status (``Open``).
- A semantic error a section's table has no code for (an unknown queue or callback list, a bad
  ``size``) is 400 ``BadRequest``, the dial section's code.
- The 1.0 API answers 403 ``Forbidden`` to an address not in ``legacy_allowed``; its commands
  answer 200 with an empty body (the seed shows no answer).
"""

from __future__ import annotations

import base64
import copy
import csv
import hashlib
import hmac
import io
import json
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.parser import BytesParser
from typing import Callable, Mapping

# One source for the ACL rules (see the module's note): the fake depends on the client, the
# client never imports the fake.
from ...clients.xuc.api import CTI_USER_ACLS, granted
from . import xuc_fixtures as fixtures
from .event_posting import EventPosting
from .wsgi import BadRequest, FakeApp, Request, Response, find_route

API = "/xuc/api/2.0"
LEGACY_API = "/xuc/api/1.0"
LOGIN_PATH = API + "/auth/login"
# The other logins, counted by login_count too (the pipeline counts POSTs to LOGIN_PATH).
OTHER_LOGINS = {("POST", API + "/auth/webservice"), ("GET", API + "/auth/sso"), ("GET", API + "/auth/cas"),
                ("GET", API + "/auth/oidc")}
DEFAULT_TTL = 3600  # seconds; the seed shows $TTL without a value
CTI, WEBSERVICE = "cti", "webservice"
CONTACT_FIELDS = ("firstname", "lastname", "number", "mobile", "fax", "email", "company")
CSV_CONTACT_FIELDS = tuple(sorted(CONTACT_FIELDS))  # the seed's export header is alphabetical
LIST_HEADERS = ["Firstname", "Lastname", "Number", "Mobile", "Favorite"]
QUALIFICATION_ANSWER_FIELDS = {"sub_qualification_id": int, "time": str, "callid": str, "agent": int,
                               "queue": int, "first_name": str, "last_name": str, "comment": str,
                               "custom_data": str}
FORWARD_KINDS = ("unconditional", "noanswer", "busy")
_DATE = "%Y-%m-%d %H:%M:%S"
# The answer of a fail_next status: XUC's {error, message} with the code a client meets at it.
FAULT_CODES = {400: "BadRequest", 401: "InvalidCredentials", 403: "TokenExpired", 404: "ContactNotFound",
               409: "DuplicateContact", 503: "Unreachable"}


@dataclass(frozen=True)
class XucCtiUser:
    """A CTI user: a XiVO user with a line; its ACLs are alias.ctiuser's."""

    password: str
    number: str  # its line (the PhoneEvent's DN)
    user_id: int  # XIVO_USERID


@dataclass(frozen=True)
class XucWebServiceUser:
    """A web-service user: technical, no line, ACLs of its own."""

    password: str
    acls: tuple[str, ...]


DEFAULT_CTI_USERS = {login: XucCtiUser(*values) for login, values in fixtures.CTI_USERS.items()}
DEFAULT_WEBSERVICE_USERS = {login: XucWebServiceUser(password, tuple(acls))
                            for login, (password, acls) in fixtures.WEBSERVICE_USERS.items()}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jwt_payload(token: str) -> dict:
    """The payload of a JWT, decoded and not verified (what a client reads)."""
    return json.loads(_unb64(token.split(".")[1]))


class _Refused(Exception):
    def __init__(self, response: Response):
        super().__init__(response.status)
        self.response = response


def _error(status: int, code: str, message: str, headers=None) -> Response:
    return Response.json(status, {"error": code, "message": message}, headers)


def _refuse(status: int, code: str, message: str):
    raise _Refused(_error(status, code, message))


_SUCCESS = {"res": "success"}
_SEGMENT = r"(?P<{}>[^/]+)"

# 2.0 routes: (method, path template under API, handler, ACL template or None, web-service only).
# A {name} is one path segment; the ACL template's {name} is the same value, one ACL segment.
ROUTES = [
    ("POST", "/auth/login", "_login_cti", None, False),
    ("POST", "/auth/webservice", "_login_webservice", None, False),
    ("GET", "/auth/sso", "_login_kerberos", None, False),
    ("GET", "/auth/cas", "_login_cas", None, False),
    ("GET", "/auth/oidc", "_login_oidc", None, False),
    ("GET", "/auth/check", "_check", None, False),
    ("GET", "/contact/personal", "_contacts", "xuc.rest.contact.personal.read", False),
    ("POST", "/contact/personal", "_create_contact", "xuc.rest.contact.personal.create", False),
    ("DELETE", "/contact/personal", "_delete_contacts", "xuc.rest.contact.personal.delete", False),
    ("GET", "/contact/personal/{id}", "_contact", "xuc.rest.contact.personal.{id}.read", False),
    ("PUT", "/contact/personal/{id}", "_update_contact", "xuc.rest.contact.personal.{id}.update", False),
    ("DELETE", "/contact/personal/{id}", "_delete_contact", "xuc.rest.contact.personal.{id}.delete", False),
    ("GET", "/contact/export/personal", "_export_contacts", "xuc.rest.contact.export.personal.read", False),
    ("POST", "/contact/import/personal", "_import_contacts", "xuc.rest.contact.import.personal.create", False),
    ("GET", "/call_qualification", "_qualification_answers", "xuc.rest.call_qualification.read", False),
    ("POST", "/call_qualification", "_create_qualification_answer", "xuc.rest.call_qualification.create", False),
    ("GET", "/call_qualification/queue/{queue}", "_qualifications",
     "xuc.rest.call_qualification.queue.{queue}.read", False),
    ("GET", "/call_qualification/csv/{queue}/{start}/{end}", "_export_qualifications",
     "xuc.rest.call_qualification.csv.{queue}.{start}.{end}.read", False),
    ("POST", "/mobile/push/register", "_register_push", "xuc.rest.mobile.push.register.create", False),
    ("POST", "/dial/number/{username}", "_dial_number", "xuc.rest.dial.number.{username}.create", True),
    ("POST", "/dial/user/{username}", "_dial_user", "xuc.rest.dial.user.{username}.create", True),
    ("POST", "/dial/fromqueue/{username}", "_dial_from_queue", "xuc.rest.dial.fromqueue.create", True),
    ("POST", "/dial/toqueue", "_dial_to_queue", "xuc.rest.dial.toqueue.create", True),
    ("POST", "/dnd/{username}", "_dnd", "xuc.rest.dnd.{username}.create", True),
    *[("POST", f"/forward/{kind}/{{username}}", "_forward", f"xuc.rest.forward.{kind}.{{username}}.create", True)
      for kind in FORWARD_KINDS],
    # The days route first: /history/days/jbond is not the history of a user "days".
    *[(method, "/history/days/{username}", "_history_days", "xuc.rest.history.days.{username}.read", True)
      for method in ("GET", "POST")],
    *[(method, "/history/{username}", "_history_size", "xuc.rest.history.{username}.read", True)
      for method in ("GET", "POST")],
    ("POST", "/callback_lists/callback_requests/csv", "_import_callbacks",
     "xuc.rest.callback_lists.callback_requests.csv.create", True),
    ("POST", "/callback_lists/callback_tickets/csv", "_export_callback_tickets",
     "xuc.rest.callback_lists.callback_tickets.csv.create", True),
]
# 1.0 routes: (method, path template under LEGACY_API, handler); {domain} is not interpreted.
LEGACY_ROUTES = [
    ("POST", "/connect/{domain}/{username}", "_legacy_connect"),
    ("POST", "/dnd/{domain}/{username}", "_legacy_dnd"),
    ("POST", "/dial/{domain}/{username}", "_legacy_dial"),
    ("POST", "/dialByUsername/{domain}/{username}", "_legacy_dial_by_username"),
    ("POST", "/dialFromQueue/{domain}/{username}", "_legacy_dial_from_queue"),
    ("POST", "/uncForward/{domain}/{username}", "_legacy_forward"),
    ("POST", "/naForward/{domain}/{username}", "_legacy_forward"),
    ("POST", "/busyForward/{domain}/{username}", "_legacy_forward"),
    ("POST", "/agentLogin", "_legacy_agent_login"),
    ("POST", "/agentLogout", "_legacy_agent_logout"),
    ("POST", "/togglePause", "_legacy_toggle_pause"),
    ("GET", "/historyByUsername/{domain}/{username}", "_legacy_history"),
]
LEGACY_FORWARDS = {"uncForward": "unconditional", "naForward": "noanswer", "busyForward": "busy"}


def _compile(template: str) -> re.Pattern:
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: _SEGMENT.format(m.group(1)), template))


_COMPILED = [(method, _compile(template), handler, acl, ws_only) for method, template, handler, acl, ws_only in ROUTES]
_LEGACY_COMPILED = [(method, _compile(template), handler) for method, template, handler in LEGACY_ROUTES]
# Every (method, path) the fake answers, as the seed writes them.
ENDPOINTS = [(method, API + template) for method, template, *_ in ROUTES] + \
            [(method, LEGACY_API + template) for method, template, _ in LEGACY_ROUTES]


class XucFake(EventPosting, FakeApp):
    """The XUC REST API 2.0, in memory, seeded with the vendor document's examples.

    :param cti_users: login -> :class:`XucCtiUser`; default :data:`DEFAULT_CTI_USERS` (the
        seed's logins; ``cti_user_login`` / ``cti_user_password``, ``jbond`` / ``jbond_password``...).
    :param webservice_users: login -> :class:`XucWebServiceUser`; default
        :data:`DEFAULT_WEBSERVICE_USERS` (``web_service_user_login`` / ``web_service_user_password``
        with every web-service ACL; ``dialer`` / ``dialer_password`` with
        ``xuc.rest.dial.number.*.create`` only).
    :param ttl: seconds a token lives (the login's ``TTL``).
    :param clock: seconds since the epoch (``time.time``): ``issuedAt``/``expiresAt`` and expiry.
    :param kerberos_tokens: Negotiate token -> CTI login (``fixtures.KERBEROS_TOKENS``).
    :param cas_service: the CAS service URL logins must name, or None (``CasServerUrlNotSet``).
    :param cas_tickets: CAS ticket -> CTI login, each good once.
    :param oidc_tokens: OIDC access token -> CTI login, or None (``OidcNotEnabled``).
    :param legacy_allowed: client addresses (REMOTE_ADDR) the 1.0 API answers.
    :param event_url: where dials push their PhoneEvent, or None.
    :param cors_origin: one exact origin a browser page may call the fake from (CORS), or None.

    Knobs, besides ``fail_next``, ``slow`` and ``clear_faults``: :meth:`expire_tokens`,
    :meth:`disconnect` / :meth:`connect`, :meth:`push_event`, :meth:`dial`. State, to read in
    tests: ``contacts`` (owner -> id -> contact), ``dnd``, ``forwards``, ``dials``, ``history``,
    ``qualification_answers``, ``push_tokens``, ``callback_lists``, ``callback_imports``,
    ``agents``, ``events_sent``.
    """

    LOGIN_PATH = LOGIN_PATH
    CORS_METHODS = "GET, POST, PUT, DELETE"

    def __init__(self, *, cti_users: Mapping[str, XucCtiUser] | None = None,
                 webservice_users: Mapping[str, XucWebServiceUser] | None = None, ttl: int = DEFAULT_TTL,
                 clock: Callable[[], float] = time.time,
                 kerberos_tokens: Mapping[str, str] | None = None, cas_service: str | None = fixtures.CAS_SERVICE,
                 cas_tickets: Mapping[str, str] | None = None, oidc_tokens: Mapping[str, str] | None = None,
                 legacy_allowed=("127.0.0.1",), event_url: str | None = None, cors_origin: str | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(cors_origin=cors_origin, sleep=sleep)
        self.cti_users = dict(DEFAULT_CTI_USERS if cti_users is None else cti_users)
        self.webservice_users = dict(DEFAULT_WEBSERVICE_USERS if webservice_users is None else webservice_users)
        for kind, users, cls in (("cti_users", self.cti_users, XucCtiUser),
                                 ("webservice_users", self.webservice_users, XucWebServiceUser)):
            for login, user in users.items():
                if not isinstance(login, str) or not login or "/" in login or not isinstance(user, cls):
                    raise ValueError(f"{kind}: {login!r} must be a non-empty login without '/' mapped to a "
                                     f"{cls.__name__}")
        if isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 1:
            raise ValueError(f"ttl must be whole seconds >= 1; got {ttl!r}")
        if not callable(clock):
            raise ValueError("clock must be a function answering seconds since the epoch")
        self.ttl, self._clock = ttl, clock
        self.kerberos_tokens = dict(fixtures.KERBEROS_TOKENS if kerberos_tokens is None else kerberos_tokens)
        self.cas_service = cas_service
        self.cas_tickets = dict(fixtures.CAS_TICKETS if cas_tickets is None else cas_tickets)
        self.oidc_tokens = dict(fixtures.OIDC_TOKENS) if oidc_tokens is None else dict(oidc_tokens)
        self.legacy_allowed = frozenset(legacy_allowed)
        self.event_url = event_url
        self._secret = secrets.token_bytes(32)
        self._tokens: dict[str, float] = {}  # token -> when it expires (clock seconds)
        self._connected = set(self.cti_users)
        self._outbox: list[tuple[str, dict]] = []  # events to push once the state is unlocked
        self._local = threading.local()  # the request's client address and raw Content-Type

        data = copy.deepcopy
        self.contacts: dict[str, dict[str, dict]] = {
            owner: {contact["id"]: contact for contact in contacts}
            for owner, contacts in data(fixtures.CONTACTS).items()}
        self.qualifications: dict[int, list] = data(fixtures.QUALIFICATIONS)
        self.qualification_answers: list[dict] = data(fixtures.QUALIFICATION_ANSWERS)
        self.history: list[dict] = data(fixtures.HISTORY)  # newest first
        self.dnd: dict[str, bool] = dict.fromkeys(self.cti_users, False)
        self.forwards: dict[str, dict[str, dict]] = {
            login: {kind: {"enabled": False, "destination": ""} for kind in FORWARD_KINDS} for login in self.cti_users}
        self.dials: list[dict] = []
        self.push_tokens: dict[str, str] = {}
        self.callback_lists: dict[str, list[dict]] = {uuid_: [] for uuid_ in fixtures.CALLBACK_LISTS}
        self.callback_imports: list[dict] = []
        self.agents: dict[str, dict] = {}  # agent number -> {"phoneNumber", "paused"}
        self.events_sent: list[dict] = []  # {"url", "body", "status" or "error"}
        self._sequence = 0

    # -- tokens ----------------------------------------------------------------------------------

    def issue_token(self, login: str, user_type: str = CTI) -> str:
        """A token for ``login`` as a login would give it (for tests that skip the login)."""
        with self._lock:
            return self._issue(login, user_type)

    def _issue(self, login: str, user_type: str) -> str:
        acls = CTI_USER_ACLS if user_type == CTI else self.webservice_users[login].acls
        now = self._clock()
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
        payload = _b64(json.dumps({"login": login, "expiresAt": int((now + self.ttl) * 1000),
                                   "issuedAt": int(now * 1000), "userType": user_type, "acls": list(acls)},
                                  separators=(",", ":")).encode())
        signed = f"{header}.{payload}"
        token = f"{signed}.{_b64(hmac.new(self._secret, signed.encode(), hashlib.sha256).digest())}"
        self._tokens[token] = now + self.ttl
        if user_type == CTI:
            self._connected.add(login)
        return token

    def _login_answer(self, login: str, user_type: str, *, ttl: bool = True) -> Response:
        answer = {"login": login, "token": self._issue(login, user_type)}
        if ttl:
            answer["TTL"] = self.ttl
        return Response.json(200, answer)

    def _token(self, request: Request) -> tuple[str, dict]:
        """The request's token and its payload, or refused as XUC refuses."""
        header = request.headers.get("authorization")
        if header is None:
            _refuse(400, "AuthorizationHeaderNotFound", "The Authorization header is not found in the request")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            _refuse(400, "BearerNotFound", "The token is not found in the Authorization header")
        parts = token.split(".")
        good = len(parts) == 3 and hmac.compare_digest(
            parts[2].encode(), _b64(hmac.new(self._secret, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256)
                                    .digest()).encode())
        expires = self._tokens.get(token) if good else None
        if expires is None:
            _refuse(403, "InvalidToken", "Token does not match XUC signature tokens")
        if self._clock() >= expires:
            _refuse(403, "TokenExpired", "The token expired")
        return token, jwt_payload(token)

    def expire_tokens(self) -> None:
        """Every token issued so far answers 403 ``TokenExpired`` from now on (``/auth/check``
        included: it cannot renew them); a new login gets a good one."""
        with self._lock:
            self._tokens = dict.fromkeys(self._tokens, float("-inf"))

    # -- knobs -------------------------------------------------------------------------------------

    def disconnect(self, login: str) -> None:
        """The CTI user's CTI session ends: dials on its behalf answer 400 ``UserNotFound`` until
        it logs in again (or :meth:`connect`)."""
        with self._lock:
            self._connected.discard(login)

    def connect(self, login: str) -> None:
        """The CTI user counts as authenticated again (every CTI user starts so)."""
        with self._lock:
            if login not in self.cti_users:
                raise ValueError(f"unknown CTI user {login!r}")
            self._connected.add(login)

    def push_event(self, url: str, username: str, msg_type: str, cti_message: dict) -> int:
        """POST ``{username, message: {msgType, ctiMessage}}`` as JSON to ``url``, as XUC posts to
        its ``eventUrl`` (unsigned); the receiver's status. Connection errors are raised."""
        body = {"username": username, "message": {"msgType": msg_type, "ctiMessage": cti_message}}
        return self._post_event(url, body, record=False)

    def dial(self, username: str, destination: str, variables: dict | None = None) -> dict:
        """``username`` dials ``destination`` as ``POST /dial/number/{username}`` does: recorded in
        ``dials`` and ``history``, and its PhoneEvent EventDialing pushed to ``event_url`` if set.
        The dial's record."""
        with self._lock:
            if username not in self.cti_users:
                raise ValueError(f"unknown CTI user {username!r}")
            record = self._dialed("number", username, destination, variables or {})
        self._flush_events()
        return record

    # -- the pipeline's hooks ----------------------------------------------------------------------

    def _answer(self, request: Request, environ: dict):
        if (request.method, request.path) in OTHER_LOGINS:
            with self._lock:
                self._logins += 1
        self._local.remote_addr = environ.get("REMOTE_ADDR", "")
        self._local.content_type = environ.get("CONTENT_TYPE", "")
        try:
            return super()._answer(request, environ)
        finally:
            self._flush_events()

    def _authorized(self, request: Request) -> bool:
        try:
            self._token(request)
        except _Refused:
            return False
        return True

    def _fault_answer(self, request: Request, status: int) -> Response:
        return _error(status, FAULT_CODES.get(status, "NotHandledError"), f"Injected failure {status}")

    def _handle(self, request: Request) -> Response:
        try:
            if request.path == LEGACY_API or request.path.startswith(LEGACY_API + "/"):
                return self._legacy(request)
            route, params, allowed = find_route(_COMPILED, API, request)
            if route is not None:
                _, _, handler, acl, ws_only = route
                claims = None
                if acl is not None:
                    _, claims = self._token(request)
                    self._check_acl(claims, acl, params, ws_only)
                return getattr(self, handler)(request, claims, **params)
            if allowed:
                return _error(405, "MethodNotAllowed", "Method Not Allowed", [("Allow", ", ".join(allowed))])
            return _error(404, "NotFound", "Unknown endpoint")
        except _Refused as refused:
            return refused.response

    def _check_acl(self, claims: dict, acl: str, params: dict, ws_only: bool) -> None:
        # The seed says what may call each endpoint, not what the others get: 403 Forbidden, naming
        # what was missing (a 403 a client can tell from TokenExpired by its code).
        needed = tuple(params[s[1:-1]] if s.startswith("{") else s for s in acl.split("."))
        if ws_only and claims.get("userType") != WEBSERVICE:
            _refuse(403, "Forbidden", f"Only web service users may use this endpoint (ACL {'.'.join(needed)})")
        if not granted(tuple(claims.get("acls", ())), needed):
            _refuse(403, "Forbidden", f"The token lacks the ACL {'.'.join(needed)}")

    # -- bodies ------------------------------------------------------------------------------------

    @staticmethod
    def _body(request: Request, missing: str = "JsonBodyNotFound", invalid: str = "JsonErrorDecoding",
              status: int = 400) -> dict:
        if not request.body:
            _refuse(400, missing, "The request has no JSON body")
        try:
            body = request.json()
        except BadRequest:
            body = None
        if not isinstance(body, dict):
            _refuse(status, invalid, "The body is not a JSON object")
        return body

    @staticmethod
    def _fields(body: dict, code: str, required: Mapping[str, type], optional: Mapping[str, type] = {}) -> None:
        for name, kind in {**required, **optional}.items():
            if name not in body:
                if name in required:
                    _refuse(400, code, f"{name} is missing")
                continue
            value = body[name]
            if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind) or \
                    (kind is str and name in required and not value.strip()):
                _refuse(400, code, f"{name} must be a {'non-empty ' if kind is str else ''}{kind.__name__}")

    # -- authentication ----------------------------------------------------------------------------

    def _credentials(self, request: Request) -> tuple[str, str]:
        body = self._body(request, "InvalidJson", "InvalidJson")
        login, password = body.get("login"), body.get("password")
        if not isinstance(login, str) or not isinstance(password, str):
            _refuse(400, "InvalidJson", "The body must be {login, password}, both strings")
        return login, password

    @staticmethod
    def _password_matches(user, password: str) -> bool:
        return user is not None and hmac.compare_digest(user.password.encode(), password.encode())

    def _login_cti(self, request, claims):
        login, password = self._credentials(request)
        if not self._password_matches(self.cti_users.get(login), password):
            _refuse(401, "InvalidCredentials", "Invalid login and/or invalid password")
        return self._login_answer(login, CTI)

    def _login_webservice(self, request, claims):
        login, password = self._credentials(request)
        if not self._password_matches(self.webservice_users.get(login), password):
            _refuse(401, "InvalidCredentials", "Invalid login and/or invalid password")
        return self._login_answer(login, WEBSERVICE)

    def _sso_user(self, login: str | None) -> str:
        if login not in self.cti_users:
            _refuse(401, "UserNotFound", "The user does not exist")
        return login

    def _login_kerberos(self, request, claims):
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "negotiate" or not token.strip():
            raise _Refused(_error(401, "SsoAuthenticationFailed", "The user could not be authenticated using Kerberos",
                                  [("WWW-Authenticate", "Negotiate")]))
        login = self.kerberos_tokens.get(token.strip())
        if login is None:
            _refuse(401, "SsoAuthenticationFailed", "The user could not be authenticated using Kerberos")
        # The seed's Kerberos answer has no TTL: the client reads the JWT's expiresAt.
        return self._login_answer(self._sso_user(login), CTI, ttl=False)

    def _login_cas(self, request, claims):
        if self.cas_service is None:
            _refuse(403, "CasServerUrlNotSet", "XiVOCC containers are not configured")
        query = {name: values[-1] for name, values in request.query.items()}
        service, ticket = query.get("service"), query.get("ticket")
        if not service or not ticket:
            _refuse(403, "CasServerInvalidParameter", "The Parameters sent to the CAS Server are invalid")
        if service != self.cas_service:
            _refuse(403, "CasServerInvalidService", "The service is invalid")
        login = self.cas_tickets.pop(ticket, None)  # a service ticket is good once
        if login is None:
            _refuse(403, "CasServerInvalidTicket", "The ticket is invalid (probably expired or defined for another "
                                                   "service)")
        return self._login_answer(self._sso_user(login), CTI, ttl=False)  # the seed's CAS answer: no TTL

    def _login_oidc(self, request, claims):
        if self.oidc_tokens is None:
            _refuse(403, "OidcNotEnabled", "OpenID connect authentication is not enabled")
        token = request.query.get("token", [""])[-1]
        scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
        if not token and scheme.lower() == "bearer":
            token = bearer.strip()
        if not token:
            _refuse(403, "OidcInvalidParameter", "Missing access_token")
        login = self.oidc_tokens.get(token)
        if login is None:
            _refuse(403, "OidcAuthenticationFailed", "The access_token forwarded to XUC is invalid")
        return self._login_answer(self._sso_user(login), CTI)  # the seed's OIDC answer has a TTL

    def _check(self, request, claims):
        # A renewal is a new token; the old one stays good until its own expiresAt (a JWT cannot
        # be recalled).
        _, claims = self._token(request)
        login, user_type = claims["login"], claims["userType"]
        users = self.cti_users if user_type == CTI else self.webservice_users
        if login not in users:
            _refuse(403, "InvalidToken", "The token's user no longer exists")
        return self._login_answer(login, user_type)

    # -- personal contacts -------------------------------------------------------------------------

    def _own(self, claims) -> dict[str, dict]:
        return self.contacts.setdefault(claims["login"], {})

    def _find_contact(self, claims, contact_id: str) -> dict:
        contact = self._own(claims).get(contact_id)
        if contact is None:
            _refuse(404, "ContactNotFound", "Personal contact does not exist")
        return contact

    @staticmethod
    def _contact_problem(fields: dict) -> str | None:
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            return f"unknown field {sorted(unknown)[0]}"
        if any(not isinstance(value, str) for value in fields.values()):
            return "every field must be a string"
        if not (fields.get("firstname") or fields.get("lastname")) or \
                not any(fields.get(name) for name in ("number", "mobile", "fax", "email")):
            return "a contact needs a firstname or lastname, and a number, mobile, fax or email"
        return None

    def _valid_contact(self, claims, fields: dict, contact_id: str | None = None) -> dict:
        problem = self._contact_problem(fields)
        if problem:
            _refuse(400, "InvalidContact", problem)
        contact = {name: fields.get(name, "") for name in CONTACT_FIELDS}
        if any(all(other[name] == contact[name] for name in CONTACT_FIELDS)
               for other in self._own(claims).values() if other["id"] != contact_id):
            _refuse(409, "DuplicateContact", "Personal contact already exists")
        return contact

    def _contact_body(self, request):
        # The seed: a body that is not JSON is JsonParsingError, 500.
        return self._body(request, "InvalidContact", "JsonParsingError", 500)

    def _contacts(self, request, claims):
        entries = [{"status": fixtures.PHONE_STATUSES.get(c["number"], fixtures.UNKNOWN_PHONE_STATUS),
                    "entry": [c["firstname"], c["lastname"], c["number"], c["mobile"], "false"]}
                   for c in self._own(claims).values()]
        return Response.json(200, {"entries": entries, "headers": LIST_HEADERS})

    def _contact(self, request, claims, id):  # noqa: A002 - the seed's name
        return Response.json(200, self._find_contact(claims, id))

    def _create_contact(self, request, claims):
        contact = {"id": str(uuid.uuid4()), **self._valid_contact(claims, self._contact_body(request))}
        self._own(claims)[contact["id"]] = contact
        return Response.json(200, contact)

    def _update_contact(self, request, claims, id):  # noqa: A002
        contact = self._find_contact(claims, id)
        # The seed: "All fields are optional" for the update: the fields sent replace theirs, the
        # others are kept; the contact that results must still be one a create would take.
        fields = {**{name: contact[name] for name in CONTACT_FIELDS}, **self._contact_body(request)}
        contact.update(self._valid_contact(claims, fields, id))
        return Response.json(200, contact)

    def _delete_contact(self, request, claims, id):  # noqa: A002
        self._find_contact(claims, id)
        del self._own(claims)[id]
        return Response(204, b"", [])

    def _delete_contacts(self, request, claims):
        self._own(claims).clear()
        return Response(204, b"", [])

    def _export_contacts(self, request, claims):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_CONTACT_FIELDS)
        for contact in self._own(claims).values():
            writer.writerow([contact[name] for name in CSV_CONTACT_FIELDS])
        return Response(200, out.getvalue().encode("utf-8"), [("Content-Type", "text/csv; charset=utf-8")])

    def _import_contacts(self, request, claims):
        data = request.body
        if request.content_type == "multipart/form-data":  # the seed's curl -F 'file=@...'
            message = BytesParser().parsebytes(
                b"Content-Type: " + self._local.content_type.encode("latin-1") + b"\r\n\r\n" + data)
            parts = [part for part in (message.get_payload() if message.is_multipart() else [])
                     if part.get_param("name", header="content-disposition") == "file"]
            if not parts:
                _refuse(400, "InvalidContact", "The form has no file part")
            data = parts[0].get_payload(decode=True) or b""
        try:
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        except (UnicodeDecodeError, csv.Error):
            _refuse(400, "InvalidContact", "The CSV is not UTF-8 text")
        if not rows:
            _refuse(400, "InvalidContact", "The CSV has no header")
        header = [name.strip() for name in rows[0]]
        unknown = [name for name in header if name not in CONTACT_FIELDS]
        if unknown:
            _refuse(400, "InvalidContact", f"unknown field {unknown[0]}")
        created, failed = [], []
        for line, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                failed.append({"line": line, "errors": ["too many fields" if len(row) > len(header)
                                                        else "too few fields"]})
                continue
            try:
                contact = {"id": str(uuid.uuid4()), **self._valid_contact(claims, dict(zip(header, row)))}
            except _Refused as refused:
                failed.append({"line": line, "errors": [json.loads(refused.response.body)["message"]]})
                continue
            self._own(claims)[contact["id"]] = contact
            created.append(contact)
        return Response.json(201, {"created": created, "failed": failed})

    # -- call qualifications, mobile ---------------------------------------------------------------

    @staticmethod
    def _queue_id(text: str) -> int:
        if not text.isdigit():
            _refuse(400, "BadRequest", "The queue id must be a number")
        return int(text)

    def _qualifications(self, request, claims, queue):
        return Response.json(200, self.qualifications.get(self._queue_id(queue), []))

    def _qualification_answers(self, request, claims):
        return Response.json(200, self.qualification_answers)

    def _create_qualification_answer(self, request, claims):
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", QUALIFICATION_ANSWER_FIELDS)
        answer = {name: body[name] for name in QUALIFICATION_ANSWER_FIELDS}
        self.qualification_answers.append(answer)
        return Response.json(201, answer)

    def _export_qualifications(self, request, claims, queue, start, end):
        queue_id = self._queue_id(queue)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(QUALIFICATION_ANSWER_FIELDS)
        for answer in self.qualification_answers:
            if answer["queue"] == queue_id:
                writer.writerow([answer[name] for name in QUALIFICATION_ANSWER_FIELDS])
        return Response(200, out.getvalue().encode("utf-8"), [("Content-Type", "text/csv; charset=utf-8")])

    def _register_push(self, request, claims):
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", {"token": str})
        self.push_tokens[claims["login"]] = body["token"]
        return Response(201, b"", [])

    # -- dial --------------------------------------------------------------------------------------

    def _cti_user(self, username: str, *, connected: bool = False) -> XucCtiUser:
        user = self.cti_users.get(username)
        if user is None or (connected and username not in self._connected):
            _refuse(400, "UserNotFound", f"User {username} not found" if user is None
                    else f"User {username} is not authenticated")
        return user

    def _dial_body(self, request, required: Mapping[str, type]) -> dict:
        body = self._body(request, "BadRequest", "BadRequest")
        self._fields(body, "BadRequest", required, {"variables": dict})
        return body

    def _dialed(self, kind: str, username: str | None, destination: str, variables: dict, **extra) -> dict:
        self._sequence += 1
        now = self._clock()
        unique_id = f"{int(now)}.{self._sequence}"
        record = {"kind": kind, "username": username, "destination": destination, "variables": variables,
                  "uniqueId": unique_id, **extra}
        self.dials.append(record)
        if username is not None:
            self.history.insert(0, {"start": datetime.fromtimestamp(now, timezone.utc).strftime(_DATE),
                                    "duration": "00:00:00", "srcUsername": username, "dstUsername": destination,
                                    "status": "emitted"})
            if self.event_url:
                user = self.cti_users[username]
                self._outbox.append((self.event_url, {
                    "username": username, "message": {"msgType": "PhoneEvent", "ctiMessage": {
                        "eventType": "EventDialing", "DN": user.number, "otherDN": destination,
                        "linkedId": unique_id, "uniqueId": unique_id,
                        "userData": {"XIVO_USERID": str(user.user_id), **variables}}}}))
        return copy.deepcopy(record)

    def _dial_number(self, request, claims, username):
        body = self._dial_body(request, {"destination": str})
        self._cti_user(username, connected=True)
        self._dialed("number", username, body["destination"], body.get("variables", {}))
        return Response.json(200, _SUCCESS)

    def _dial_user(self, request, claims, username):
        body = self._dial_body(request, {"username": str})
        self._cti_user(username, connected=True)
        callee = self._cti_user(body["username"])
        self._dialed("user", username, callee.number, body.get("variables", {}), callee=body["username"])
        return Response.json(200, _SUCCESS)

    def _dial_from_queue(self, request, claims, username):
        body = self._dial_body(request, {"destination": str, "queueId": int})
        self._cti_user(username, connected=True)
        self._dialed("fromqueue", username, body["destination"], body.get("variables", {}), queueId=body["queueId"])
        return Response.json(200, _SUCCESS)

    def _dial_to_queue(self, request, claims):
        body = self._dial_body(request, {"destination": str, "queueName": str, "callerIdNumber": str})
        self._dialed("toqueue", None, body["destination"], body.get("variables", {}), queueName=body["queueName"],
                     callerIdNumber=body["callerIdNumber"])
        return Response.json(200, _SUCCESS)

    # -- DND, forwards, history --------------------------------------------------------------------

    def _dnd(self, request, claims, username):
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", {"state": bool})
        self._cti_user(username)
        self.dnd[username] = body["state"]
        return Response.json(200, _SUCCESS)

    def _forward(self, request, claims, username):
        kind = request.path[len(API + "/forward/"):].split("/")[0]
        body = self._body(request)
        # Turning a forward off needs no number (the client sends "" then): the seed shows only enabling.
        off = isinstance(body, dict) and body.get("enabled") is False
        self._fields(body, "JsonErrorDecoding", {"enabled": bool} if off else {"destination": str, "enabled": bool},
                     {"destination": str} if off else {})
        self._cti_user(username)
        self.forwards[username][kind] = {"enabled": body["enabled"], "destination": body.get("destination", "")}
        return Response.json(200, _SUCCESS)

    def _count(self, request, name: str) -> int:
        value = request.query.get(name, [""])[-1]
        if not value.isdigit() or int(value) < 1:
            _refuse(400, "BadRequest", f"{name} must be a whole number >= 1")
        return int(value)

    def _calls_of(self, username: str) -> list[dict]:
        return [entry for entry in self.history if username in (entry["srcUsername"], entry["dstUsername"])]

    def _calls_since(self, username: str, days: int) -> list[dict]:
        since = (datetime.fromtimestamp(self._clock(), timezone.utc) - timedelta(days=days)).strftime(_DATE)
        return [entry for entry in self._calls_of(username) if entry["start"] >= since]

    def _history_size(self, request, claims, username):
        size = self._count(request, "size")
        self._cti_user(username)
        return Response.json(200, {"res": "success", "data": self._calls_of(username)[:size]})

    def _history_days(self, request, claims, username):
        days = self._count(request, "days")
        self._cti_user(username)
        return Response.json(200, {"res": "success", "data": self._calls_since(username, days)})

    # -- callbacks ---------------------------------------------------------------------------------

    def _callback_list(self, body: dict) -> list[dict]:
        self._fields(body, "JsonErrorDecoding", {"listUuid": str})
        requests = self.callback_lists.get(body["listUuid"])
        if requests is None:
            _refuse(400, "BadRequest", f"Unknown callback list {body['listUuid']}")
        return requests

    def _import_callbacks(self, request, claims):
        # The seed's header is text/json; application/json is JSON too and taken.
        if request.content_type not in ("text/json", "application/json"):
            _refuse(400, "JsonErrorDecoding", "The body must be JSON (Content-Type: text/json)")
        body = self._body(request)
        requests = self._callback_list(body)
        self._fields(body, "JsonErrorDecoding", {"csv": str})
        lines = [line for line in body["csv"].split("\n") if line.strip()]
        header = lines[0].split("|") if lines else []
        if not header or any(name not in fixtures.CALLBACK_COLUMNS for name in header) or \
                not {"phoneNumber", "mobilePhoneNumber"} & set(header):
            _refuse(400, "JsonErrorDecoding", "The CSV header must name callback columns, phoneNumber or "
                                              "mobilePhoneNumber among them")
        imported = []
        for number, line in enumerate(lines[1:], start=2):
            cells = line.split("|")
            if len(cells) != len(header):
                _refuse(400, "JsonErrorDecoding", f"line {number} has {len(cells)} fields, not {len(header)}")
            row = dict.fromkeys(fixtures.CALLBACK_COLUMNS, "") | dict(zip(header, cells))
            if not (row["phoneNumber"] or row["mobilePhoneNumber"]):
                _refuse(400, "JsonErrorDecoding", f"line {number} has no phone number")
            if row["dueDate"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["dueDate"]):
                _refuse(400, "JsonErrorDecoding", f"line {number}: dueDate must be YYYY-MM-DD")
            imported.append({"uuid": str(uuid.uuid4()), "listUuid": body["listUuid"], **row, "status": "Open"})
        requests.extend(imported)  # all or nothing: a bad line refuses the whole import
        self.callback_imports.append({"listUuid": body["listUuid"], "content_type": request.content_type,
                                      "count": len(imported)})
        return Response.json(200, {"res": "success", "data": {"listUuid": body["listUuid"], "created": len(imported)}})

    def _export_callback_tickets(self, request, claims):
        requests = self._callback_list(self._body(request))
        columns = ("uuid", "listUuid", *fixtures.CALLBACK_COLUMNS, "status")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in requests:
            writer.writerow([row[name] for name in columns])
        return Response(200, out.getvalue().encode("utf-8"), [("Content-Type", "text/csv; charset=utf-8")])

    # -- the deprecated 1.0 API --------------------------------------------------------------------

    def _legacy(self, request: Request) -> Response:
        if self._local.remote_addr not in self.legacy_allowed:
            return _error(403, "Forbidden", "The 1.0 API is deprecated and not enabled for this address")
        rest = request.path[len(LEGACY_API):].rstrip("/")  # the seed's 1.0 URLs end with "/"
        for method, pattern, handler in _LEGACY_COMPILED:
            match = pattern.fullmatch(rest)
            if match and method == request.method:
                params = match.groupdict()
                params.pop("domain", None)
                return getattr(self, handler)(request, **params)
        return _error(404, "NotFound", "Unknown endpoint")

    @staticmethod
    def _done() -> Response:
        return Response(200, b"", [])

    def _legacy_connect(self, request, username):
        body = self._body(request)
        password = body.get("password")
        if not isinstance(password, str) or not self._password_matches(self.cti_users.get(username), password):
            _refuse(401, "InvalidCredentials", "Invalid login and/or invalid password")
        self._connected.add(username)
        return self._done()

    def _legacy_dnd(self, request, username):
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", {"state": bool})
        self._cti_user(username)
        self.dnd[username] = body["state"]
        return self._done()

    def _legacy_dial(self, request, username):
        body = self._body(request)
        self._fields(body, "BadRequest", {"number": str})
        self._cti_user(username, connected=True)
        self._dialed("number", username, body["number"], {})
        return self._done()

    def _legacy_dial_by_username(self, request, username):
        body = self._body(request)
        self._fields(body, "BadRequest", {"username": str})
        self._cti_user(username, connected=True)
        callee = self._cti_user(body["username"])
        self._dialed("user", username, callee.number, {}, callee=body["username"])
        return self._done()

    def _legacy_dial_from_queue(self, request, username):
        body = self._body(request)
        self._fields(body, "BadRequest", {"destination": str, "queueId": int},
                     {"callerIdName": str, "callerIdNumber": str, "variables": dict})
        self._cti_user(username, connected=True)
        self._dialed("fromqueue", username, body["destination"], body.get("variables", {}), queueId=body["queueId"])
        return self._done()

    def _legacy_forward(self, request, username):
        kind = LEGACY_FORWARDS[request.path[len(LEGACY_API) + 1:].split("/")[0]]
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", {"state": bool, "destination": str})
        self._cti_user(username)
        self.forwards[username][kind] = {"enabled": body["state"], "destination": body["destination"]}
        return self._done()

    def _legacy_agent_login(self, request):
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", {"agentphonenumber": str, "agentnumber": str})
        self.agents[body["agentnumber"]] = {"phoneNumber": body["agentphonenumber"], "paused": False}
        return self._done()

    def _agent_on(self, request) -> str:
        body = self._body(request)
        self._fields(body, "JsonErrorDecoding", {"phoneNumber": str})
        for number, agent in self.agents.items():
            if agent["phoneNumber"] == body["phoneNumber"]:
                return number
        _refuse(400, "BadRequest", f"No agent is logged on {body['phoneNumber']}")

    def _legacy_agent_logout(self, request):
        del self.agents[self._agent_on(request)]
        return self._done()

    def _legacy_toggle_pause(self, request):
        agent = self.agents[self._agent_on(request)]
        agent["paused"] = not agent["paused"]
        return self._done()

    def _legacy_history(self, request, username):
        self._cti_user(username)
        if "days" in request.query:
            return Response.json(200, self._calls_since(username, self._count(request, "days")))
        return Response.json(200, self._calls_of(username)[:self._count(request, "size")])
