"""What the framework examples' tests share (tests/examples/conftest.py holds the fixtures)."""

from __future__ import annotations

import re
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SSO_SECRET = "example-sso-" + secrets.token_urlsafe(16)
EVENTS_TOKEN = secrets.token_urlsafe(32)
# Never resolved: the tests that read UCS point UCS_URL at a UcsFake on 127.0.0.1.
NO_UCS = "https://ucs.invalid"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str, pattern=CSRF_META) -> str:
    match = pattern.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@contextmanager
def served(app):
    """``app`` on 127.0.0.1 (a free port, a thread per request): its origin."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="example-crm",
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def flask_sign_in(client, username="agent", password="crm"):
    """Sign ``client`` in through the login form; the page's CSRF token after it."""
    token = csrf_from(client.get("/login").get_data(as_text=True), CSRF_FIELD)
    answer = client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                         "next": "/"})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return csrf_from(client.get("/").get_data(as_text=True))


def django_client():
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def django_sign_in(client, username="agent", password="crm"):
    """Sign ``client`` in through Django's login form; the page's CSRF token after it."""
    login = client.get("/login/")
    token = csrf_from(login.content.decode(), re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"'))
    answer = client.post("/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302, answer.content
    return csrf_from(client.get("/").content.decode())
