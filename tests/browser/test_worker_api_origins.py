"""What the bridge's worker may fetch: the build's own files, and once it is up the REST APIs on
``config.apiOrigins``, without cookies and never through a redirect; every other origin is
refused with its name.

Python runs in the bridge's runtime through a test-only worker (pages/python-worker.mjs), booted
with the very boot message the shim built for the page's config. The APIs are WSGI fakes on
127.0.0.1 on ports of their own, answering CORS for the page's exact origin and writing down
every request that reached them.
"""

import json

import pytest

from bridge.dev.server import start_server

# A request as Python in the worker makes one through the global fetch, the way
# pyodide.http.pyfetch does: a Request built from the URL and the options, then fetch(request,
# options). Its answer, or the error it raised.
FETCH = """
import json
from js import Object, Request, fetch
from pyodide.ffi import to_js

async def call(url, **options):
    init = to_js(options, dict_converter=Object.fromEntries)
    try:
        response = await fetch(Request.new(url, init), init)
        return {"status": response.status, "body": json.loads(await response.text())}
    except Exception as error:
        return {"error": str(error)}
"""


class ApiFake:
    """A REST API that answers CORS (credentials too) for one page origin, and writes down what
    reached it. ``/redirect`` sends the caller to ``redirect_to``."""

    def __init__(self, page_origin: str):
        self.page_origin = page_origin
        self.redirect_to = None
        self.seen = []

    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        self.seen.append({"method": method, "path": path, "cookie": environ.get("HTTP_COOKIE"),
                          "authorization": environ.get("HTTP_AUTHORIZATION")})
        headers = [("Access-Control-Allow-Origin", self.page_origin), ("Access-Control-Allow-Credentials", "true"),
                   ("Vary", "Origin")]
        if method == "OPTIONS":
            start_response("204 No Content", [*headers, ("Access-Control-Allow-Methods", "GET, POST"),
                                              ("Access-Control-Allow-Headers", "authorization, content-type")])
            return [b""]
        if path == "/redirect":
            start_response("302 Found", [*headers, ("Location", self.redirect_to)])
            return [b""]
        body = json.dumps({"path": path, "authorization": environ.get("HTTP_AUTHORIZATION")}).encode()
        start_response("200 OK", [*headers, ("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


@pytest.fixture(scope="module")
def apis(server):
    """Two fakes on their own ports: ``api``, the origin the tests name in apiOrigins, and
    ``elsewhere``, one no config names (its origin differs from api's by the port only)."""
    fakes, servers = {}, []
    for name in ("api", "elsewhere"):
        fake = ApiFake(server)
        srv = start_server({"/": fake})
        servers.append(srv)
        fake.origin = f"http://127.0.0.1:{srv.server_address[1]}"
        fakes[name] = fake
    fakes["api"].redirect_to = fakes["elsewhere"].origin + "/landing"
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
def elsewhere(apis):
    return apis["elsewhere"]


def boot_python_worker(page, api_origins: list[str]) -> dict:
    """Start a bridge with ``apiOrigins``, take the boot message its shim posts to the runtime's
    worker, stop that bridge, and boot the test worker with the message. Its hello."""
    return page.evaluate("""async (apiOrigins) => {
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


@pytest.fixture
def worker(blank, api, errors):
    booted = boot_python_worker(blank, [api.origin])
    assert booted["t"] == "booted" and booted["hello"]["t"] == "ready", booted
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
    assert "error" in answer, answer
    assert [r["path"] for r in api.seen] == ["/redirect"]
    assert elsewhere.seen == []  # the redirect's target was never asked


def test_no_cookie_goes_to_an_api_origin(worker, api):
    # A cookie of the API's host (127.0.0.1, any port), and Python asking for credentials.
    worker.context.add_cookies([{"name": "crm_session", "value": "s3cret-session", "url": api.origin}])
    answer = fetch(worker, api.origin + "/status", credentials="include")
    assert answer["status"] == 200, answer
    assert [r["cookie"] for r in api.seen] == [None]


def test_with_no_api_origins_nothing_but_the_build_is_fetched(blank, api, errors):
    assert boot_python_worker(blank, [])["hello"]["t"] == "ready"
    answer = fetch(blank, api.origin + "/status")
    assert f"{api.origin} is outside" in answer["error"] and "not in config.apiOrigins" in answer["error"], answer
    assert api.seen == []
    assert errors == []
