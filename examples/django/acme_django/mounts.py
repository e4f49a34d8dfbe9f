"""WSGI apps mounted at path prefixes in front of Django (Django has no dispatcher of its own:
this is what werkzeug's DispatcherMiddleware does for Flask)."""

from __future__ import annotations


def mount(app, mounts: dict):
    """``app`` with each of ``mounts`` (prefix without a trailing ``/`` -> WSGI app) answering
    the paths under its prefix; the prefix moves from ``PATH_INFO`` to ``SCRIPT_NAME``."""
    ordered = sorted(mounts.items(), key=lambda item: len(item[0]), reverse=True)  # the longest prefix wins

    def dispatch(environ, start_response):
        path = environ.get("PATH_INFO", "")
        for prefix, mounted in ordered:
            if path == prefix or path.startswith(prefix + "/"):
                environ = {**environ, "SCRIPT_NAME": environ.get("SCRIPT_NAME", "") + prefix,
                           "PATH_INFO": path[len(prefix):]}
                return mounted(environ, start_response)
        return app(environ, start_response)

    return dispatch
