"""A WSGI application that mints SSO tokens for the user the CRM says is signed in.

Mount it in any WSGI server, or inside Flask or Django (see the README)::

    from bridge.sso import make_sso_app
    app = make_sso_app(current_user=lambda environ: environ.get("REMOTE_USER"),
                       allowed_origins=["https://crm.example.com"])

It answers ``POST`` with JSON ``{"username", "token", "timestamp"}`` and
``Cache-Control: no-store``. Cross-site requests are refused: the request must be JSON (a
cross-origin page cannot send that without a CORS preflight, which this app never grants), its
``Origin`` (when the browser sends one) must be an allowed origin or the app's own, and a
``Sec-Fetch-Site`` other than same-origin/same-site is refused. The secret comes from the
argument or the environment and is never logged or echoed.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Callable, Iterable

from .tokens import SsoTokenError, make_token, read_token

SECRET_ENV = "AGENT_BRIDGE_SSO_SECRET"
log = logging.getLogger("agent_bridge.sso")


def make_sso_app(current_user: Callable[[dict], str | None], *, secret: str | None = None,
                 secret_env: str = SECRET_ENV, allowed_origins: Iterable[str] = (), units: str = "seconds"):
    """The token endpoint.

    :param current_user: the CRM's hook: the signed-in username for a request's WSGI
        ``environ`` (its session cookie, ``REMOTE_USER``...), or None.
    :param secret: the preshared secret; when omitted, the ``secret_env`` environment variable.
    :param allowed_origins: exact origins of the CRM pages that may ask, besides the app's own.
    :raises SsoTokenError: no secret configured.
    """
    secret = secret if secret is not None else os.environ.get(secret_env)
    if not isinstance(secret, str) or not secret:
        raise SsoTokenError(f"no SSO secret: pass secret= or set the {secret_env} environment variable")
    origins = frozenset(allowed_origins)

    def app(environ, start_response):
        def answer(status: str, body: dict, extra=()):
            data = json.dumps(body).encode("utf-8")
            start_response(status, [("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                                    ("Content-Length", str(len(data))), ("X-Content-Type-Options", "nosniff"),
                                    *extra])
            return [data]

        if environ.get("REQUEST_METHOD") != "POST":
            return answer("405 Method Not Allowed", {"error": "use POST"}, [("Allow", "POST")])
        refusal = cross_site_refusal(environ, origins)
        if refusal:
            log.warning("SSO token refused: %s", refusal)
            return answer("403 Forbidden", {"error": refusal})
        if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != "application/json":
            return answer("415 Unsupported Media Type", {"error": "send Content-Type: application/json"})
        username = current_user(environ)
        if not username:
            return answer("401 Unauthorized", {"error": "not signed in to the CRM"})
        try:
            token = make_token(secret, username, units=units)
        except SsoTokenError as error:
            log.warning("SSO token not minted for %r: %s", username, error)
            return answer("400 Bad Request", {"error": str(error)})
        log.info("SSO token minted for %r", username)
        timestamp = read_token(token, username, units=units).timestamp
        return answer("200 OK", {"username": username, "token": token, "timestamp": timestamp})

    return app


def _own_origin(environ) -> str:
    scheme = environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    if not environ.get("HTTP_HOST"):
        port = environ.get("SERVER_PORT", "")
        if port and port != {"http": "80", "https": "443"}.get(scheme):
            host = f"{host}:{port}"
    return f"{scheme}://{host}"


def cross_site_refusal(environ, origins: frozenset = frozenset()) -> str | None:
    """Why a request may come from another site (None when it cannot): a `Sec-Fetch-Site`
    other than same-origin/same-site/none, or an `Origin` that is neither listed nor the app's own."""
    site = environ.get("HTTP_SEC_FETCH_SITE")
    if site is not None and site not in ("same-origin", "same-site", "none"):
        return f"cross-site request (Sec-Fetch-Site: {site})"
    origin = environ.get("HTTP_ORIGIN")
    if origin is not None and origin not in origins and origin != _own_origin(environ):
        return f"origin {origin} is not allowed"
    return None
