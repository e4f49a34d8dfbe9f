"""The UCS REST seed's examples (seed 000) and a recording httpx2 handler that answers with them.

A module of its own, imported by name by the UCS client tests ("conftest" would be whichever
conftest.py pytest loaded last). The examples are the document's, with its "..." elisions left out;
where an example is not valid JSON the correction is commented next to it.
"""

from __future__ import annotations

import json
import threading

import httpx2

from bridge.clients.ucs import AsyncUcsClient, UcsClient

BASE_URL = "https://ucs.example.com"
CLIENT_ID = "service_account_username_in_ucs"
CLIENT_SECRET = "service_account_password_in_ucs"
TOKEN = "AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz"
API = "/api/v1.0"

LOGIN_OK = {"access_token": TOKEN, "token_type": "Bearer", "expires_in": "3610"}
LOGIN_BAD_REQUEST = {"error": "invalid_request",
                     "error_description": "We support only \"client_credentials\" grant type",
                     "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"}
LOGIN_BAD_CREDENTIALS = {"error": "invalid_client", "error_description": "Invalid username or password",
                         "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"}

STATUS = {
    "success": True,
    "trunks": {"1": {"name": "SIPY", "status": 1, "rtt": 1}, "2": {"name": "external", "status": 0, "rtt": 0}},
    "phones": {
        "1": {"name": "System", "configured": 279, "configured_ipphones": 16, "configured_softphones": 263,
              "available": 0, "available_ipphones": 0, "available_softphones": 0, "dead": 11, "dead_ipphones": 2,
              "dead_softphones": 9, "paired": 11, "paired_ipphones": 2, "paired_softphones": 9},
        "3": {"name": "Testik", "configured": 2, "configured_ipphones": 1, "configured_softphones": 1,
              "available": 0, "available_ipphones": 0, "available_softphones": 0, "dead": 0, "dead_ipphones": 0,
              "dead_softphones": 0, "paired": 0, "paired_ipphones": 0, "paired_softphones": 0},
    },
    "ucs": 0, "api": 0, "postgres": 14, "asterisk": 1, "light-log": 0, "tftp": 1, "stunserver": 1,
    "webserver": 3, "nats-server": 1,
}

QUEUE = {
    "id": 74, "active": True, "group_id": 11, "type": 1, "number": "10099", "name": "NONLIFE CZ",
    "callers_waiting": 0, "callers_ringing": 0, "callers_talking": 0, "agents_idle": 0, "agents_ringing": 0,
    "agents_talking": 0, "agents_acw": 0, "agents_aux": 0, "answered": 1567, "overflowed": 1, "abandoned": 336,
    "talktime": 314549, "waittime": 270986, "answered_wait_time": 227409.22137379646, "answered_in_service": 740,
    "answered_in_work_hours": 0, "answered_in_work_and_sl": 0, "abandoned_in_threshold": 140,
    "abandoned_in_work_hours": 0, "abandoned_in_work_and_sl": 0, "abandoned_full": 0,
    "sl": {"day": [740, 1763], "week": [4184, 9405], "month": [17929, 28297], "quarter": [44922, 69392]},
    "sl_work": {"day": [0, 0], "week": [0, 0], "month": [0, 0], "quarter": [0, 0]},
    "last_call_enter": 1724428798.475978, "last_call_answer": 1724428717.4761183, "callers": [],
}
# Not in the seed: a queue type a newer UCS might add (the seed's types are 0-3).
QUEUE_OF_UNKNOWN_TYPE = {"id": 75, "type": 7, "name": "chat"}
QUEUES = {"success": True, "data": [QUEUE, QUEUE_OF_UNKNOWN_TYPE]}

GROUPS = {"success": True, "data": [
    {"id": 1, "name": "System", "external_id": None}, {"id": 3, "name": " Testik", "external_id": "1234"},
    {"id": 7, "name": " Test2", "external_id": "2222"}, {"id": 9, "name": " NN - Brokerska", "external_id": "broker1"},
    {"id": 10, "name": " Markuv Servicedesk", "external_id": "service1"}]}

ROLES = {"success": True, "data": [
    {"id": 1, "group_id": 1, "name": "Administrator"}, {"id": 6, "group_id": 1, "name": "Alice"},
    {"id": 7, "group_id": 1, "name": "Bob"}, {"id": 9, "group_id": 10, "name": "Bot"},
    {"id": 8, "group_id": 1, "name": "Charlie"}]}

