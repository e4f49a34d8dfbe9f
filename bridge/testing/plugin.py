"""pytest plugin (entry point ``pytest11``): test a CRM page with the bridge and the simulated component.

Fixtures:

- ``agent_bridge_dist``: the folder of the bridge's build: ``--agent-bridge-dist``, else the ini
  option ``agent_bridge_dist`` (relative to the rootdir), else the build the installed wheel
  carries (:func:`bridge.serving.browser_files`), else ``<rootdir>/dist`` (a source checkout).
- ``agent_bridge_routes``: override it to serve your pages (URL prefix -> folder, or -> WSGI app).
  The server is one per test session, so override it once, in the root conftest.py.
- ``agent_bridge_server``: serves ``/agent-bridge/`` (the build) and
  ``/agent-bridge/testing/simulator/ucs-simulator.js`` beside your routes, on 127.0.0.1.
- ``ucs``: the simulated UCS component in pytest-playwright's ``page``
  (:class:`bridge.testing.driver.UcsSimulator`). Options with ``@pytest.mark.ucs(...)``.
- ``ucs_fake``, ``ucs_fake_server``, ``ucontact_fake``, ``ucontact_fake_server``, ``xuc_fake``,
  ``xuc_fake_server``, ``udesk_fake``, ``udesk_fake_server``: the UCS REST, uContact Integra, XUC
  and Udesk fakes (:mod:`bridge.testing.fakes`), in-process or on 127.0.0.1.

The browser: ``--agent-bridge-chromium PATH``, the ini option ``agent_bridge_chromium`` or
``AGENT_BRIDGE_CHROMIUM`` name a Chromium executable; without them Playwright's own browser
is used, or, when it is not installed, ``chromium`` from the PATH (Debian's package).

Loaded wherever agent-bridge is installed, so it imports nothing from Playwright until a
fixture runs.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest

CHROMIUM_ENV = "AGENT_BRIDGE_CHROMIUM"
DIST_PREFIX = "/agent-bridge/"
SIMULATOR_PATH = "/agent-bridge/testing/simulator/ucs-simulator.js"


def pytest_addoption(parser):
    group = parser.getgroup("agent-bridge", "agent-bridge testing kit")
    group.addoption("--agent-bridge-dist", default=None,
                    help="the bridge's build folder (default: the installed package's, else dist)")
    group.addoption("--agent-bridge-chromium", default=None,
                    help=f"Chromium executable for the browser tests (else ${CHROMIUM_ENV})")
    # No default here: unset, the packaged build is looked for before <rootdir>/dist.
    parser.addini("agent_bridge_dist", "the bridge's build folder, relative to the rootdir", default="")
    parser.addini("agent_bridge_chromium", "Chromium executable for the browser tests", default="")


def pytest_configure(config):
    config.addinivalue_line("markers", "ucs(**options): options of the simulated UCS component (see bridge.testing)")
    # Registered now, after every installed plugin, so this fixture extends pytest-playwright's
    # (a fixture of a later plugin overrides an earlier one's; conftest files still override it).
    if config.pluginmanager.hasplugin("playwright"):
        config.pluginmanager.register(_BrowserLaunch(), "agent_bridge_browser_launch")


def chromium_executable(config) -> str | None:
    """The Chromium the user named (option, ini, environment), or None."""
    return (config.getoption("--agent-bridge-chromium") or config.getini("agent_bridge_chromium")
            or os.environ.get(CHROMIUM_ENV) or None)


class _BrowserLaunch:
    @pytest.fixture(scope="session")
    def browser_type_launch_args(self, browser_type_launch_args, pytestconfig, browser_type):
        args = dict(browser_type_launch_args)  # pytest-playwright's (--headed, --slowmo...), extended
        executable = chromium_executable(pytestconfig)
        if executable is None and browser_type.name == "chromium" and not Path(browser_type.executable_path).exists():
            executable = shutil.which("chromium") or shutil.which("chromium-browser")
        if executable:
            args["executable_path"] = executable
        return args


@pytest.fixture(scope="session")
def agent_bridge_dist(pytestconfig) -> Path:
    """The bridge's build: the option, the ini option, the packaged build, or ``<rootdir>/dist``."""
    from ..serving import browser_files

    given = pytestconfig.getoption("--agent-bridge-dist") or pytestconfig.getini("agent_bridge_dist")
    dist = Path(given) if given else browser_files() or Path("dist")
    if not dist.is_absolute():
        dist = Path(pytestconfig.rootpath) / dist
    if not (dist / "agent-bridge.js").is_file():
        pytest.fail(f"no agent-bridge build in {dist}: build it (python build.py) or point "
                    "--agent-bridge-dist / the ini option agent_bridge_dist at it (or install a wheel that carries "
                    "one: build.py --package writes it)", pytrace=False)
    return dist


@pytest.fixture(scope="session")
def agent_bridge_routes() -> dict:
    """Your pages: URL prefix -> folder, or -> WSGI app. Override this fixture in conftest.py."""
    return {}


@dataclass(frozen=True)
class BridgeServer:
    origin: str  # http://127.0.0.1:PORT
    dist_url: str  # the build's URL (ends in /): src="{dist_url}agent-bridge.js"
    simulator_url: str

    def url(self, path: str = "/") -> str:
        """An absolute URL on this server."""
        return urljoin(self.origin + "/", path.lstrip("/"))


@pytest.fixture(scope="session")
def agent_bridge_server(agent_bridge_dist, agent_bridge_routes):
    """Serves the build under ``/agent-bridge/``, the simulator, and ``agent_bridge_routes``."""
    from ..dev.server import start_server
    from . import simulator_app

    taken = {DIST_PREFIX, SIMULATOR_PATH} & set(agent_bridge_routes)
    if taken:
        pytest.fail(f"agent_bridge_routes may not use {', '.join(sorted(taken))}: the kit serves the build there",
                    pytrace=False)
    server = start_server({**agent_bridge_routes, DIST_PREFIX: agent_bridge_dist, SIMULATOR_PATH: simulator_app})
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    yield BridgeServer(origin, origin + DIST_PREFIX, origin + SIMULATOR_PATH)
    server.shutdown()
    server.server_close()


