"""The CRM's blueprint: its login (a form and Flask's session), its page, the SSO token endpoint
behind that login, and the call-record API that reads UCS through the UCS REST client.

CSRF: Flask has no protection of its own; this is the synchronizer-token pattern Flask-WTF's
``CSRFProtect`` uses (the same names: a ``csrf_token`` form field or an ``X-CSRFToken`` header,
checked against the token kept in the session), applied to every POST of the blueprint, plus
``bridge.sso.cross_site_refusal`` (a foreign ``Origin`` or ``Sec-Fetch-Site: cross-site`` is
refused whatever the token says).
"""

from __future__ import annotations

import hmac
import re
import secrets
from functools import wraps

from flask import (Blueprint, abort, current_app, jsonify, redirect, render_template, request, session,
                   url_for)
from werkzeug.security import check_password_hash, generate_password_hash

import bridge
from bridge.clients.errors import ApiError, InvalidArgument, NotFoundError
from bridge.sso import cross_site_refusal

bp = Blueprint("crm", __name__)

def demo_users(password: str) -> dict:
    """The example's one account, ``agent``, with the password its deployer chose (ACME_AGENT_PASSWORD):
    never one the example publishes, since the account is signed in to UCS by SSO with the real
    preshared secret. The phone is the CRM profile's, paired for the agent."""
    return {"agent": {"password_hash": generate_password_hash(password), "name": "Ada Agent", "phone": "SIP/1001"}}
# "the UNIX timestamp of the start of the call and the dot-separated number of the call" (UCS).
UNIQUEID = re.compile(r"[0-9]{1,12}\.[0-9]{1,9}")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def signed_in_user(environ=None) -> str | None:
    """The CRM user of this request's session (the SSO app's ``current_user`` hook: it runs inside
    the request, so Flask's session is the request's)."""
    return session.get("username")


def csrf_token() -> str:
    """The session's CSRF token (made on first use), for forms and the page's token requests."""
    if "csrf_token" not in session:
        session["csrf_token"] = secrets.token_urlsafe(32)
    return session["csrf_token"]


bp.app_context_processor(lambda: {"csrf_token": csrf_token})


@bp.before_request
def protect_from_csrf():
    if request.method in SAFE_METHODS:
        return None
    refusal = cross_site_refusal(request.environ)
    sent = request.headers.get("X-CSRFToken") or request.form.get("csrf_token") or ""
    expected = session.get("csrf_token") or ""
    if refusal or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        # The reason stays in the server's log; the answer says no more than "forbidden".
        current_app.logger.warning("CSRF refusal on %s: %s", request.path, refusal or "missing or wrong token")
        abort(403)
    return None


def login_required(view):
    """Pages send an anonymous visitor to the login form; the API answers 401 (a script asked)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if signed_in_user():
            return view(*args, **kwargs)
        if request.path.startswith("/crm/"):
            return _no_store(jsonify(error="not signed in to the CRM"), 401)
        return redirect(url_for("crm.login", next=request.full_path if request.query_string else request.path))
    return wrapped


def _no_store(response, status: int = 200):
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _local(target: str | None) -> str:
    """Where to go after the login: a path on this site only (never //other.host or a URL)."""
    target = (target or "").strip()
    return target if target.startswith("/") and target[1:2] not in ("/", "\\") and target.isprintable() else "/"


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        username = request.form.get("username", "")
        account = current_app.config["CRM_USERS"].get(username)
        if account and check_password_hash(account["password_hash"], request.form.get("password", "")):
            session.clear()  # a new session for the signed-in user (no fixation), with a new CSRF token
            session["username"] = username
            return redirect(_local(request.form.get("next")), 303)
        error = "Wrong username or password."
    status = 401 if error else 200
    return render_template("login.html", error=error, next=_local(request.values.get("next"))), status


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("crm.login"), 303)


@bp.get("/")
@login_required
def index():
    account = current_app.config["CRM_USERS"][signed_in_user()]
    response = current_app.make_response(render_template(
        "index.html", username=signed_in_user(), account=account,
        bridge_js=f"/static/agent-bridge/{bridge.__version__}/agent-bridge.js"))
    # The page that includes agent-bridge.js revalidates; the versioned files are cached for a year.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.post("/crm/sso-token")
@login_required
def sso_token():
    # bridge.sso's WSGI app answers (Flask runs a WSGI callable a view returns, inside this request).
    return current_app.extensions["acme.sso"]


@bp.get("/crm/api/call-record/<uniqueid>")
@login_required
def call_record(uniqueid: str):
    if not UNIQUEID.fullmatch(uniqueid):
        return _no_store(jsonify(error="a uniqueid is digits.digits (e.g. 1723018607.115)"), 400)
    try:
        record = current_app.extensions["acme.ucs"].call_record(uniqueid)
    except NotFoundError:
        return _no_store(jsonify(error=f"UCS knows no call {uniqueid}"), 404)
    except (ApiError, InvalidArgument) as error:  # the client's whole error tree
        # Not the client's message: it names UCS's URL, which the browser has no use for.
        current_app.logger.warning("UCS call record %s: %s", uniqueid, error)
        return _no_store(jsonify(error=f"UCS did not answer for call {uniqueid} ({error.code})"), 502)
    return _no_store(jsonify(uniqueid=record.uniqueid, duration=record.duration, recording=record.recording,
                             cause=record.cause, metadata=record.metadata))
