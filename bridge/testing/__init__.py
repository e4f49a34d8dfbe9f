"""The testing kit: the UCS component simulator, and a pytest plugin to test CRM pages with it.

A CRM team proves its integration in its own CI, with no UCS server::

    def test_click_to_dial(page, agent_bridge_server, ucs):
        page.goto(agent_bridge_server.url("/contacts.html"))
        ucs.sign_in()
        page.get_by_role("button", name="Call 0800123456").click()
        ucs.assert_called("dial", "0800123456", 5)

The fixtures are in :mod:`bridge.testing.plugin` (installed as a pytest plugin with the
package); :class:`~bridge.testing.driver.UcsSimulator` drives the simulator in a page; its
behaviour is described in :mod:`bridge.testing.behaviour`. Nothing here is in the browser
bundle: build.py leaves this package out of the wheel it ships in dist/.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from . import behaviour

SIMULATOR_FILE = "simulator/ucs-simulator.js"
_PLACEHOLDER = "/*@behaviour@*/ null"


@lru_cache(maxsize=1)
def simulator_script() -> str:
    """The simulator as a classic script (it defines ``window.UcsSimulator``), its behaviour
    table from :mod:`bridge.testing.behaviour` written in."""
    source = resources.files(__package__).joinpath(SIMULATOR_FILE).read_text(encoding="utf-8")
    if source.count(_PLACEHOLDER) != 1:
        raise RuntimeError(f"{SIMULATOR_FILE} must hold the placeholder {_PLACEHOLDER!r} exactly once")
    # "</" cannot end a script element this text may be inlined into.
    table = json.dumps(behaviour.as_json(), ensure_ascii=False).replace("</", "<\\/")
    return source.replace(_PLACEHOLDER, table)


def simulator_app(environ, start_response):
    """A WSGI app answering GET/HEAD with the simulator script (for ``bridge.dev.server`` routes)."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        start_response("405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Length", "0")])
        return [b""]
    body = simulator_script().encode("utf-8")
    start_response("200 OK", [("Content-Type", "text/javascript; charset=utf-8"), ("Content-Length", str(len(body))),
                              ("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff")])
    return [body] if environ.get("REQUEST_METHOD") == "GET" else [b""]