@pytest.fixture
def ucs(request, page):
    """The simulated UCS component in ``page``, wired to the bridge the page starts.

    ``@pytest.mark.ucs(users=..., version=..., delay=..., ssoSecret=..., wire="manual")``
    sets its options (a test's marker over its module's and class's).
    """
    from .driver import UcsSimulator

    options: dict = {}
    for marker in reversed(list(request.node.iter_markers("ucs"))):  # the closest marker wins
        if marker.args:
            pytest.fail("@pytest.mark.ucs takes keyword options only", pytrace=False)
        options.update(marker.kwargs)
    wire = options.pop("wire", "auto")
    return UcsSimulator(page, options, wire=wire)


# -- the REST API fakes (bridge.testing.fakes): for a CRM's server-side code, no browser needed --


@pytest.fixture
def ucs_fake():
    """A fresh in-process UCS REST fake per test (:class:`bridge.testing.fakes.UcsFake`), holding
    the vendor document's examples (users admin, Alice, Bob; call 1723018607.115; persons and
    companies...). Call it through ``httpx2.WSGITransport(app=ucs_fake)``; log in with
    ``ucs_fake.client_id`` / ``ucs_fake.client_secret``. Its knobs (``expire_tokens()``,
    ``fail_next(503)``, ``fail_validation({...})``...) and ``requests`` / ``login_count`` let a
    test make UCS fail and check what the code under test sent. For other options (synthetic
    persons, a clock), build your own ``UcsFake(...)`` in a fixture."""
    from .fakes import UcsFake

    return UcsFake()


@pytest.fixture
def ucs_fake_server():
    """A fresh UCS REST fake served on 127.0.0.1 for the test (a free port, HTTP/1.1 keep-alive):
    the fake itself, with its base URL in ``ucs_fake_server.url`` (``http://127.0.0.1:PORT``),
    for code that takes a URL (a client on a real socket, a subprocess, a browser)."""
    from .fakes import UcsFake

    fake = UcsFake()
    with fake.serve():
        yield fake


@pytest.fixture
def ucontact_fake():
    """A fresh in-process uContact Integra fake per test (:class:`bridge.testing.fakes.UContactFake`):
    supervisors ``Carina`` (with a phone) and ``Admin`` (without one), password
    ``ExamplePassword``. ``open_sessions`` shows which sessions the code under test left open;
    ``fail_login()`` / ``fail_end_session()`` make the next one answer ``0``."""
    from .fakes import UContactFake

    return UContactFake()


@pytest.fixture
def ucontact_fake_server():
    """A fresh uContact Integra fake served on 127.0.0.1 for the test; its base URL in
    ``ucontact_fake_server.url``."""
    from .fakes import UContactFake

    fake = UContactFake()
    with fake.serve():
        yield fake


@pytest.fixture
def xuc_fake():
    """A fresh in-process XiVO XUC REST API 2.0 fake per test (:class:`bridge.testing.fakes.XucFake`),
    holding the vendor document's examples: CTI users ``cti_user_login`` / ``cti_user_password``,
    ``jbond`` / ``jbond_password`` (also ``drno``, ``alicej``, ``bruce``, ``cquefia``, each
    ``<login>_password``), web-service users ``web_service_user_login`` /
    ``web_service_user_password`` (every web-service ACL) and ``dialer`` / ``dialer_password``
    (``xuc.rest.dial.number.*.create`` only). Tokens are JWTs expiring by the wall clock;
    ``expire_tokens()`` makes the next call a 403 ``TokenExpired``; ``push_event(url, ...)`` and
    ``dial(...)`` (with ``event_url`` set) post XUC events to a receiver. For other options
    (users, a clock, a TTL, ``event_url``), build your own ``XucFake(...)`` in a fixture."""
    from .fakes import XucFake

    return XucFake()


@pytest.fixture
def xuc_fake_server():
    """A fresh XUC fake served on 127.0.0.1 for the test; its base URL in ``xuc_fake_server.url``
    (the API is under ``/xuc/api/2.0``)."""
    from .fakes import XucFake

    fake = XucFake()
    with fake.serve():
        yield fake


@pytest.fixture
def udesk_fake():
    """A fresh in-process Udesk CCPaaS ccapi v2 fake per test (:class:`bridge.testing.fakes.UdeskFake`),
    holding the vendor document's examples: relay numbers 057126200670..674, agents 189 and 355
    (and 10032, 1802), queues 9001/9002/9003/9009, extensions 1001, 1008, 1145, 1146...; Sid
    ``udesk_fake.sid``, AuthToken ``udesk_fake.auth_token``, app ``udesk_fake.app_id``. It checks
    every request's signature and its ten-minute window; ``skew(seconds)`` moves its clock,
    ``fail_code("000060")`` answers a return code, ``push_event(url, {...})`` posts an event to
    a receiver, ``add_agents(10_000)`` fills it. For other options (a clock, ``error_status``,
    ``stale_code``), build your own ``UdeskFake(...)`` in a fixture."""
    from .fakes import UdeskFake

    return UdeskFake()


@pytest.fixture
def udesk_fake_server():
    """A fresh Udesk fake served on 127.0.0.1 for the test; its base URL in ``udesk_fake_server.url``
    (the API is under ``/ccapi/v2``)."""
    from .fakes import UdeskFake

    fake = UdeskFake()
    with fake.serve():
        yield fake
