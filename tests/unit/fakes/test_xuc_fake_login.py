"""XUC logins: CTI and web-service users get {login, token, TTL}; the token is a JWT whose payload
carries login, userType, acls and the times in milliseconds; bad credentials are 401
InvalidCredentials, a body that is not the model 400 InvalidJson; every login counts."""

import pytest

from bridge.testing.fakes import XucFake
from bridge.clients.xuc.api import CTI_USER_ACLS
from bridge.testing.fakes.xuc_fixtures import WEBSERVICE_ACLS

from xuc_fake_helpers import API, Clock, client_for, jwt_payload


@pytest.mark.parametrize("path, login, password, user_type, acls", [
    ("/auth/login", "cti_user_login", "cti_user_password", "cti", list(CTI_USER_ACLS)),
    ("/auth/webservice", "web_service_user_login", "web_service_user_password", "webservice", list(WEBSERVICE_ACLS)),
])
def test_a_login_answers_login_token_and_ttl(path, login, password, user_type, acls):
    clock = Clock()
    fake = XucFake(clock=clock, ttl=900)
    answer = client_for(fake).post(API + path, json={"login": login, "password": password})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"login", "token", "TTL"} and body["login"] == login and body["TTL"] == 900
    assert body["token"].count(".") == 2  # header.payload.signature
    assert jwt_payload(body["token"]) == {"login": login, "issuedAt": 1_537_464_000_000,
                                          "expiresAt": 1_537_464_900_000, "userType": user_type, "acls": acls}


@pytest.mark.parametrize("path, body", [
    ("/auth/login", {"login": "cti_user_login", "password": "wrong"}),
    ("/auth/login", {"login": "nobody", "password": "cti_user_password"}),
    ("/auth/login", {"login": "web_service_user_login", "password": "web_service_user_password"}),  # not a CTI user
    ("/auth/webservice", {"login": "cti_user_login", "password": "cti_user_password"}),  # not a web-service user
])
def test_bad_credentials_are_401_invalid_credentials(path, body):
    answer = client_for(XucFake()).post(API + path, json=body)
    assert answer.status_code == 401 and answer.json()["error"] == "InvalidCredentials"
    assert set(answer.json()) == {"error", "message"}


@pytest.mark.parametrize("content", [b"", b"not json", b"[]", b'{"login": "cti_user_login"}',
                                     b'{"login": 1, "password": "x"}'])
def test_a_body_off_the_model_is_400_invalid_json(content):
    answer = client_for(XucFake()).post(API + "/auth/login", content=content,
                                        headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidJson"


def test_every_kind_of_login_counts():
    fake = XucFake()
    client = client_for(fake)
    client.post(API + "/auth/login", json={"login": "cti_user_login", "password": "wrong"})
    client.post(API + "/auth/webservice", json={"login": "dialer", "password": "dialer_password"})
    client.get(API + "/auth/sso")
    client.get(API + "/auth/cas")
    client.get(API + "/auth/oidc")
    client.get(API + "/auth/check")  # a renewal, not a login
    assert fake.login_count == 5
