"""The demo's server: the CRM page and dist/ on one origin, its disposition form on another.

Besides files, it plays the two back ends a real deployment has, so single sign-on works the
way it would in production and the preshared secret stays in this process:

- the CRM's: ``/crm/sign-in`` and ``/crm/sign-out`` (its own sign-in, a session cookie),
  ``/crm/session.js`` (who is signed in, for the page: a username, a display name and the
  phone of their CRM profile, nothing secret), ``/crm/config.js`` (the origin of the
  disposition form, which the page frames and trusts: deployment settings come from the
  server, never from the page's URL, which anyone can write a link to) and ``/crm/sso-token``
  (``bridge.sso.endpoint``'s token endpoint, minting for the session's user);
- the UCS server's: ``/ucs/sso/verify`` checks the token the component was given, as the real
  UCS server does with the same secret. The simulator asks it (its ``ssoVerify`` option).
  ``/ucs/calls``: the simulator's wiring reports each call as it starts and ends, and the
  stand-in writes its call record into the UCS REST fake (demo/ucs_calls.py), as the real UCS
  server writes those of its calls;
- the CRM's call API (demo/crm_calls.py): ``/crm/api/call-record/<uniqueid>`` and
  ``/crm/api/disposition``, which read the record and write the CRM's ticket id onto the call's
  metadata through the UCS REST client (``bridge.clients.ucs.UcsClient``), talking to the fake
  in this process. The client's OAuth secret stays in this process too.

The form's own origin serves it ``/forms/config.js``: the CRM page's origin, the one parent
it talks to. ``start_demo`` starts both origins, each knowing the other.

The SSO secret is the ``AGENT_BRIDGE_SSO_SECRET`` environment variable, the OAuth client secret
``AGENT_BRIDGE_UCS_CLIENT_SECRET``; each is random per run when not set.
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
from urllib.parse import parse_qs, urlsplit

import httpx2

from bridge.clients.ucs import UcsClient
from bridge.dev.server import listen, serve
from bridge.sso import SsoTokenError, verify_token
from bridge.sso.endpoint import SECRET_ENV, cross_site_refusal, make_sso_app
from bridge.testing import simulator_app
from bridge.testing.fakes.ucs import UcsFake
from demo.crm_calls import Tickets, make_crm_calls_app
from demo.ucs_calls import make_calls_app
from demo.wsgi import answer_json as _json, read_body as _read_body, respond as _respond

DEMO = Path(__file__).resolve().parent
COOKIE = "crm_session"
# The CRM's accounts. The password is the CRM's, not the softphone's (the simulator's user
# `agent` has the softphone password `demo`): with SSO the agent never types that one.
CRM_USERS = {"agent": {"password": "crm", "name": "Ada Agent", "phone": "SIP/1001"}}
TOKEN_MAX_AGE = 300  # seconds, as the simulator's own check (ssoMaxAge)
_URL_IGNORED = dict.fromkeys(map(ord, "\t\r\n"))  # what browsers strip from anywhere in a URL
# The CRM's OAuth client at the UCS REST API. The URL is never resolved: the client's transport is
# the UCS REST fake, in this process.
UCS_URL = "https://ucs.demo.invalid"
UCS_CLIENT_ID = "acme-crm"
UCS_SECRET_ENV = "AGENT_BRIDGE_UCS_CLIENT_SECRET"


def demo_routes(dist: Path, *, form_origin: str, secret: str | None = None, ucs_fake: UcsFake | None = None,
                ucs_secret: str | None = None) -> dict:
    """The demo origin's routes for ``bridge.dev.server``: its page frames and trusts the
    disposition form at ``form_origin`` (an exact origin) and no other.

    ``ucs_fake``: the UCS REST fake the UCS stand-in writes call records into and the CRM's
    client reads (a new ``UcsFake`` by default), knowing the OAuth client ``UCS_CLIENT_ID`` /
    ``ucs_secret`` (from ``AGENT_BRIDGE_UCS_CLIENT_SECRET``, or random per run)."""
    form_origin = _exact_origin(form_origin)
    secret = secret or os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)
    ucs_secret = ucs_secret or os.environ.get(UCS_SECRET_ENV) or secrets.token_urlsafe(32)
    fake = ucs_fake if ucs_fake is not None else UcsFake(client_id=UCS_CLIENT_ID, client_secret=ucs_secret)
    ucs = UcsClient(UCS_URL, client_id=UCS_CLIENT_ID, client_secret=ucs_secret,
                    transport=httpx2.WSGITransport(app=fake))
    sessions = Sessions()
    crm = make_crm_app(sessions, make_sso_app(sessions.username, secret=secret), form_origin,
                       make_crm_calls_app(ucs, sessions.username, Tickets()))
    return {
        "/dist/": dist,
        "/": DEMO,
        "/ucs-simulator.js": simulator_app,  # the testing kit's simulator stands in for the component
        "/crm/": crm,
        "/ucs/": make_ucs_app(secret, make_calls_app(fake)),
    }


def form_routes(dist: Path, *, crm_origin: str) -> dict:
    """The routes of the disposition form's origin: the form talks to a parent at ``crm_origin``
    (an exact origin) only."""
    return {"/forms/": DEMO / "forms", "/forms/config.js": make_form_config_app(_exact_origin(crm_origin)),
            "/dist/": dist}


def start_demo(dist: Path, host: str = "127.0.0.1", port: int = 0, form_port: int | None = None,
               secret: str | None = None, ucs_fake: UcsFake | None = None, ucs_secret: str | None = None):
    """Serve the CRM origin on ``port`` and the form's on ``form_port`` (None: the port after the
    CRM's; 0: any free one), each told the other's origin. Returns both servers: the caller
    stops them (``shutdown()`` then ``server_close()``)."""
    crm = listen(host, port)
    try:
        forms = listen(host, crm.server_address[1] + 1 if form_port is None else form_port)
    except OSError:
        crm.server_close()
        raise
    crm_origin, form_origin = (f"http://{host}:{server.server_address[1]}" for server in (crm, forms))
    serve(crm, demo_routes(dist, form_origin=form_origin, secret=secret, ucs_fake=ucs_fake, ucs_secret=ucs_secret))
    serve(forms, form_routes(dist, crm_origin=crm_origin))
    return crm, forms


def _exact_origin(value: str) -> str:
    """``value`` if it is an exact http(s) origin as browsers write it (lower-case
    scheme://host[:port], nothing else: the page compares it with event.origin), else ValueError."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc \
            or f"{parts.scheme}://{parts.netloc}" != value or value != value.lower():
        raise ValueError(f"an exact origin like https://forms.example.com is needed, not {value!r}")
    parts.port  # noqa: B018 - raises ValueError for a port out of range
    return value


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


def make_crm_app(sessions: Sessions, sso_app, form_origin: str, calls_app):
    """The CRM's sign-in, sign-out, session and config scripts, SSO token endpoint, and its call
    API for the page (``calls_app``, under /api/)."""

    def app(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        if path == "/sso-token":
            return sso_app(environ, start_response)
        if path.startswith("/api/"):
            return calls_app(environ, start_response)
        if path == "/session.js":
            return _session_script(sessions.username(environ), start_response)
        if path == "/config.js":
            return _script(start_response, "CRM_CONFIG", {"formOrigin": form_origin})
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
    """Where to go after signing in: a path on this site only (never //other.host or a URL).

    Browsers drop TAB, CR and LF anywhere in a URL, so ``/<TAB>/evil.example`` would lead to
    //evil.example: they go first (nor may CR or LF reach the Location header). Then a
    second ``/`` or a ``\\`` (which browsers read as ``/``) would make it another host. Any
    other control character is refused too: none belongs in a Location header."""
    target = form.get("next", ["/"])[0].translate(_URL_IGNORED)
    return target if target.startswith("/") and target[1:2] not in ("/", "\\") and target.isprintable() else "/"


def _session_script(username: str | None, start_response):
    account = CRM_USERS.get(username) if username else None
    session = {"username": username, "name": account["name"], "phone": account["phone"]} if account else None
    # A script, so the page knows its user before it starts the bridge.
    return _script(start_response, "CRM_SESSION", session)


def make_form_config_app(crm_origin: str):
    """``/forms/config.js``: ``window.FORM_CONFIG``, the CRM origin the form talks to (from
    this server, not from the form's URL: a link to the form from any site could name itself)."""

    def app(environ, start_response):
        if environ.get("PATH_INFO"):
            return _respond(start_response, "404 Not Found", "not found", "text/plain; charset=utf-8")
        return _script(start_response, "FORM_CONFIG", {"parentOrigin": crm_origin})

    return app


def _script(start_response, name: str, value):
    """A script setting ``window[name]`` to ``value``, for this origin's own pages only:
    cross-origin pages must not read it by including it (CORP says same-origin; for the
    session, its cookie is SameSite=Strict too)."""
    body = f"window.{name} = {json.dumps(value)};\n"
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


def make_ucs_app(secret: str, calls_app):
    """Stands in for the UCS server: ``POST /sso/verify`` ``{username, token}`` ->
    ``{valid, reason}``; ``POST /calls``, a call of the simulator to record (``calls_app``,
    demo/ucs_calls.py). Only the demo's own page may ask."""

    def app(environ, start_response):
        if environ.get("PATH_INFO") == "/calls":
            return calls_app(environ, start_response)
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
