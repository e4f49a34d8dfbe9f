"""The demo's server: the CRM page and dist/ on one origin, its disposition form on another.

Besides files, it plays the two back ends a real deployment has, so single sign-on works the
way it would in production and the preshared secret stays in this process:

- the CRM's: ``/crm/sign-in`` and ``/crm/sign-out`` (its own sign-in, a session cookie),
  ``/crm/session.js`` (who is signed in, for the page: a username, a display name and the
  phone of their CRM profile, nothing secret) and ``/crm/sso-token``
  (``bridge.sso.endpoint``'s token endpoint, minting for the session's user);
- the UCS server's: ``/ucs/sso/verify`` checks the token the component was given, as the real
  UCS server does with the same secret. The simulator asks it (its ``ssoVerify`` option).

The secret is the ``AGENT_BRIDGE_SSO_SECRET`` environment variable, or a random one per run.
Build-time and test tooling: nothing here is in dist/.
"""

from __future__ import annotations

import html
import json
import os
import secrets
import threading
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs

from bridge.sso import SsoTokenError, verify_token
from bridge.sso.endpoint import SECRET_ENV, cross_site_refusal, make_sso_app
from bridge.testing import simulator_app

DEMO = Path(__file__).resolve().parent
COOKIE = "crm_session"
# The CRM's accounts. The password is the CRM's, not the softphone's (the simulator's user
# `agent` has the softphone password `demo`): with SSO the agent never types that one.
CRM_USERS = {"agent": {"password": "crm", "name": "Ada Agent", "phone": "SIP/1001"}}
TOKEN_MAX_AGE = 300  # seconds, as the simulator's own check (ssoMaxAge)
MAX_BODY = 4096


def demo_routes(dist: Path, secret: str | None = None) -> dict:
    """The demo origin's routes for ``bridge.dev.server.start_server``."""
    secret = secret or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)
    sessions = Sessions()
    return {
        "/dist/": dist,
        "/": DEMO,
        "/ucs-simulator.js": simulator_app,  # the testing kit's simulator stands in for the component
        "/crm/": make_crm_app(sessions, make_sso_app(sessions.username, secret=secret)),
        "/ucs/": make_ucs_app(secret),
    }


def form_routes(dist: Path) -> dict:
    """The routes of the disposition form's origin."""
    return {"/forms/": DEMO / "forms", "/dist/": dist}


class Sessions:
    """CRM sessions in memory: an unguessable cookie value -> username."""

    def __init__(self):
        self._users: dict[str, str] = {}
        self._lock = threading.Lock()

    def open(self, username: str) -> str:
        key = secrets.token_urlsafe(32)
        with self._lock:
            self._users[key] = username
        return key

    def close(self, environ) -> None:
        with self._lock:
            self._users.pop(_cookie(environ), None)

    def username(self, environ) -> str | None:
        with self._lock:
            return self._users.get(_cookie(environ))


def _cookie(environ) -> str:
    jar = SimpleCookie()
    try:
        jar.load(environ.get("HTTP_COOKIE", ""))
    except CookieError:
        return ""
    return jar[COOKIE].value if COOKIE in jar else ""


def _respond(start_response, status: str, body: bytes | str, content_type: str, extra=()):
    data = body.encode("utf-8") if isinstance(body, str) else body
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data))),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"), *extra])
    return [data]


def _read_body(environ) -> bytes:
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    return environ["wsgi.input"].read(min(max(size, 0), MAX_BODY))


def _json(start_response, status: str, body: dict):
    return _respond(start_response, status, json.dumps(body), "application/json")


