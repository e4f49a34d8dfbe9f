"""UCS OAuth login: the token answer and the two refusals, exactly as the seed writes them."""

import pytest

from bridge.testing.fakes import UcsFake
from bridge.testing.fakes.ucs import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET

from fake_helpers import client_for, credentials

SEED_400 = {"error": "invalid_request", "error_description": 'We support only "client_credentials" grant type',
            "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"}
SEED_401 = {"error": "invalid_client", "error_description": "Invalid username or password",
            "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"}


def test_the_seeds_example_credentials_get_a_bearer_token_with_expires_in_as_a_string():
    fake = UcsFake()
    assert (fake.client_id, fake.client_secret) == ("service_account_username_in_ucs", "service_account_password_in_ucs")
    answer = client_for(fake).post("/login/oauth2/token", json={
        "client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET, "grant_type": "client_credentials"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == "3610"
    assert len(body["access_token"]) == 52  # as long as the seed's example token


def test_credentials_and_lifetime_are_configurable():
    fake = UcsFake(client_id="crm-sync", client_secret="s3cret", expires_in=60)
    client = client_for(fake)
    assert client.post("/login/oauth2/token", json=credentials(fake)).json()["expires_in"] == "60"
    assert client.post("/login/oauth2/token", json=credentials(fake, client_secret=DEFAULT_CLIENT_SECRET)
                       ).status_code == 401


def test_each_login_gets_a_new_token(fake):
    client = client_for(fake)
    tokens = {client.post("/login/oauth2/token", json=credentials(fake)).json()["access_token"] for _ in range(3)}
    assert len(tokens) == 3


@pytest.mark.parametrize("changes", [{"client_secret": "wrong"}, {"client_id": "nobody"},
                                     {"client_id": "SERVICE_ACCOUNT_USERNAME_IN_UCS"}])
def test_bad_credentials_answer_the_seeds_401(fake, changes):
    answer = client_for(fake).post("/login/oauth2/token", json=credentials(fake, **changes))
    assert answer.status_code == 401 and answer.json() == SEED_401


@pytest.mark.parametrize("grant_type", ["password", "authorization_code", None])
def test_another_grant_type_answers_the_seeds_400(fake, grant_type):
    answer = client_for(fake).post("/login/oauth2/token", json=credentials(fake, grant_type=grant_type))
    assert answer.status_code == 400 and answer.json() == SEED_400


@pytest.mark.parametrize("send", [
    {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
    {"json": ["client_credentials"]},
    {"json": {"client_id": 1, "client_secret": "x", "grant_type": "client_credentials"}},
    # JSON, but not said to be.
    {"content": b'{"client_id": "service_account_username_in_ucs", "client_secret": "service_account_password_in_ucs",'
                b' "grant_type": "client_credentials"}', "headers": {"Content-Type": "text/plain"}},
    # OAuth servers often take a form; the seed's takes JSON.
    {"data": {"client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET,
              "grant_type": "client_credentials"}},
])
def test_a_malformed_body_is_an_oauth_invalid_request(fake, send):
    answer = client_for(fake).post("/login/oauth2/token", **send)
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "invalid_request" and set(body) == {"error", "error_description", "error_uri"}


def test_the_token_endpoint_takes_only_post(fake):
    answer = client_for(fake).get("/login/oauth2/token")
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"


@pytest.mark.parametrize("kwargs", [{"client_id": ""}, {"client_secret": None}, {"expires_in": 0},
                                    {"expires_in": "3610"}, {"persons": -1}, {"clock": 5}])
def test_bad_constructor_arguments_are_refused(kwargs):
    with pytest.raises(ValueError):
        UcsFake(**kwargs)
