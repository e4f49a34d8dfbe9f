"""The Django example's SSO token endpoint: behind Django's login, CSRF-checked by Django's own
middleware, minting tokens that verify with the preshared secret (as the UCS server checks them)."""

import re

import pytest
from example_helpers import SSO_SECRET, csrf_from, django_client, django_sign_in

from bridge.sso import SsoTokenSignatureError, verify_token

TOKEN_URL = "/crm/sso-token"


def post_token(client, csrf=None, **headers):
    extra = {"HTTP_X_CSRFTOKEN": csrf} if csrf else {}
    extra.update({f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()})
    return client.post(TOKEN_URL, "{}", content_type="application/json", **extra)


def test_the_minted_token_verifies_for_the_signed_in_user(django_project):
    client = django_client()
    answer = post_token(client, django_sign_in(client))
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    body = answer.json()
    assert body["username"] == "agent"
    assert verify_token(body["token"], SSO_SECRET, "agent").timestamp == body["timestamp"]
    with pytest.raises(SsoTokenSignatureError):
        verify_token(body["token"], "another secret", "agent")


def test_the_secret_is_not_in_any_page(django_project):
    client = django_client()
    django_sign_in(client)
    for path in ("/", "/login/"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert SSO_SECRET not in answer.content.decode()


def test_without_the_crm_login_the_endpoint_answers_401_and_the_page_redirects(django_project):
    client = django_client()
    # The login form sets Django's CSRF cookie: the request is CSRF-valid, only the login is missing.
    csrf = csrf_from(client.get("/login/").content.decode(),
                     re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"'))
    answer = post_token(client, csrf)
    assert answer.status_code == 401
    assert "token" not in answer.json()
    page = client.get("/")
    assert page.status_code == 302 and page["Location"] == "/login/?next=/"


def test_a_wrong_password_signs_nobody_in(django_project):
    client = django_client()
    client.get("/login/")
    csrf = client.cookies["csrftoken"].value
    answer = client.post("/login/", {"username": "agent", "password": "nope", "csrfmiddlewaretoken": csrf})
    assert answer.status_code == 200 and b"Wrong username or password" in answer.content
    assert post_token(client, csrf).status_code == 401


@pytest.mark.parametrize("csrf", [None, "x" * 64], ids=["no-token", "wrong-token"])
def test_a_request_without_the_csrf_token_is_refused(django_project, csrf):
    client = django_client()
    django_sign_in(client)
    answer = post_token(client, csrf)
    assert answer.status_code == 403
    assert b'"token"' not in answer.content


def test_a_foreign_origin_is_refused_even_with_the_token(django_project):
    client = django_client()
    csrf = django_sign_in(client)
    assert post_token(client, csrf, Origin="https://evil.example").status_code == 403


def test_only_json_is_minted_for(django_project):
    client = django_client()
    csrf = django_sign_in(client)
    answer = client.post(TOKEN_URL, {"a": "b"}, HTTP_X_CSRFTOKEN=csrf)
    assert answer.status_code == 415


def test_get_is_not_allowed(django_project):
    client = django_client()
    django_sign_in(client)
    assert client.get(TOKEN_URL).status_code == 405