TEAM = {
    "id": 8, "group_id": 1, "name": "Markuv Team", "note": "Team TEAM TEAM!!!!",
    "aux_reasons": [{"reason": "Nemám rád šmouly", "break": False, "color": "ff0000", "limit": None,
                     "hidden": False}],
    "contacts": [],
    "tasks": {"person": 0, "person_url": None, "call": 0, "call_url": None, "email": 0, "email_url": None},
    "maximum_assigned_emails": None, "default_inbound_priority": 100, "default_inbound_acw": False,
    "default_inbound_acw_timeout": None, "default_inbound_busy": None, "default_inbound_busy_timeout": None,
    "default_outbound_acw": False, "default_outbound_acw_timeout": None, "default_email_priority": 100,
    "default_email_languages": {"cs_CZ": 100, "en_US": 100, "de_DE": 100, "ru_RU": 100},
    "default_email_assigned": None, "default_task_priority": 100, "color_agent_offline": None,
    "color_agent_ready": "188b35", "color_agent_acw": "ffda1f", "color_agent_aux": "ff9500",
    "color_agent_ringing": "a1ff2e", "color_agent_talking": "a1ff29", "color_phone_offline": None,
    "color_phone_idle": "00bfff", "color_phone_ringing": "ff00ea", "color_phone_talking": "ff00ea",
    "breaks_limit": None, "transfer_to_agent": False, "transfer_to_queue": False,
    "channels": {"inbound": False, "task": False, "email": False, "chat": False, "dialer": False},
}
TEAMS = {"success": True, "data": [TEAM]}

CALL_RECORD = {
    "price": 0, "duration": 524, "src_number": "+420776000001", "src_name": "", "dst_number": "1800",
    "dst_name": " Bob", "src_internal": False, "dst_internal": True, "calldate": "2024-08-07 10:17:04",
    "connected": "2024-08-07 10:17:07", "disconnected": "2024-08-07 10:25:51", "src_extension_id": None,
    "dst_extension_id": 75, "src_user_id": None, "dst_user_id": 11, "src_type": "trunk", "dst_type": "phone",
    "xfer_users": None, "trunk_id": None, "uniqueid": "1723018607.115",
    "metadata": {"ucrm_interaction_id": 30391, "outbound_id": 0},
    "src_group_id": 1, "dst_group_id": 1, "pilot_number": "0776000001", "ring_time": 4, "talk_time": 524,
    "hold_time": 0, "cause": 3, "recording": True, "recording_duration": 523,
    "path": [
        {"date": "2024-08-07 10:16:47", "type": 1, "number": "0776000001", "name": "SIPY"},
        {"date": "2024-08-07 10:17:04", "type": 10000, "number": "1800", "name": "Bob SP"},
        {"date": "2024-08-07 10:17:04", "type": 10711, "number": "1800", "name": " Bob"},
        {"date": "2024-08-07 10:17:04", "type": 10001, "number": "1800", "name": "Bob SP"},
        {"date": "2024-08-07 10:17:07", "type": 10002, "number": "1800", "name": "Bob SP"},
        {"date": "2024-08-07 10:25:51", "type": 10720, "number": "0776000001", "name": ""},
        {"date": "2024-08-07 10:25:51", "type": 10, "number": "0776000001", "name": ""},
    ],
}

METADATA = {"success": True, "data": {"ucrm_interaction_id": 30391, "outbound_id": 0}}
METADATA_UPDATE = {"outbound_id": None, "pokus": "hokus"}
METADATA_UPDATED = {"success": True, "data": {"ucrm_interaction_id": 30391, "pokus": "hokus"}}

SHARED_VALUE = {"type": "osl", "data": {"SWS": {"OneSolution": {"Waiting": 5, "Processed": 0}},
                                        "KPK": {"OneSolution": {"Waiting": 2, "Doing": 4}}}}
SHARED_UPDATE = {"type": "osl", "data": {"SWS": {"OneSolution": {"Waiting": 4, "Processed": 1}},
                                         "KPK": {"OneSolution": {"Waiting": 2, "Doing": 4}}}}

USERS = {"success": True, "data": [{"id": 1, "name": "admin", "external_id": "asdf"},
                                   {"id": 10, "name": "Alice", "external_id": None},
                                   {"id": 11, "name": "Bob", "external_id": "2468"}]}
# The seed's detail, "..." left out. "firstname": "null" is a string in the seed: kept as it came.
USER = {"id": 1, "active": True, "external_id": "asdf", "group_id": 1, "role_id": 1, "team_id": None,
        "locale": "en_US", "username": "admin", "firstname": "null", "lastname": None, "displayname": "admin"}
