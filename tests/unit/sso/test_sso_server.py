"""The token endpoint's refusals and its answer; the CLI."""

import io
import json
import logging
import subprocess
import sys

import pytest

from bridge.sso import SsoTokenError, verify_token
from bridge.sso.endpoint import make_sso_app

SECRET = "pre-shared-Ω-secret"
CRM = "https://crm.example.com"


def call(app, method="POST", origin=CRM, site="same-origin", content_type="application/json", user="agent"):
    environ = {"REQUEST_METHOD": method, "wsgi.url_scheme": "https", "HTTP_HOST": "crm.example.com",
               "CONTENT_TYPE": content_type, "wsgi.input": io.BytesIO(b"{}"), "test.user": user}
    if origin is not None:
        environ["HTTP_ORIGIN"] = origin
    if site is not None:
        environ["HTTP_SEC_FETCH_SITE"] = site
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], json.loads(body)


@pytest.fixture
def app():
    return make_sso_app(lambda environ: environ["test.user"], secret=SECRET)


def test_mints_a_token_for_the_signed_in_user(app):
    status, headers, body = call(app)
    assert status == "200 OK"
    assert headers["Cache-Control"] == "no-store" and headers["Content-Type"] == "application/json"
    assert body["username"] == "agent"
    assert verify_token(body["token"], SECRET, "agent").timestamp == body["timestamp"]


@pytest.mark.parametrize("kwargs, status", [
    ({"method": "GET"}, "405 Method Not Allowed"),
    ({"user": None}, "401 Unauthorized"),
    ({"origin": "https://evil.example"}, "403 Forbidden"),
    ({"site": "cross-site"}, "403 Forbidden"),
    ({"content_type": "text/plain"}, "415 Unsupported Media Type"),
    ({"content_type": "application/x-www-form-urlencoded"}, "415 Unsupported Media Type"),
])
def test_refusals(app, kwargs, status):
    got, headers, body = call(app, **kwargs)
    assert got == status and "token" not in body and headers["Cache-Control"] == "no-store"


def test_allowed_other_origin_and_requests_without_origin_headers():
    app = make_sso_app(lambda environ: "agent", secret=SECRET, allowed_origins=["https://app.example.com"])
    assert call(app, origin="https://app.example.com", site="same-site")[0] == "200 OK"
    assert call(app, origin=None, site=None)[0] == "200 OK"  # a server-side client


def test_secret_from_the_environment_and_missing(monkeypatch):
    monkeypatch.setenv("AGENT_BRIDGE_SSO_SECRET", SECRET)
    assert call(make_sso_app(lambda environ: "agent"))[0] == "200 OK"
    monkeypatch.delenv("AGENT_BRIDGE_SSO_SECRET")
    with pytest.raises(SsoTokenError, match="AGENT_BRIDGE_SSO_SECRET"):
        make_sso_app(lambda environ: "agent")


def test_the_secret_is_never_logged(app, caplog):
    caplog.set_level(logging.DEBUG, logger="agent_bridge.sso")
    call(app)
    call(app, origin="https://evil.example")
    assert caplog.records and all(SECRET not in record.getMessage() for record in caplog.records)


def test_cli_reads_the_secret_from_the_environment_only():
    env = {"AGENT_BRIDGE_SSO_SECRET": SECRET, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "bridge", "sso-token", "--username", "agent"],
                         capture_output=True, text=True, env=env, check=True).stdout.strip()
    assert verify_token(out, SECRET, "agent").username == "agent"
    missing = subprocess.run([sys.executable, "-m", "bridge", "sso-token", "--username", "agent"],
                             capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert missing.returncode == 2 and "AGENT_BRIDGE_SSO_SECRET" in missing.stderr
    no_flag = subprocess.run([sys.executable, "-m", "bridge", "sso-token", "--username", "a", "--secret", "x"],
                             capture_output=True, text=True, env=env)
    assert no_flag.returncode == 2  # there is no way to pass the secret on the command line
