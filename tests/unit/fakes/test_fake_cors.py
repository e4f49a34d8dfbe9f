"""CORS for one exact origin: preflights answered for it alone, its answers readable by it alone,
never '*'."""

import pytest

from bridge.testing.fakes import UContactFake, UcsFake

from fake_helpers import API, UCONTACT_URL, client_for, log_in

PAGE = "http://127.0.0.1:8123"


def preflight(client, path, origin, method="POST"):
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": method,
                                         "Access-Control-Request-Headers": "authorization, content-type"})


def test_a_preflight_from_the_named_origin_is_allowed():
    fake = UcsFake(cors_origin=PAGE)
    answer = preflight(client_for(fake), API + "/crm/person", PAGE, "PATCH")
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == PAGE
    assert answer.headers["access-control-allow-methods"] == "GET, POST, PATCH, DELETE"
    assert answer.headers["access-control-allow-headers"] == "Authorization, Content-Type"
    assert fake.login_count == 0 and fake.requests[-1].method == "OPTIONS"


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8124", "http://localhost:8123", "https://127.0.0.1:8123",
                                    "null", "*"])
def test_any_other_origin_gets_no_cors_headers(origin):
    fake = UcsFake(cors_origin=PAGE)
    client = client_for(fake)
    answer = preflight(client, API + "/status", origin)
    assert answer.status_code == 403 and "access-control-allow-origin" not in answer.headers
    log_in(client, fake)
    answer = client.get(API + "/status", headers={"Origin": origin})
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
    assert answer.headers["vary"] == "Origin"


def test_answers_to_the_named_origin_are_readable_by_it_errors_included():
    fake = UcsFake(cors_origin=PAGE)
    client = client_for(fake)
    refused = client.get(API + "/status", headers={"Origin": PAGE})
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == PAGE
    # A page's script reads Retry-After only when it is exposed (it is not CORS-safelisted).
    fake.fail_next(429, retry_after=1)
    limited = client.get(API + "/status", headers={"Origin": PAGE})
    assert limited.headers["access-control-allow-origin"] == PAGE
    assert "Retry-After" in limited.headers["access-control-expose-headers"]


def test_a_preflight_never_uses_a_fault():
    fake = UcsFake(cors_origin=PAGE)
    client = client_for(fake)
    fake.fail_next(503)
    assert preflight(client, API + "/status", PAGE).status_code == 204
    assert client.get(API + "/status", headers={"Origin": PAGE}).status_code == 503


def test_without_cors_origin_there_is_no_cors():
    fake = UcsFake()
    client = client_for(fake)
    assert preflight(client, API + "/status", PAGE).status_code == 403
    answer = client.get(API + "/status", headers={"Origin": PAGE})
    assert "access-control-allow-origin" not in answer.headers and "vary" not in answer.headers


def test_the_ucontact_fake_too():
    fake = UContactFake(cors_origin=PAGE)
    client = client_for(fake, UCONTACT_URL)
    answer = preflight(client, "/Integra/resources/auth/UserLogin", PAGE)
    assert answer.status_code == 204 and answer.headers["access-control-allow-origin"] == PAGE
    login = client.post("/Integra/resources/auth/UserLogin", headers={"Origin": PAGE},
                        data={"user": "Admin", "password": "ExamplePassword"})
    assert login.headers["access-control-allow-origin"] == PAGE
    assert "access-control-allow-origin" not in preflight(client, "/Integra/resources/x", "http://evil.test").headers


@pytest.mark.parametrize("origin", ["*", "null", "http://127.0.0.1:8123/", "127.0.0.1:8123", "HTTP://A.COM",
                                    "http://a.com/path", ["http://a.com"]])
@pytest.mark.parametrize("make", [UcsFake, UContactFake])
def test_cors_origin_must_be_one_exact_origin(make, origin):
    with pytest.raises(ValueError):
        make(cors_origin=origin)
