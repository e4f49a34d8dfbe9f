"""The fake answers every (method, path) heading of the UCS document, and no other."""

import re

import pytest

from bridge.testing.fakes.ucs import ENDPOINTS

# The seed's headings, as written there (grep -E '^(GET|POST|PATCH|DELETE) /' on seed 000).
SEED_HEADINGS = """
POST /login/oauth2/token
GET /api/v1.0/status
GET /api/v1.0/queues
GET /api/v1.0/groups
GET /api/v1.0/roles
GET /api/v1.0/teams
GET /api/v1.0/call/{uniqueid}
GET /api/v1.0/metadata/{uniqueid}
POST /api/v1.0/metadata/{uniqueid}
GET /api/v1.0/shared/{identificator}
POST /api/v1.0/shared/{identificator}
GET /api/v1.0/users
GET /api/v1.0/user/{user_id}
GET /api/v1.0/user/external/{external_id}
POST /api/v1.0/user
PATCH /api/v1.0/user/{user_id}
PATCH /api/v1.0/user/external/{external_id}
DELETE /api/v1.0/user/{user_id}
DELETE /api/v1.0/user/external/{external_id}
GET /api/v1.0/queues/agents
POST /api/v1.0/queues/agents
GET /api/v1.0/crm/persons
GET /api/v1.0/crm/person/{person_id}
GET /api/v1.0/crm/person/external/{external_id}
POST /api/v1.0/crm/person
PATCH /api/v1.0/crm/person/{person_id}
DELETE /api/v1.0/crm/person/{person_id}
GET /api/v1.0/crm/companies
GET /api/v1.0/crm/company/{company_id}
GET /api/v1.0/crm/company/external/{external_id}
POST /api/v1.0/crm/company
PATCH /api/v1.0/crm/company/{company_id}
DELETE /api/v1.0/crm/company/{company_id}
""".split("\n")[1:-1]

# A record of the fixtures for each placeholder, and a body each write takes.
VALUES = {"uniqueid": "1723018607.115", "identificator": "osl_chats", "user_id": "10", "person_id": "59233",
          "company_id": "10764"}
EXTERNAL = {"user": "2468", "person": "abc123", "company": "ins"}
BODIES = {"metadata": {"k": "v"}, "shared": {"v": 1}, "user": {"username": "new", "group_id": 1},
          "agents": [], "person": {"group_id": 1}, "company": {"group_id": 1}}


def shape(path: str) -> str:
    return re.sub(r"\{\w+\}", "{}", path)


def test_the_fake_has_exactly_the_seeds_endpoints():
    assert sorted((method, shape(path)) for method, path in ENDPOINTS) == \
        sorted((line.split()[0], shape(line.split()[1])) for line in SEED_HEADINGS)


@pytest.mark.parametrize("heading", SEED_HEADINGS[1:])  # the login has tests of its own
def test_each_endpoint_answers(api, heading):
    method, template = heading.split()
    kind = next(k for k in EXTERNAL if f"/{k}/" in template + "/") if "/external/" in template else None
    path = template.replace("{external_id}", EXTERNAL.get(kind, ""))
    path = re.sub(r"\{(\w+)\}", lambda m: VALUES[m[1]], path)
    body = next((b for key, b in BODIES.items() if f"/{key}" in template), None) if method in ("POST", "PATCH") else None
    if method == "PATCH":
        body = {"external_id": "patched"}
    answer = api.request(method, path, json=body) if body is not None else api.request(method, path)
    assert answer.status_code == 200 and answer.json()["success"] is True, answer.text
