"""Acme CRM, a small Flask app with the agent bridge in it (see examples/flask/README.md).

``create_app()`` is the app factory: its settings come from the environment (nothing secret is in
the code or reaches a page), ``test_config`` overrides them. Beside the CRM's own blueprint
(views.py: its login, the page, the SSO token endpoint, the call-record API), two WSGI apps of
the bridge are mounted in front of Flask with werkzeug's ``DispatcherMiddleware``:

- ``/static/agent-bridge/<bridge.__version__>/``: the browser files (``bridge.serving.BrowserFiles``:
  precompressed copies chosen from Accept-Encoding, cached for a year: the path changes with the
  version);
- ``/hooks``: the receiver of XUC's exported events (``bridge.clients.xuc.events.EventReceiver``);
  XUC's ``eventUrl`` is the CRM's public URL + ``/hooks`` + ``receiver.path`` (which holds the
  secret token).
"""

from __future__ import annotations

import collections
import logging
import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

import bridge
from bridge.clients.ucs import UcsClient
from bridge.clients.xuc.events import EventReceiver
from bridge.serving import BrowserFiles
from bridge.sso import make_sso_app

from . import views

log = logging.getLogger("acme_flask")

BRIDGE_PREFIX = f"/static/agent-bridge/{bridge.__version__}"
HOOKS_PREFIX = "/hooks"
# What create_app reads from the environment, and the setting each becomes. The secrets have no
# default: a CRM started without one fails at once rather than minting with a known secret.
ENVIRONMENT = {
    "FLASK_SECRET_KEY": "SECRET_KEY",  # signs Flask's session cookie
    "AGENT_BRIDGE_SSO_SECRET": "AGENT_BRIDGE_SSO_SECRET",  # the UCS SSO preshared secret
    "UCS_URL": "UCS_URL", "UCS_CLIENT_ID": "UCS_CLIENT_ID", "UCS_CLIENT_SECRET": "UCS_CLIENT_SECRET",
    "XUC_EVENTS_TOKEN": "XUC_EVENTS_TOKEN",  # the secret at the end of the receiver's path
    "AGENT_BRIDGE_DIST": "AGENT_BRIDGE_DIST",  # optional: a dist/ folder instead of the packaged build
    "ACME_AGENT_PASSWORD": "AGENT_PASSWORD",  # the demo account's password (no published default)
}
REQUIRED = ("SECRET_KEY", "AGENT_BRIDGE_SSO_SECRET", "UCS_URL", "UCS_CLIENT_ID", "UCS_CLIENT_SECRET",
            "XUC_EVENTS_TOKEN", "AGENT_PASSWORD")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        # The session cookie carries the CRM login and the CSRF token: never sent cross-site with
        # a POST (Lax), never readable by scripts. Set SESSION_COOKIE_SECURE behind HTTPS.
        SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=os.environ.get("FLASK_SESSION_COOKIE_SECURE") == "1",
        **{setting: os.environ[name] for name, setting in ENVIRONMENT.items() if os.environ.get(name)},
    )
    if test_config:
        app.config.update(test_config)
    missing = [name for name in REQUIRED if not app.config.get(name)]
    if missing:
        raise RuntimeError(f"acme_flask: set {', '.join(missing)} (see examples/flask/README.md)")
    # The CRM's accounts: a real CRM has its own user store (views.check_password reads this).
    app.config.setdefault("CRM_USERS", views.demo_users(app.config["AGENT_PASSWORD"]))

    # The token endpoint of bridge.sso (JSON only, the Origin and Sec-Fetch-Site checked, no-store),
    # minting for the user of Flask's session: views.sso_token returns it after the CRM's own checks.
    app.extensions["acme.sso"] = make_sso_app(views.signed_in_user, secret=app.config["AGENT_BRIDGE_SSO_SECRET"])
    # The UCS REST client: server side only (its OAuth secret is a UCS superuser's password).
    app.extensions["acme.ucs"] = UcsClient(app.config["UCS_URL"], client_id=app.config["UCS_CLIENT_ID"],
                                           client_secret=app.config["UCS_CLIENT_SECRET"])
    # The latest XUC events, for a screen pop or a refresh (hints: re-read through the API before acting).
    events: collections.deque = collections.deque(maxlen=100)
    app.extensions["acme.xuc_events"] = events

    def on_event(event):  # on the receiver's worker thread, one event at a time
        log.info("XUC %s for %s", event.msg_type, event.username)
        events.append(event)

    receiver = EventReceiver(on_event, token=app.config["XUC_EVENTS_TOKEN"])
    app.extensions["acme.xuc_receiver"] = receiver
    app.register_blueprint(views.bp)
    dist = app.config.get("AGENT_BRIDGE_DIST")
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {
        BRIDGE_PREFIX: BrowserFiles(Path(dist) if dist else None),  # None: the build packaged in the wheel
        HOOKS_PREFIX: receiver,
    })
    return app