CREATE_USER = {"username": "test", "group_id": 1}
# The seed's bodies end with a trailing comma ("team_id": 1,): the corrected JSON is sent.
UPDATE_USER = {"external_id": "T1000", "password": "1pokus+Hokus2", "team_id": 1}
UPDATE_USER_REFUSED_BODY = {"external_id": "t123456", "number": "cislo", "filter_id": "PSTN"}
UPDATE_USER_REFUSED = {"success": False, "data": {"number": "contain invalid character (invalid character \"c\")",
                                                  "filter_id": "value must be integer number"}}

MEMBERSHIP = {"success": True, "data": [
    {"id": 1, "name": "Admin Ucska", "external_id": "asdf", "queues": [
        {"id": 146, "type": 3, "priority": 100, "suspended": False},
        {"id": 123, "type": 2, "priority": 80, "suspended": False},
        {"id": 82, "type": 1, "priority": 1, "suspended": True},
        {"id": 103, "type": 0, "priority": 100, "suspended": False}]},
    {"id": 11, "name": "Bob", "external_id": "2468", "queues": [
        {"id": 234, "type": 0, "priority": 50, "suspended": False}]},
    {"id": 43, "name": "Pokus Bezfrontovej", "external_id": "nonono", "queues": []}]}
MEMBERSHIP_UPDATE = [
    {"id": 1, "queues": [{"id": 146}, {"id": 123, "priority": 80, "suspended": False},
                         {"id": 82, "suspended": False}]},
    {"external_id": "2468", "queues": [{"id": 82}, {"id": 0}]},
    {"id": 0, "queues": []},
    {"external_id": "neexistuje", "queues": []},
]
# The seed's per-queue results are not valid JSON: {"id": 146, "success": true, "Nothing to change"}
# has a bare string where a key and a value belong. Corrected as "message": "Nothing to change"
# (the key the client's QueueUpdateResult reads).
MEMBERSHIP_UPDATED = {"success": True, "data": [
    {"id": 1, "success": True, "queues": [
        {"id": 146, "success": True, "message": "Nothing to change"},
        {"id": 123, "success": True, "message": "Nothing to change"},
        {"id": 82, "success": True, "message": "Agent membership updated"},
        {"id": 103, "success": True, "message": "Agent removed from queue"}]},
    {"external_id": "2468", "success": True, "queues": [
        {"id": 82, "success": True, "message": "Agent added into queue"},
        {"id": 0, "success": False, "message": "Unknown queue id"}]},
    {"id": 0, "success": False, "error": "Unknown agent id", "queues": []},
    {"external_id": "neexistuje", "success": False, "error": "Unknown agent external_id", "queues": []}]}

PERSONS_PAGE = {"success": True, "data": [
    {"id": 26920, "group_id": 1, "displayname": "Abrhám Václav", "firstname": "Václav", "lastname": "Abrhám",
     "external_id": "16943"},
    {"id": 13270, "group_id": 1, "displayname": "Adamec Lukáš", "firstname": "Lukáš", "lastname": "Adamec",
     "external_id": "20451"},
    {"id": 25677, "group_id": 1, "displayname": "Albert Antonín", "firstname": "Antonín", "lastname": "Albert",
     "external_id": "23393"}], "total": 26907}
# The seed's contacts list ends with a trailing comma: dropped.
PERSON = {"id": 59233, "group_id": 1, "displayname": "Ing. Petr Novák VIP", "firstname": "Petr", "lastname": "Novák",
          "note": "Pozor, je to převelice důležitý zákoš…", "external_id": "abc123",
          "data": {"expires": "2025-01-01 00:00:00"},
          "contacts": [{"id": 71615, "type": 2, "contact": "a@b.cd", "label": "e-mail"},
                       {"id": 71616, "type": 1, "contact": "+420654321987", "label": "mobil"}],
          "interactions": [], "companies": [], "tasks": []}
CREATE_PERSON = {"group_id": 1, "displayname": "Martin Dvořák", "external_id": "321654987",
                 "contacts": [{"type": 1, "contact": "+420222333444", "label": "kancelář"}]}
UPDATE_PERSON = {"firstname": "Martin", "lastname": "Dvořák"}

