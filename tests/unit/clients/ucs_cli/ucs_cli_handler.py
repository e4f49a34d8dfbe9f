"""A minimal UCS REST server for the CLI tests, as an ``httpx2.MockTransport`` handler: the
answers of seed 000 (OAuth login, envelopes, µCRM persons with limit/offset/total, contacts
replaced by a PATCH, ``success: false`` with field messages). Until the shared fake
(bridge/testing/fakes/ucs.py) is on main; then these tests can run against it instead."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote

import httpx2

CLIENT_ID = "crm-sync"
SECRET = "s3cret-for-cli-tests"
TOKEN = "AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz"
GROUPS = {1, 3}
API = "/api/v1.0"


def ok(data, **more):
    return httpx2.Response(200, json={"success": True, "data": data, **more})


def refused(fields):
    return httpx2.Response(200, json={"success": False, "data": fields})


class UcsHandler:
    """The server's state and its request log (method, path) for the tests to count writes."""

    def __init__(self, persons=()):
        self.persons: dict[int, dict] = {}
        self.next_id = 59233
        self.log: list[tuple[str, str]] = []
        self.patches: list[dict] = []  # the body of each PATCH, in order
        self.metadata = {"1500000000.123": {"ticket": "T-1", "crm": "x"}}
        for person in persons:
            self.add(dict(person))

    def add(self, person: dict) -> int:
        person.setdefault("id", self.next_id)
        self.next_id = max(self.next_id, person["id"]) + 1
        person.setdefault("contacts", [])
        self.persons[person["id"]] = person
        return person["id"]

    @property
    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.log if m in ("POST", "PATCH", "DELETE") and p != "/login/oauth2/token"]

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        path = unquote(request.url.path)
        self.log.append((request.method, path))
        if path == "/login/oauth2/token":
            body = json.loads(request.content)
            if body.get("client_id") != CLIENT_ID or body.get("client_secret") != SECRET:
                return httpx2.Response(401, json={"error": "invalid_client",
                                                  "error_description": "Invalid username or password",
                                                  "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"})
            return httpx2.Response(200, json={"access_token": TOKEN, "token_type": "Bearer", "expires_in": "3610"})
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return httpx2.Response(401, json={"success": False, "error": "Unauthorized"})
        return self.route(request.method, path[len(API):], request)

    def route(self, method, path, request):
        if (method, path) == ("GET", "/status"):
            return httpx2.Response(200, json={"success": True, "trunks": {"1": {"name": "SIPY", "status": 1, "rtt": 1}},
                                              "phones": {"1": {"name": "System", "configured": 279, "available": 0,
                                                               "dead": 11, "paired": 11}},
                                              "ucs": 0, "api": 0, "postgres": 14, "asterisk": 1})
        if (method, path) == ("GET", "/queues"):
            return ok([{"id": 1, "active": True, "group_id": 1, "type": 1, "number": "100", "name": "Support",
                        "callers_waiting": 2, "agents_idle": 3}])
        if (method, path) == ("GET", "/users"):
            return ok([{"id": 1, "name": "admin", "external_id": "asdf"}, {"id": 10, "name": "Alice", "external_id": None}])
        if method == "GET" and path.startswith("/call/"):
            if path != "/call/1500000000.123":
                return httpx2.Response(200, json={"success": False, "error": "Call not found"})
            return ok({"uniqueid": "1500000000.123", "duration": 42, "src_number": "+420222333444", "src_internal": False,
                       "dst_internal": True, "cause": 16, "recording": True,
                       "path": [{"date": "2024-01-01 10:00:00", "type": 1, "number": "100", "name": "Support"}]})
        if path.startswith("/metadata/"):
            uniqueid = path[len("/metadata/"):]
            if uniqueid not in self.metadata:
                return httpx2.Response(200, json={"success": False, "error": "Unknown call"})
            if method == "POST":
                for key, value in json.loads(request.content).items():
                    if value is None:
                        self.metadata[uniqueid].pop(key, None)
                    else:
                        self.metadata[uniqueid][key] = value
            return ok(self.metadata[uniqueid])
        if (method, path) == ("GET", "/crm/persons"):
            query = parse_qs(request.url.query.decode() if isinstance(request.url.query, bytes) else request.url.query)
            limit, offset = int(query["limit"][0]), int(query["offset"][0])
            everyone = sorted(self.persons.values(), key=lambda p: p["id"])
            # The list carries what seed 000's example shows: no note, no contacts.
            listed = [{k: p.get(k) for k in ("id", "group_id", "displayname", "firstname", "lastname", "external_id")}
                      for p in everyone[offset:offset + limit]]
            return ok(listed, total=len(everyone))
        if path.startswith("/crm/person/external/") and method == "GET":
            key = path[len("/crm/person/external/"):]
            found = [p for p in self.persons.values() if p.get("external_id") == key]
            return ok(found[0]) if found else httpx2.Response(200, json={"success": False, "error": "Person not found"})
        if (method, path) == ("POST", "/crm/person"):
            body = json.loads(request.content)
            if body.get("group_id") not in GROUPS:
                return refused({"group_id": "Group does not exist"})
            return ok(self.add(self._with_contact_ids(body)))
        if path.startswith("/crm/person/"):
            person = self.persons.get(int(path[len("/crm/person/"):]))
            if person is None:
                return httpx2.Response(200, json={"success": False, "error": "Person not found"})
            if method == "GET":
                return ok(person)
            if method == "PATCH":
                body = json.loads(request.content)
                self.patches.append(dict(body))
                if "group_id" in body and body["group_id"] not in GROUPS:
                    return refused({"group_id": "Group does not exist"})  # refuses the whole update
                person.update(self._with_contact_ids(body))
                return ok(None)
        return httpx2.Response(404, text="no such route")

    def _with_contact_ids(self, body):
        if "contacts" in body:
            body["contacts"] = [{"id": 70000 + i, "label": None, **c} for i, c in enumerate(body["contacts"])]
        return body
