"""The Django example's prefix dispatcher (acme_django/mounts.py), which mounts the bridge's WSGI
apps in front of Django: a prefix owns its own path and the paths below it, nothing else."""

import sys

from example_helpers import EXAMPLES
from werkzeug.test import Client
from werkzeug.wrappers import Response

if str(EXAMPLES / "django") not in sys.path:
    sys.path.insert(0, str(EXAMPLES / "django"))
from acme_django.mounts import mount  # noqa: E402 - a module of the example, no Django needed


def named(name):
    def app(environ, start_response):
        text = f"{name} {environ.get('SCRIPT_NAME', '')}|{environ.get('PATH_INFO', '')}"
        return Response(text)(environ, start_response)
    return app


def answer(app, path):
    return Client(app).get(path).get_data(as_text=True)


def test_a_prefix_owns_its_path_and_below_with_the_prefix_moved_to_script_name():
    app = mount(named("django"), {"/hooks": named("hooks")})
    assert answer(app, "/hooks/udesk/events/t") == "hooks /hooks|/udesk/events/t"
    assert answer(app, "/hooks") == "hooks /hooks|"


def test_a_path_that_only_starts_like_a_prefix_stays_djangos():
    app = mount(named("django"), {"/hooks": named("hooks")})
    assert answer(app, "/hooksfoo/x") == "django |/hooksfoo/x"
    assert answer(app, "/login/") == "django |/login/"


def test_the_longest_prefix_wins():
    app = mount(named("django"), {"/static": named("static"), "/static/agent-bridge/1.0": named("bridge")})
    assert answer(app, "/static/agent-bridge/1.0/agent-bridge.js") == "bridge /static/agent-bridge/1.0|/agent-bridge.js"
    assert answer(app, "/static/other.css") == "static /static|/other.css"
