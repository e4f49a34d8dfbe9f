"""The UCS API takes a live Bearer token only: missing, unknown and expired tokens answer 401
(OAuth-shaped), and the request log says which requests carried a good one."""

import pytest

from bridge.testing.fakes import UcsFake

from fake_helpers import API, client_for, credentials, log_in


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def assert_refused(answer, description):
    assert answer.status_code == 401
    assert answer.json() == {"error": "invalid_token", "error_description": description,
                             "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"}
    assert answer.headers["www-authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer   ", "Basic abc", "AaBbCc"])
def test_a_request_without_a_bearer_token_is_refused(fake, header):
    headers = {} if header is None else {"Authorization": header}
    assert_refused(client_for(fake).get(API + "/status", headers=headers), "The request has no Bearer access token")


def test_an_unknown_token_is_refused(fake):
    # The seed's example token was never issued by this fake.
    answer = client_for(fake).get(API + "/status", headers={
        "Authorization": "Bearer AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz"})
    assert_refused(answer, "Unknown access token")


def test_the_scheme_is_case_insensitive(fake, api):
    token = api.headers["Authorization"].split()[1]
    assert client_for(fake).get(API + "/status", headers={"Authorization": f"bearer {token}"}).status_code == 200


def test_a_token_expires_after_expires_in_seconds_of_the_fakes_clock():
    clock = Clock()
    fake = UcsFake(clock=clock, expires_in=100)
    client = client_for(fake)
    log_in(client, fake)
    clock.now += 99.9
    assert client.get(API + "/status").status_code == 200
    clock.now += 0.1
    assert_refused(client.get(API + "/status"), "The access token expired")
    log_in(client, fake)  # renewal is a new login
    assert client.get(API + "/status").status_code == 200


def test_expire_tokens_expires_every_token_issued_so_far(fake, api):
    other = client_for(fake)
    log_in(other, fake)
    fake.expire_tokens()
    assert_refused(api.get(API + "/status"), "The access token expired")
    assert_refused(other.get(API + "/groups"), "The access token expired")
    log_in(api, fake)
    assert api.get(API + "/status").status_code == 200


def test_an_older_token_stays_good_after_a_new_login(fake, api):
    first = api.headers["Authorization"]
    log_in(api, fake)
    assert api.get(API + "/status", headers={"Authorization": first}).status_code == 200


def test_the_request_log_and_the_login_count(fake):
    client = client_for(fake)
    client.post("/login/oauth2/token", json=credentials(fake, client_secret="wrong"))
    log_in(client, fake)
    client.get(API + "/crm/persons", params={"limit": 2, "offset": 1})
    client.get(API + "/status", headers={"Authorization": "Bearer nope"})
    assert fake.login_count == 2
    assert [(r.method, r.path, r.query, r.authorized, r.status) for r in fake.requests] == [
        ("POST", "/login/oauth2/token", "", False, 401),
        ("POST", "/login/oauth2/token", "", False, 200),
        ("GET", "/api/v1.0/crm/persons", "limit=2&offset=1", True, 200),
        ("GET", "/api/v1.0/status", "", False, 401),
    ]
    fake.clear_requests()
    assert fake.requests == [] and fake.login_count == 0
    assert client.get(API + "/status").status_code == 200  # the state (the token) stays


def test_paths_outside_the_api_are_not_found(api):
    assert api.get("/api/v2.0/status").status_code == 404
    assert api.get("/status").status_code == 404
    assert api.get(API + "/nothing").json() == {"success": False, "data": None, "error": "Unknown endpoint"}
