"""Fixtures for the framework examples (examples/flask, examples/django): each app built from
test settings, and served on 127.0.0.1 in a thread for the browser checks (example_helpers.served).

The apps take the bridge's browser files from the testing kit's ``agent_bridge_dist`` (the
repository's dist/, or the packaged build), as a CRM points ``AGENT_BRIDGE_DIST`` at one.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from example_helpers import EVENTS_TOKEN, EXAMPLES, NO_UCS, SSO_SECRET


# -- Flask ------------------------------------------------------------------------------------


def flask_config(dist: Path, **changes) -> dict:
    return {"TESTING": True, "SECRET_KEY": secrets.token_urlsafe(32), "AGENT_BRIDGE_SSO_SECRET": SSO_SECRET,
            "UCS_URL": NO_UCS, "UCS_CLIENT_ID": "acme-crm", "UCS_CLIENT_SECRET": "ucs-secret",
            "XUC_EVENTS_TOKEN": EVENTS_TOKEN, "AGENT_BRIDGE_DIST": str(dist), "AGENT_PASSWORD": "crm", **changes}


@pytest.fixture(scope="session")
def flask_module():
    if str(EXAMPLES / "flask") not in sys.path:
        sys.path.insert(0, str(EXAMPLES / "flask"))
    import acme_flask

    return acme_flask


@pytest.fixture
def make_flask_app(flask_module, agent_bridge_dist):
    """Build the Flask example with test settings (``changes`` override them)."""
    apps = []

    def make(**changes):
        app = flask_module.create_app(flask_config(agent_bridge_dist, **changes))
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["acme.xuc_receiver"].close()
        app.extensions["acme.ucs"].close()


@pytest.fixture
def flask_app(make_flask_app):
    return make_flask_app()


# -- Django -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DjangoProject:
    application: object  # acme_django.wsgi.application: Django with the mounts
    receiver: object  # acme_crm.events.receiver
    events: object  # acme_crm.events.recent


@pytest.fixture(scope="session")
def django_project(agent_bridge_dist, tmp_path_factory):
    """The Django example, set up once per test session (Django's settings are per process):
    its settings read from an environment set for it (and put back afterwards), a fresh SQLite
    database migrated, and the CRM account agent / crm."""
    environment = {
        "DJANGO_SETTINGS_MODULE": "acme_django.settings", "DJANGO_SECRET_KEY": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver", "ACME_DB": str(tmp_path_factory.mktemp("django") / "db.sqlite3"),
        "AGENT_BRIDGE_SSO_SECRET": SSO_SECRET, "AGENT_BRIDGE_DIST": str(agent_bridge_dist), "UCS_URL": NO_UCS,
        "UCS_CLIENT_ID": "acme-crm", "UCS_CLIENT_SECRET": "ucs-secret", "UDESK_EVENTS_TOKEN": EVENTS_TOKEN,
    }
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    # Once a Playwright test has run, its sync API keeps an event loop running in the main thread
    # for the rest of the session, and Django then refuses every ORM call made there (the test
    # client's, the login's) as if from async code. None is: the loop only drives the browser.
    # Django's documented switch for such environments; kept for the session (Django reads it
    # at each call).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        if str(EXAMPLES / "django") not in sys.path:
            sys.path.insert(0, str(EXAMPLES / "django"))
        import django

        django.setup()
        from django.test.utils import override_settings

        # As Django's documentation advises for tests: a fast hasher (the project keeps Django's own).
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        get_user_model().objects.create_user("agent", password="crm")
        from acme_crm import events
        from acme_django import wsgi
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    yield DjangoProject(wsgi.application, events.receiver, events.recent)
    events.receiver.close()


