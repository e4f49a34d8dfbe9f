"""The Flask example publishes no password: its demo account's comes from ACME_AGENT_PASSWORD (the
account is signed in to UCS by SSO with the real preshared secret), and the app does not start
without it."""

import pytest
from example_helpers import CSRF_FIELD, csrf_from


def test_the_app_does_not_start_without_the_account_s_password(make_flask_app):
    with pytest.raises(RuntimeError, match="AGENT_PASSWORD"):
        make_flask_app(AGENT_PASSWORD="")


def test_the_account_signs_in_with_the_chosen_password_only(make_flask_app):
    client = make_flask_app(AGENT_PASSWORD="a-chosen-password").test_client()
    for password, status in (("crm", 401), ("a-chosen-password", 303)):
        token = csrf_from(client.get("/login").get_data(as_text=True), CSRF_FIELD)
        answer = client.post("/login", data={"username": "agent", "password": password, "csrf_token": token,
                                             "next": "/"})
        assert answer.status_code == status, password
