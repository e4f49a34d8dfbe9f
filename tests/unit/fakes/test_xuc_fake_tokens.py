"""XUC tokens: an expired token is 403 TokenExpired and one the fake did not sign 403
InvalidToken (never 401); no Authorization header is 400 AuthorizationHeaderNotFound, another
scheme 400 BearerNotFound; GET /auth/check renews (a new token, later expiresAt, TTL)."""

import pytest

from bridge.testing.fakes import XucFake

from xuc_fake_helpers import API, Clock, client_for, jwt_payload, log_in

DIAL = API + "/dial/number/jbond"
BODY = {"destination": "0123456789"}


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(clock):
    client = client_for(XucFake(clock=clock, ttl=60))
    log_in(client)
    return client


def test_a_token_expires_by_the_clock_with_403_token_expired(client, clock):
    assert client.post(DIAL, json=BODY).status_code == 200
    clock.now += 59.9
    assert client.post(DIAL, json=BODY).status_code == 200
    clock.now += 0.1
    answer = client.post(DIAL, json=BODY)
    assert answer.status_code == 403 and answer.json()["error"] == "TokenExpired"


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # another signature
    lambda token: "not-a-jwt",
    lambda token: token.split(".")[0] + ".e30." + token.split(".")[2],  # another payload: {}
])
def test_a_token_the_fake_did_not_sign_is_403_invalid_token(client, tamper):
    token = client.headers["Authorization"].split(" ", 1)[1]
    client.headers["Authorization"] = f"Bearer {tamper(token)}"
    answer = client.post(DIAL, json=BODY)
    assert answer.status_code == 403 and answer.json()["error"] == "InvalidToken"


def test_a_token_of_another_fake_is_invalid(client):
    other = client_for(XucFake())
    other.headers["Authorization"] = client.headers["Authorization"]
    assert other.post(DIAL, json=BODY).json()["error"] == "InvalidToken"


def test_no_authorization_header_is_400(client):
    del client.headers["Authorization"]
    answer = client.post(DIAL, json=BODY)
    assert answer.status_code == 400 and answer.json()["error"] == "AuthorizationHeaderNotFound"
    answer = client.get(API + "/auth/check")
    assert answer.status_code == 400 and answer.json()["error"] == "AuthorizationHeaderNotFound"


def test_another_scheme_is_400_bearer_not_found(client):
    client.headers["Authorization"] = "Basic d2ViOnNlcnZpY2U="
    answer = client.post(DIAL, json=BODY)
    assert answer.status_code == 400 and answer.json()["error"] == "BearerNotFound"


def test_check_renews(client, clock):
    old = client.headers["Authorization"].split(" ", 1)[1]
    clock.now += 30
    answer = client.get(API + "/auth/check")
    assert answer.status_code == 200 and answer.json()["TTL"] == 60
    assert answer.json()["login"] == "web_service_user_login"
    new = answer.json()["token"]
    assert new != old and jwt_payload(new)["expiresAt"] == jwt_payload(old)["expiresAt"] + 30_000
    assert jwt_payload(new)["userType"] == "webservice" and jwt_payload(new)["acls"] == jwt_payload(old)["acls"]
    clock.now += 45  # the old token is past its expiry, the renewed one is not
    assert client.post(DIAL, json=BODY).json()["error"] == "TokenExpired"
    client.headers["Authorization"] = f"Bearer {new}"
    assert client.post(DIAL, json=BODY).status_code == 200


def test_check_cannot_renew_an_expired_or_invalid_token(client, clock):
    clock.now += 60
    answer = client.get(API + "/auth/check")
    assert answer.status_code == 403 and answer.json()["error"] == "TokenExpired"
    client.headers["Authorization"] = "Bearer x.y.z"
    assert client.get(API + "/auth/check").json()["error"] == "InvalidToken"


def test_expire_tokens_makes_the_next_call_403_token_expired():
    fake = XucFake()
    client = client_for(fake)
    log_in(client)
    assert client.post(DIAL, json=BODY).status_code == 200
    fake.expire_tokens()
    answer = client.post(DIAL, json=BODY)
    assert answer.status_code == 403 and answer.json()["error"] == "TokenExpired"
    assert client.get(API + "/auth/check").json()["error"] == "TokenExpired"
    log_in(client)
    assert client.post(DIAL, json=BODY).status_code == 200
    assert [r.authorized for r in fake.requests[-4:]] == [False, False, False, True]
