"""What the bridge's worker may fetch: the build's own files, and once it is up the REST APIs on
``config.apiOrigins``, without cookies and never through a redirect; every other origin is
refused with its name. A REST client's call from the worker (bridge.clients, over pyfetch)
reaches an API the page named.

Python runs in the bridge's runtime through a test-only worker (pages/python-worker.mjs), booted
with the very boot message the shim built for the page's config. The APIs are WSGI apps on
127.0.0.1 on ports of their own, answering CORS for the page's exact origin and writing down
every request that reached them.
"""

import json

import pytest

from bridge.dev.server import start_server
from bridge.testing.fakes.ucs import UcsFake

# Python's own fetch in the worker: pyodide.http.pyfetch, as the REST clients' transport uses
# it. Its answer, or the error it raised.
FETCH = """
import json
from pyodide.http import pyfetch

async def call(url, **options):
    try:
        response = await pyfetch(url, **options)
        return {"status": response.status, "body": await response.json()}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}
"""

# The UCS client as a browser would run it: AsyncUcsClient, whose transport in Pyodide is pyfetch.
UCS_STATUS = """
import json
from bridge.clients.ucs import AsyncUcsClient

async def status(url):
    client = AsyncUcsClient(url, client_id=%r, client_secret=%r)
    try:
        status = await client.status()
        return {"trunks": {key: trunk.name for key, trunk in status.trunks.items()},
                "asterisk": status.services["asterisk"], "logins": client.logins}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        await client.close()
"""
UCS_CLIENT_ID, UCS_SECRET = "crm-service", "ucs-secret-of-the-test"


class Api:
    """A WSGI app behind CORS for one page origin (credentials too), writing down every request
    that reached it (preflights included)."""

    def __init__(self, page_origin: str, app):
        self.page_origin, self.app = page_origin, app
        self.origin = None  # set once it is served
        self.seen = []

    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        self.seen.append({"method": method, "path": path, "cookie": environ.get("HTTP_COOKIE"),
                          "authorization": environ.get("HTTP_AUTHORIZATION")})
        cors = [("Access-Control-Allow-Origin", self.page_origin), ("Access-Control-Allow-Credentials", "true"),
                ("Vary", "Origin")]
        if method == "OPTIONS":
            start_response("204 No Content", [*cors, ("Access-Control-Allow-Methods", "GET, POST"),
                                              ("Access-Control-Allow-Headers", "authorization, content-type")])
            return [b""]
        return self.app(environ, lambda status, headers: start_response(status, [*cors, *headers]))


def answer(start_response, status: str, data, headers=()):
    body = json.dumps(data).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *headers])
    return [body]


def echo(redirect_to):
    """Says which path it was asked for, with which Authorization; ``/redirect`` sends the
    caller to ``redirect_to()``."""
    def app(environ, start_response):
        if environ["PATH_INFO"] == "/redirect":
            start_response("302 Found", [("Location", redirect_to()), ("Content-Length", "0")])
            return [b""]
        return answer(start_response, "200 OK", {"path": environ["PATH_INFO"],
                                                 "authorization": environ.get("HTTP_AUTHORIZATION")})
    return app


@pytest.fixture(scope="module")
def apis(server):
    """On ports of their own: ``api``, the origin the tests name in apiOrigins; ``elsewhere``,
    one no config names (its origin differs from api's by the port only); ``ucs``, the testing
    kit's UCS REST fake (seed 000: its status is the document's example)."""
    fakes = {"api": Api(server, echo(lambda: fakes["elsewhere"].origin + "/landing")),
             "elsewhere": Api(server, echo(lambda: "/")), "ucs": Api(server, UcsFake(client_id=UCS_CLIENT_ID, client_secret=UCS_SECRET))}
    servers = []
    for fake in fakes.values():
        servers.append(start_server({"/": fake}))
        fake.origin = f"http://127.0.0.1:{servers[-1].server_address[1]}"
    yield fakes
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def api(apis):
    for fake in apis.values():
        fake.seen.clear()
    return apis["api"]


@pytest.fixture
def elsewhere(api, apis):
    return apis["elsewhere"]


@pytest.fixture
def ucs_api(api, apis):
    return apis["ucs"]


def boot_python_worker(page, api_origins: list[str]) -> None:
    """Start a bridge with ``apiOrigins``, take the boot message its shim posts to the runtime's
    worker, stop that bridge, and boot the test worker with the message."""
    booted = page.evaluate("""async (apiOrigins) => {
        const post = Worker.prototype.postMessage;
        let boot = null;
        Worker.prototype.postMessage = function (message, ...rest) {
            if (boot === null) boot = message;  // the shim's first message: the boot
            return post.call(this, message, ...rest);
        };
        const bridge = AgentBridge.start({apiOrigins, operator: () => ({})});
        while (boot === null) await new Promise((resolve) => setTimeout(resolve, 10));
        bridge.destroy();
        Worker.prototype.postMessage = post;
        const worker = new Worker('/pages/python-worker.mjs', {type: 'module'});
        window.pythonWorker = worker;
        await new Promise((resolve) => { worker.onmessage = resolve; });  // listening
        return new Promise((resolve) => {
            worker.onmessage = ({data}) => resolve(data);
            worker.postMessage({t: 'boot', boot});
        });
    }""", api_origins)
    assert booted["t"] == "booted" and booted["hello"]["t"] == "ready", booted


