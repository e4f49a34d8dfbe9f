"""The XUC REST 2.0 seed's examples (seed 004) and a recording httpx2 handler answering with them.

A module of its own, imported by name by the XUC client tests (no conftest.py: the event
receiver's tests share this folder). The login answers carry a JWT built here with the claims
the seed lists (login, expiresAt, issuedAt in ms, userType, acls); its signature is junk, as the
client never verifies it.
"""

from __future__ import annotations

import base64
import json
import threading

import httpx2

from bridge.clients.retry import NO_RETRY
from bridge.clients.xuc import AsyncXucClient, CtiUser, WebServiceUser, XucClient
from bridge.testing.fakes.xuc_fixtures import HISTORY  # the seed's history example (its 1.0 answer), as the fake holds it

BASE_URL = "https://xuc.example.com:8090"
API = "/xuc/api/2.0"
WS_LOGIN, WS_PASSWORD = "web_service_user_login", "web_service_user_password"
CTI_LOGIN, CTI_PASSWORD = "cti_user_login", "cti_user_password"
NOW = 1_700_000_000.0  # the tests' wall clock (seconds since the epoch)
TTL = 3600

WEB_SERVICE_ACLS = ["xuc.rest.dial.number.*.create", "xuc.rest.dial.user.*.create", "xuc.rest.dial.fromqueue.create",
                    "xuc.rest.dial.toqueue.create", "xuc.rest.dnd.*.create", "xuc.rest.forward.unconditional.*.create",
                    "xuc.rest.forward.noanswer.*.create", "xuc.rest.forward.busy.*.create",
                    "xuc.rest.history.*.read", "xuc.rest.history.days.*.read",
                    "xuc.rest.callback_lists.callback_requests.csv.create",
                    "xuc.rest.callback_lists.callback_tickets.csv.create"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt(login: str = WS_LOGIN, *, user_type: str = "webservice", acls=None, expires_at: float | None = NOW + TTL,
        issued_at: float = NOW, serial: int = 1) -> str:
    """A JWT with the seed's claims (times given in seconds, written in milliseconds)."""
    claims = {"login": login, "issuedAt": int(issued_at * 1000), "userType": user_type,
              "acls": WEB_SERVICE_ACLS if acls is None else acls, "serial": serial}
    if expires_at is not None:
        claims["expiresAt"] = int(expires_at * 1000)
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}.{b64url(b'not-verified-signature')}"


# The seed's examples.
CONTACT = {"id": "28079dc0-2c6b-4332-9075-61da9229389f", "firstname": "doe", "lastname": "john", "number": "1111",
           "mobile": "2222", "fax": "3333", "email": "j.doe@my.corp", "company": "corp"}
CONTACTS = {"entries": [{"status": 0, "entry": ["hawkeye", "pierce", "1002", "0761187406", "false"]},
                        {"status": -2, "entry": ["peter", "pan", "1004", "", "false"]}],
            "headers": ["Firstname", "Lastname", "Number", "Mobile", "Favorite"]}
CONTACTS_CSV = "company,email,fax,firstname,lastname,mobile,number\ncorp,jdoe@company.corp,3333,John,Doe,2222,1111\n"
IMPORTED = {"created": [{"id": "e62ee672-f74a-498c-b138-86ac1b0ae429", "lastname": "Wayne"},
                        {"id": "d3a67f8e-3d8a-465a-9633-bde65a41f1bb", "lastname": "Hawking"}],
            "failed": [{"line": 3, "errors": ["too many fields"]}]}
QUALIFICATIONS = [{"id": 6, "name": "General Questions", "subQualifications": [{"id": 14, "name": "Common"},
                                                                              {"id": 15, "name": "Technical"}]},
                  {"id": 5, "name": "Support", "subQualifications": [{"id": 12, "name": "Technical"},
                                                                     {"id": 13, "name": "General"}]}]
QUALIFICATION_ANSWER = {"sub_qualification_id": 1, "time": "2018-03-21 17:00:00", "callid": "callid1", "agent": 1,
                        "queue": 1, "first_name": "john", "last_name": "doe", "comment": "some comment",
                        "custom_data": "some custom data"}
QUALIFICATIONS_CSV = ("sub_qualification_id,time,callid,agent,queue,first_name,last_name,comment,custom_data\n"
                      "1,2018-03-21 17:00:00,callid1,1,1,john,doe,some comment,some custom data\n")
