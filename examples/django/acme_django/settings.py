"""Settings of the Acme CRM example project. Secrets come from the environment only (see
README.md); a missing one stops the project at start rather than running with a known value."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"set the {name} environment variable (see examples/django/README.md)")
    return value


SECRET_KEY = required("DJANGO_SECRET_KEY")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "acme_crm",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "acme_django.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                       "django.contrib.auth.context_processors.auth"]},
}]
# wsgi.py mounts the bridge's browser files and the Udesk event receiver in front of Django.
WSGI_APPLICATION = "acme_django.wsgi.application"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("ACME_DB", str(BASE_DIR / "db.sqlite3"))}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "index"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES") == "1"  # behind HTTPS
# The CRM's own static files. Not /static/: the bridge's versioned files are mounted under
# /static/agent-bridge/<version>/ (wsgi.py), and runserver's static handler would take that path.
STATIC_URL = "/assets/"
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "collected-static"))

# The agent bridge.
AGENT_BRIDGE_SSO_SECRET = required("AGENT_BRIDGE_SSO_SECRET")  # the UCS SSO preshared secret
AGENT_BRIDGE_DIST = os.environ.get("AGENT_BRIDGE_DIST") or None  # None: the build packaged in the wheel
UCS_URL = required("UCS_URL")
UCS_CLIENT_ID = required("UCS_CLIENT_ID")
UCS_CLIENT_SECRET = required("UCS_CLIENT_SECRET")  # a UCS superuser's password: server side only
UDESK_EVENTS_TOKEN = required("UDESK_EVENTS_TOKEN")  # the secret at the end of the receiver's path
# The phone paired for each agent after single sign-on (a real CRM keeps it in the user's profile).
CRM_PHONES = {"agent": "SIP/1001"}