def run_python(page, python: str):
    """Run ``python`` in the test worker's runtime; the JSON its last expression made, read."""
    answer = page.evaluate("""(python) => new Promise((resolve) => {
        const id = (window.runs = (window.runs || 0) + 1);
        pythonWorker.addEventListener('message', function once({data}) {
            if (data.t !== 'ran' || data.id !== id) return;
            pythonWorker.removeEventListener('message', once);
            resolve(data);
        });
        pythonWorker.postMessage({t: 'run', id, python});
    })""", python)
    assert answer["ok"], answer["error"]
    return json.loads(answer["value"])


def fetch(page, url: str, **options):
    return run_python(page, FETCH + f"json.dumps(await call({url!r}, **{options!r}))")


def ucs_status(page, url: str):
    return run_python(page, UCS_STATUS % (UCS_CLIENT_ID, UCS_SECRET) + f"json.dumps(await status({url!r}))")


@pytest.fixture
def worker(blank, api, errors):
    boot_python_worker(blank, [api.origin])
    yield blank
    assert errors == []


def test_python_calls_an_api_origin_the_page_named(worker, api):
    # A preflighted call (the Authorization header), as a REST client makes one.
    answer = fetch(worker, api.origin + "/api/v1.0/status", headers={"Authorization": "Bearer agent-token"})
    assert answer == {"status": 200, "body": {"path": "/api/v1.0/status", "authorization": "Bearer agent-token"}}
    assert [(r["method"], r["path"]) for r in api.seen] == [("OPTIONS", "/api/v1.0/status"), ("GET", "/api/v1.0/status")]


def test_every_other_origin_is_refused_by_name(worker, api, elsewhere):
    port = api.origin.rsplit(":", 1)[1]
    for origin in (elsewhere.origin,  # the port alone differs
                   f"http://localhost:{port}",  # the host alone
                   f"https://127.0.0.1:{port}"):  # the scheme alone
        answer = fetch(worker, origin + "/api/v1.0/status")
        assert "error" in answer, (origin, answer)
        assert f"{origin} is outside" in answer["error"] and "not in config.apiOrigins" in answer["error"], answer
    assert api.seen == [] and elsewhere.seen == []


def test_a_redirect_from_an_api_origin_is_not_followed(worker, api, elsewhere):
    answer = fetch(worker, api.origin + "/redirect")
    assert "error" in answer and "config.apiOrigins" not in answer["error"], answer  # failed, not refused
    assert [r["path"] for r in api.seen] == ["/redirect"]
    assert elsewhere.seen == []  # the redirect's target was never asked


def test_no_cookie_goes_to_an_api_origin(worker, api):
    # A cookie of the API's host (127.0.0.1, any port), and Python asking for credentials.
    worker.context.add_cookies([{"name": "crm_session", "value": "s3cret-session", "url": api.origin}])
    answer = fetch(worker, api.origin + "/status", credentials="include")
    assert answer["status"] == 200, answer
    assert [r["cookie"] for r in api.seen] == [None]


def test_a_ucs_client_call_from_the_worker_reaches_the_api(blank, ucs_api, errors):
    boot_python_worker(blank, [ucs_api.origin])
    result = ucs_status(blank, ucs_api.origin)
    assert result == {"trunks": {"1": "SIPY", "2": "external"}, "asterisk": 1, "logins": 1}
    asked = [(r["method"], r["path"]) for r in ucs_api.seen if r["method"] != "OPTIONS"]
    assert asked == [("POST", "/login/oauth2/token"), ("GET", "/api/v1.0/status")]
    assert errors == []


def test_a_ucs_client_call_to_an_origin_not_named_is_refused(blank, api, ucs_api, errors):
    boot_python_worker(blank, [api.origin])
    result = ucs_status(blank, ucs_api.origin)
    assert f"{ucs_api.origin} is outside" in result["error"] and "not in config.apiOrigins" in result["error"], result
    assert UCS_SECRET not in result["error"]
    assert ucs_api.seen == []
    assert errors == []


def test_with_no_api_origins_nothing_but_the_build_is_fetched(blank, api, errors):
    boot_python_worker(blank, [])
    answer = fetch(blank, api.origin + "/status")
    assert f"{api.origin} is outside" in answer["error"] and "not in config.apiOrigins" in answer["error"], answer
    assert api.seen == []
    assert errors == []
