"""Each UCS operation sends the request the seed shows: method, path, JSON body, query, Bearer header;
and the login is the seed's OAuth request, outside /api/v1.0."""

import json

import httpx2
import pytest

from ucs_helpers import (API, BASE_URL, CLIENT_ID, CLIENT_SECRET, CREATE_COMPANY, CREATE_PERSON, CREATE_USER,
                         EMPTY, LOGIN_OK, MEMBERSHIP_UPDATE, METADATA_UPDATE, SHARED_UPDATE, TOKEN, UPDATE_COMPANY,
                         UPDATE_PERSON, UPDATE_USER, Seed, body, client, ok)

# (what the client is asked, the request the seed shows: method, path and query, JSON body or None)
CASES = [
    (lambda c: c.status(), "GET", "/status", None),
    (lambda c: c.queues(), "GET", "/queues", None),
    (lambda c: c.groups(), "GET", "/groups", None),
    (lambda c: c.roles(), "GET", "/roles", None),
    (lambda c: c.teams(), "GET", "/teams", None),
    (lambda c: c.call_record("1723018607.115"), "GET", "/call/1723018607.115", None),
    (lambda c: c.metadata("1723018607.115"), "GET", "/metadata/1723018607.115", None),
    (lambda c: c.update_metadata("1723018607.115", METADATA_UPDATE), "POST", "/metadata/1723018607.115",
     METADATA_UPDATE),
    (lambda c: c.shared_data("osl_chats"), "GET", "/shared/osl_chats", None),
    (lambda c: c.update_shared_data("osl_chats", SHARED_UPDATE), "POST", "/shared/osl_chats", SHARED_UPDATE),
    (lambda c: c.users(), "GET", "/users", None),
    (lambda c: c.user(123), "GET", "/user/123", None),
    (lambda c: c.user_by_external_id("asdf"), "GET", "/user/external/asdf", None),
    (lambda c: c.create_user(CREATE_USER), "POST", "/user", CREATE_USER),
    (lambda c: c.update_user(123, UPDATE_USER), "PATCH", "/user/123", UPDATE_USER),
    (lambda c: c.update_user_by_external_id("T1000", UPDATE_USER), "PATCH", "/user/external/T1000", UPDATE_USER),
    (lambda c: c.delete_user(123), "DELETE", "/user/123", None),
    (lambda c: c.delete_user_by_external_id("T1000"), "DELETE", "/user/external/T1000", None),
    (lambda c: c.queue_membership(), "GET", "/queues/agents", None),
    (lambda c: c.update_queue_membership(MEMBERSHIP_UPDATE), "POST", "/queues/agents", MEMBERSHIP_UPDATE),
    (lambda c: c.persons(50, 100), "GET", "/crm/persons?limit=50&offset=100", None),
    (lambda c: c.person(59233), "GET", "/crm/person/59233", None),
    (lambda c: c.person_by_external_id("abc123"), "GET", "/crm/person/external/abc123", None),
    (lambda c: c.create_person(CREATE_PERSON), "POST", "/crm/person", CREATE_PERSON),
    (lambda c: c.update_person(123456, UPDATE_PERSON), "PATCH", "/crm/person/123456", UPDATE_PERSON),
    (lambda c: c.delete_person(123456), "DELETE", "/crm/person/123456", None),
    (lambda c: c.companies(50, 100), "GET", "/crm/companies?limit=50&offset=100", None),
    (lambda c: c.company(10764), "GET", "/crm/company/10764", None),
    (lambda c: c.company_by_external_id("ins"), "GET", "/crm/company/external/ins", None),
    (lambda c: c.create_company(CREATE_COMPANY), "POST", "/crm/company", CREATE_COMPANY),
    (lambda c: c.update_company(123456, UPDATE_COMPANY), "PATCH", "/crm/company/123456", UPDATE_COMPANY),
    (lambda c: c.delete_company(10764), "DELETE", "/crm/company/10764", None),
]


def answer_anything(request):
    """Whatever the request, an answer its reader accepts: the request is what is checked here."""
    path = request.url.path
    if path.endswith(("/crm/persons", "/crm/companies")):
        return httpx2.Response(200, json={"success": True, "data": [], "total": 0})
    if request.method == "GET" and path.rstrip("/").split("/")[-1] in ("queues", "groups", "roles", "teams", "users",
                                                                        "agents"):
        return httpx2.Response(200, json=ok([]))
    if request.method == "POST" and path.endswith("/queues/agents"):
        return httpx2.Response(200, json=ok([]))
    if path.endswith("/status"):
        return httpx2.Response(200, json={"success": True})
    if request.method == "POST" and path.endswith(("/user", "/crm/person", "/crm/company")):
        return httpx2.Response(200, json=ok(123))
    if "/metadata/" in path or request.method == "GET" and "/shared/" not in path:
        return httpx2.Response(200, json=ok({"id": 1}))
    return httpx2.Response(200, json=EMPTY)


@pytest.mark.parametrize("ask, method, target, sent", CASES, ids=[f"{c[1]} {c[2]}" for c in CASES])
def test_the_request_is_the_seeds(ask, method, target, sent):
    requests = []

    def handler(request):
        requests.append(request)
        if request.url.path == "/login/oauth2/token":
            return httpx2.Response(200, json=LOGIN_OK)
        return answer_anything(request)

    with client(handler) as c:
        ask(c)
    login, request = requests
    assert request.method == method
    assert str(request.url) == BASE_URL + API + target
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["accept"] == "application/json"
    if sent is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert body(request) == sent


def test_the_login_is_the_seeds_oauth_request():
    seed = Seed({"GET /status": {"success": True}})
    with client(seed) as c:
        c.status()
    login = seed.requests[0]
    assert (login.method, str(login.url)) == ("POST", BASE_URL + "/login/oauth2/token")
    assert login.headers["content-type"] == "application/json"
    assert "authorization" not in login.headers
    assert body(login) == {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "client_credentials"}


def test_null_in_a_metadata_update_is_sent_as_null():
    # The seed: "To delete a key, its value is set to null."
    seed = Seed({"POST /metadata/1723018607.115": ok({})})
    with client(seed) as c:
        c.update_metadata("1723018607.115", {"outbound_id": None})
    assert json.loads(seed.api_requests[0].content) == {"outbound_id": None}
    assert b'"outbound_id":null' in seed.api_requests[0].content


def test_a_record_passed_as_fields_sends_what_it_was_read_from():
    from bridge.clients.ucs import Person

    person = Person.from_api(CREATE_PERSON)
    seed = Seed({"POST /crm/person": ok(123456)})
    with client(seed) as c:
        assert c.create_person(person) == 123456
    assert body(seed.api_requests[0]) == CREATE_PERSON
