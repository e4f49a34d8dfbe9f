"""The Flask example's SSO token endpoint: behind the CRM's login, CSRF-safe, minting tokens
that verify with the preshared secret (as the UCS server checks them)."""

import pytest
from example_helpers import CSRF_FIELD, SSO_SECRET, csrf_from, flask_sign_in

from bridge.sso import SsoTokenSignatureError, verify_token

TOKEN_URL = "/crm/sso-token"


def test_the_minted_token_verifies_for_the_signed_in_user(flask_app):
    client = flask_app.test_client()
    csrf = flask_sign_in(client)
    answer = client.post(TOKEN_URL, json={}, headers={"X-CSRFToken": csrf})
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    body = answer.get_json()
    assert body["username"] == "agent"
    assert verify_token(body["token"], SSO_SECRET, "agent").timestamp == body["timestamp"]
    with pytest.raises(SsoTokenSignatureError):
        verify_token(body["token"], "another secret", "agent")


def test_the_secret_is_not_in_any_page(flask_app):
    client = flask_app.test_client()
    flask_sign_in(client)
    for path in ("/", "/login", "/static/crm.js"):
        with client.get(path) as answer:  # a static file's answer holds the file open until closed
            assert answer.status_code == 200, path
            assert SSO_SECRET not in answer.get_data(as_text=True)


def test_without_the_crm_login_the_endpoint_answers_401_and_the_page_redirects(flask_app):
    client = flask_app.test_client()
    # An anonymous session still has a CSRF token (the login form's): only the login is missing.
    csrf = csrf_from(client.get("/login").get_data(as_text=True), CSRF_FIELD)
    answer = client.post(TOKEN_URL, json={}, headers={"X-CSRFToken": csrf})
    assert answer.status_code == 401
    assert "token" not in answer.get_json()
    page = client.get("/")
    assert page.status_code == 302 and page.headers["Location"] == "/login?next=/"


def test_a_wrong_password_signs_nobody_in(flask_app):
    client = flask_app.test_client()
    csrf = csrf_from(client.get("/login").get_data(as_text=True), CSRF_FIELD)
    answer = client.post("/login", data={"username": "agent", "password": "nope", "csrf_token": csrf})
    assert answer.status_code == 401
    assert client.post(TOKEN_URL, json={}, headers={"X-CSRFToken": csrf}).status_code == 401


@pytest.mark.parametrize("headers", [
    {},  # no CSRF token: what a form or script on another site sends
    {"X-CSRFToken": "not-the-session-token"},
], ids=["no-token", "wrong-token"])
def test_a_request_without_the_sessions_csrf_token_is_refused(flask_app, headers):
    client = flask_app.test_client()
    flask_sign_in(client)
    assert client.post(TOKEN_URL, json={}, headers=headers).status_code == 403


def test_a_foreign_origin_is_refused_even_with_the_token(flask_app):
    client = flask_app.test_client()
    csrf = flask_sign_in(client)
    for extra in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        answer = client.post(TOKEN_URL, json={}, headers={"X-CSRFToken": csrf, **extra})
        assert answer.status_code == 403, extra


def test_the_login_form_itself_is_csrf_protected(flask_app):
    # Login CSRF: another site must not sign the agent in to its own account.
    client = flask_app.test_client()
    answer = client.post("/login", data={"username": "agent", "password": "crm"})
    assert answer.status_code == 403
    assert client.get("/").status_code == 302


def test_only_json_is_minted_for(flask_app):
    # bridge.sso's endpoint answers behind the CRM's checks: a form post gets no token.
    client = flask_app.test_client()
    csrf = flask_sign_in(client)
    answer = client.post(TOKEN_URL, data={"a": "b"}, headers={"X-CSRFToken": csrf})
    assert answer.status_code == 415


def test_the_crm_forms_refuse_a_foreign_origin_even_with_the_token(flask_app):
    # The CRM's own check (the token endpoint has bridge.sso's besides): a sign-out from elsewhere.
    client = flask_app.test_client()
    csrf = flask_sign_in(client)
    answer = client.post("/logout", data={"csrf_token": csrf}, headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403
    assert client.get("/").status_code == 200  # still signed in


def test_signing_in_gives_a_new_csrf_token_and_the_old_one_stops_working(flask_app):
    # A token known before the login (an attacker's, planted with their session cookie) is no use after it.
    client = flask_app.test_client()
    before = csrf_from(client.get("/login").get_data(as_text=True), CSRF_FIELD)
    after = flask_sign_in(client)
    assert after != before
    assert client.post(TOKEN_URL, json={}, headers={"X-CSRFToken": before}).status_code == 403
    assert client.post(TOKEN_URL, json={}, headers={"X-CSRFToken": after}).status_code == 200


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_after_the_login_the_crm_sends_the_agent_to_its_own_pages_only(flask_app, target):
    client = flask_app.test_client()
    csrf = csrf_from(client.get("/login").get_data(as_text=True), CSRF_FIELD)
    answer = client.post("/login", data={"username": "agent", "password": "crm", "csrf_token": csrf, "next": target})
    assert answer.status_code == 303 and answer.headers["Location"] == "/"