CALLBACKS_CSV = ("phoneNumber|mobilePhoneNumber|firstName|lastName|company|description|dueDate|period\n"
                 "0230210092|0689746321|John|Doe|MyCompany|Call back quickly||\n"
                 "0587963214|0789654123|Alice|O'Neill|YourSociety||2016-08-01|Afternoon")
SUCCESS = {"res": "success"}

LOGIN_PATHS = {API + "/auth/login", API + "/auth/webservice", API + "/auth/sso", API + "/auth/cas",
               API + "/auth/oidc"}


class Xuc:
    """An httpx2 handler: each login issues ``jwt(serial=n)`` (``token_for(n)``) with ``TTL``
    (None: no TTL, as Kerberos and CAS), ``/auth/check`` renews a valid token; a call with a
    token not issued or revoked gets 403 TokenExpired. ``routes`` maps "METHOD /path" (under
    /xuc/api/2.0 or the full 1.0 path) to a JSON body, an ``httpx2.Response`` or a function of the
    request. Every request is recorded (thread-safe)."""

    def __init__(self, routes=None, *, ttl=TTL, user_type="webservice", acls=None, lifetime=TTL):
        self.routes = dict(routes or {})
        self.ttl, self.user_type, self.acls, self.lifetime = ttl, user_type, acls, lifetime
        self.requests: list[httpx2.Request] = []
        self.issued: list[str] = []
        self.valid: set[str] = set()
        self.refusals = 0
        self._lock = threading.Lock()

    def token_for(self, n: int) -> str:
        return self.issued[n - 1]

    def _issue(self) -> httpx2.Response:
        token = jwt(user_type=self.user_type, acls=self.acls, serial=len(self.issued) + 1,
                    expires_at=NOW + self.lifetime if self.lifetime is not None else None)
        self.issued.append(token)
        self.valid.add(token)
        body = {"login": WS_LOGIN, "token": token}
        if self.ttl is not None:
            body["TTL"] = self.ttl
        return httpx2.Response(200, json=body)

    def expire_all(self) -> None:
        with self._lock:
            self.valid.clear()

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        with self._lock:
            self.requests.append(request)
            path = request.url.raw_path.decode("ascii").split("?")[0]
            bearer = (request.headers.get("authorization") or "").removeprefix("Bearer ")
            if path in LOGIN_PATHS and f"{request.method} {path.removeprefix(API)}" not in self.routes:
                return self._issue()
            if path == API + "/auth/check":
                if bearer not in self.valid:
                    return httpx2.Response(403, json={"error": "TokenExpired", "message": "Token expired"})
                return self._issue()
            key = f"{request.method} {path.removeprefix(API)}"
            if path.startswith(API) and path not in LOGIN_PATHS:
                if "authorization" not in request.headers:
                    return httpx2.Response(400, json={"error": "AuthorizationHeaderNotFound", "message": "no header"})
                if bearer not in self.valid:
                    self.refusals += 1
                    return httpx2.Response(403, json={"error": "TokenExpired", "message": "Token expired"})
            answer = self.routes.get(key)
        if answer is None:
            return httpx2.Response(404, json={"error": "NotHandledError", "message": f"no route {key}"})
        if callable(answer):
            return answer(request)
        if isinstance(answer, httpx2.Response):
            return answer
        return httpx2.Response(200, json=answer)

    def calls(self) -> list[httpx2.Request]:
        """The requests but the logins and renewals."""
        return [r for r in self.requests if r.url.path not in LOGIN_PATHS | {API + "/auth/check"}]

    def paths(self) -> list[str]:
        return [r.url.path.removeprefix(API) for r in self.requests]


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def client(handler, credentials=None, **options) -> XucClient:
    options.setdefault("retry", NO_RETRY)
    options.setdefault("wall_clock", Clock(NOW))
    return XucClient(BASE_URL, credentials or WebServiceUser(WS_LOGIN, WS_PASSWORD),
                     transport=httpx2.MockTransport(handler), **options)


def async_client(handler, credentials=None, **options) -> AsyncXucClient:
    options.setdefault("retry", NO_RETRY)
    options.setdefault("wall_clock", Clock(NOW))
    return AsyncXucClient(BASE_URL, credentials or WebServiceUser(WS_LOGIN, WS_PASSWORD),
                          transport=httpx2.MockTransport(handler), **options)


def cti(handler, **options) -> XucClient:
    return client(handler, CtiUser(CTI_LOGIN, CTI_PASSWORD), **options)


def body(request: httpx2.Request):
    return json.loads(request.content)