COMPANIES_PAGE = {"success": True, "data": [
    {"id": 5313, "group_id": 1, "name": "Acme inc.", "external_id": "74"},
    {"id": 2919, "group_id": 1, "name": "All happy, ltd.", "external_id": "13873"},
    {"id": 1677, "group_id": 1, "name": "AZ s.r.o.", "external_id": "6694"}], "total": 10611}
# The seed's company detail has unquoted keys (success:, data:) and keys missing their closing
# quote ("id: 10764): corrected.
COMPANY = {"id": 10764, "group_id": 1, "name": "INSOFT s.r.o.", "external_id": "ins", "data": {"ico": "04110889"},
           "persons": [{"person_id": 123456, "role": "majitel"}], "tasks": []}
CREATE_COMPANY = {"group_id": 1, "name": "Společnost a.s."}
UPDATE_COMPANY = {"persons": [{"person_id": 123456, "role": "dodavatel"}, {"person_id": 123457, "role": "jednatel"}]}

EMPTY = {"success": True, "data": None}


def ok(data) -> dict:
    return {"success": True, "data": data}


class Seed:
    """An httpx2 handler: the login answers ``LOGIN_OK``, ``routes`` maps "METHOD /path" (path
    under /api/v1.0, as sent) to a JSON body or to a function of the request returning an
    ``httpx2.Response``. Every request is recorded (thread-safe)."""

    def __init__(self, routes: dict | None = None, login=None):
        self.routes = dict(routes or {})
        self.login = login
        self.requests: list[httpx2.Request] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        with self._lock:
            self.requests.append(request)
        if request.url.path == "/login/oauth2/token":
            answer = self.login if self.login is not None else LOGIN_OK
        else:
            path = request.url.raw_path.decode("ascii").split("?")[0]
            key = f"{request.method} {path.removeprefix(API)}"
            if key not in self.routes:
                return httpx2.Response(404, json={"error": f"no route {key}"})
            answer = self.routes[key]
        return answer(request) if callable(answer) else httpx2.Response(200, json=answer)

    @property
    def api_requests(self) -> list[httpx2.Request]:
        return [r for r in self.requests if r.url.path != "/login/oauth2/token"]

    @property
    def logins(self) -> list[httpx2.Request]:
        return [r for r in self.requests if r.url.path == "/login/oauth2/token"]


def body(request: httpx2.Request):
    return json.loads(request.content)


def client(handler, **options) -> UcsClient:
    return UcsClient(BASE_URL, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                     transport=httpx2.MockTransport(handler), **options)


def async_client(handler, **options) -> AsyncUcsClient:
    return AsyncUcsClient(BASE_URL, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                          transport=httpx2.MockTransport(handler), **options)


class PersonStore:
    """``GET /crm/persons`` over ``count`` persons, as the seed pages them (limit, offset, total);
    ``total=False`` leaves the total out. Records every (limit, offset) asked for."""

    def __init__(self, count: int, *, total: bool = True, max_page: int | None = None):
        self.persons = [{"id": n, "group_id": 1, "displayname": f"Person {n}"} for n in range(1, count + 1)]
        self.with_total = total
        self.max_page = max_page  # a server's own cap on a page, below the limit asked for
        self.pages: list[tuple[int, int]] = []

    def page(self, request: httpx2.Request) -> dict:
        limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
        self.pages.append((limit, offset))
        if self.max_page is not None:
            limit = min(limit, self.max_page)
        answer = {"success": True, "data": self.persons[offset:offset + limit]}
        if self.with_total:
            answer["total"] = len(self.persons)
        return answer

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json=self.page(request))


class RenewingServer:
    """A UCS whose token can be expired: login number n issues ``token-number-n``; an API call
    with anything but the valid token is answered 401. The tests wrap :meth:`answer` in a slow
    sync or async handler so that concurrent calls overlap."""

    def __init__(self):
        self.logins = 0
        self.valid: str | None = None
        self.refused = 0
        self._lock = threading.Lock()

    def expire(self) -> None:
        self.valid = None

    def answer(self, request: httpx2.Request) -> httpx2.Response:
        with self._lock:
            if request.url.path == "/login/oauth2/token":
                self.logins += 1
                self.valid = f"token-number-{self.logins}"
                return httpx2.Response(200, json={"access_token": self.valid, "token_type": "Bearer",
                                                  "expires_in": "3610"})
            if request.headers.get("authorization") != f"Bearer {self.valid}":
                self.refused += 1
                return httpx2.Response(401, json={"error": "invalid_token"})
            return httpx2.Response(200, json={"success": True, "data": []})