def make_crm_app(sessions: Sessions, sso_app):
    """The CRM's sign-in, sign-out, session script and SSO token endpoint."""

    def app(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        if path == "/sso-token":
            return sso_app(environ, start_response)
        if path == "/session.js":
            return _session_script(sessions.username(environ), start_response)
        if path == "/sign-in" and method == "GET":
            return _sign_in_page(start_response, "200 OK", _next(parse_qs(environ.get("QUERY_STRING", ""))))
        if path in ("/sign-in", "/sign-out") and method == "POST":
            # A form post from another site must not sign anyone in or out (login CSRF).
            refusal = cross_site_refusal(environ)
            if refusal:
                return _respond(start_response, "403 Forbidden", refusal, "text/plain; charset=utf-8")
            return _sign_in(environ, start_response) if path == "/sign-in" else _sign_out(environ, start_response)
        if path in ("/sign-in", "/sign-out"):
            return _respond(start_response, "405 Method Not Allowed", "use POST", "text/plain; charset=utf-8",
                            [("Allow", "GET, POST" if path == "/sign-in" else "POST")])
        return _respond(start_response, "404 Not Found", "not found", "text/plain; charset=utf-8")

    def _sign_in(environ, start_response):
        form = parse_qs(_read_body(environ).decode("utf-8", "replace"))
        username = form.get("username", [""])[0]
        password = form.get("password", [""])[0]
        account = CRM_USERS.get(username)
        if not account or not secrets.compare_digest(account["password"].encode(), password.encode()):
            return _sign_in_page(start_response, "401 Unauthorized", _next(form), "Wrong username or password.")
        cookie = f"{COOKIE}={sessions.open(username)}; Path=/; HttpOnly; SameSite=Strict"
        return _respond(start_response, "303 See Other", "", "text/plain",
                        [("Location", _next(form)), ("Set-Cookie", cookie)])

    def _sign_out(environ, start_response):
        sessions.close(environ)
        expired = f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        back = _next(parse_qs(_read_body(environ).decode("utf-8", "replace")))
        return _respond(start_response, "303 See Other", "", "text/plain", [("Location", back), ("Set-Cookie", expired)])

    return app


def _next(form) -> str:
    """Where to go after signing in: a path on this site only (never //other.host or a URL)."""
    target = form.get("next", ["/"])[0]
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _session_script(username: str | None, start_response):
    account = CRM_USERS.get(username) if username else None
    session = {"username": username, "name": account["name"], "phone": account["phone"]} if account else None
    # A script, so the page knows its user before it starts the bridge. Cross-origin pages must
    # not read it by including it: the cookie is SameSite=Strict and CORP says same-origin.
    body = f"window.CRM_SESSION = {json.dumps(session)};\n"
    return _respond(start_response, "200 OK", body, "text/javascript; charset=utf-8",
                    [("Cross-Origin-Resource-Policy", "same-origin")])


def _sign_in_page(start_response, status: str, next_path: str, error: str = ""):
    message = f'<p class="error" data-testid="crm-sign-in-error">{html.escape(error)}</p>' if error else ""
    page = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sign in — Acme CRM</title>
  <link rel="stylesheet" href="/crm.css">
</head>
<body>
  <header class="crm-header"><h1>Acme CRM</h1></header>
  <main class="sign-in card">
    <h2>Sign in to the CRM</h2>
    {message}
    <form method="post" action="/crm/sign-in" data-testid="crm-sign-in-form">
      <input type="hidden" name="next" value="{html.escape(next_path)}">
      <input name="username" placeholder="username" autocomplete="username" value="agent" data-testid="crm-username">
      <input name="password" type="password" placeholder="password" autocomplete="current-password" data-testid="crm-password">
      <button data-testid="crm-sign-in">Sign in</button>
    </form>
    <p class="hint">Demo account: <b>agent</b> / <b>crm</b>. Once signed in here, the softphone signs
      in by itself (single sign-on): its own password is never typed.</p>
    <p><a href="{html.escape(next_path)}">Back to the CRM without signing in</a></p>
  </main>
</body>
</html>
"""
    return _respond(start_response, status, page, "text/html; charset=utf-8")


def make_ucs_app(secret: str):
    """Stands in for the UCS server: ``POST /sso/verify`` ``{username, token}`` ->
    ``{valid, reason}``. Only the demo's own page may ask."""

    def app(environ, start_response):
        if environ.get("PATH_INFO") != "/sso/verify":
            return _json(start_response, "404 Not Found", {"error": "not found"})
        if environ["REQUEST_METHOD"] != "POST":
            return _json(start_response, "405 Method Not Allowed", {"error": "use POST"})
        refusal = cross_site_refusal(environ)
        if refusal:
            return _json(start_response, "403 Forbidden", {"error": refusal})
        try:
            asked = json.loads(_read_body(environ))
            username, token = asked["username"], asked["token"]
        except (ValueError, KeyError, TypeError):
            return _json(start_response, "400 Bad Request", {"error": "send JSON {username, token}"})
        try:
            verify_token(token, secret, username, max_age=TOKEN_MAX_AGE)
        except SsoTokenError as error:
            return _json(start_response, "200 OK", {"valid": False, "reason": str(error)})
        return _json(start_response, "200 OK", {"valid": True, "reason": None})

    return app
