"""Single sign-on in the browser: a token from the CRM's endpoint, then the component's sso().

The endpoint is answered by the test (page.route) with tokens minted by bridge.sso, as the
WSGI app does (tests/unit/sso/test_sso_server.py covers the app itself).
"""

import base64
import json
import time
from urllib.parse import quote

import pytest
from browser_helpers import DIST, settle

from bridge.dev.server import start_server
from bridge.sso import make_sso_app, make_token
from bridge.testing import simulator_app

SECRET = "s3cret"


def serve_tokens(page, username="agent", status=200, secret=SECRET, skew=0):
    hits = []

    def handle(route):
        hits.append(route.request.method)
        if status != 200:
            return route.fulfill(status=status, content_type="application/json", body='{"error": "no"}')
        token = make_token(secret, username, int(time.time()) + skew)
        route.fulfill(status=200, content_type="application/json", headers={"Cache-Control": "no-store"},
                      body=json.dumps({"username": username, "token": token}))

    page.route("**/crm/sso-token", handle)
    return hits


def start(page, retries=2):
    page.evaluate(f"""() => {{
        window.bridge = AgentBridge.start({{sso: {{tokenUrl: '/crm/sso-token', provider: 'Acme CRM', retries: {retries}}}}});
        window.errorEvents = [];
        bridge.on('error', (e) => errorEvents.push(e));
        window.sim = UcsSimulator.install({{callbacks: bridge.callbacks, ssoSecret: '{SECRET}'}});
    }}""")


def test_agent_reaches_identify_without_a_password(blank, errors):
    hits = serve_tokens(blank)
    start(blank)
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'", timeout=60_000)
    assert hits == ["POST"]
    sso = blank.evaluate("sim.log.filter((e) => e.method === 'sso')")
    assert len(sso) == 1 and sso[0]["args"][0] == "agent" and sso[0]["args"][2] == "Acme CRM"
    assert blank.evaluate("errorEvents") == []
    assert errors == []


def test_not_signed_in_to_the_crm_is_not_retried_and_password_login_still_works(blank):
    hits = serve_tokens(blank, status=401)
    start(blank)
    blank.wait_for_function("errorEvents.length === 1", timeout=60_000)
    assert blank.evaluate("errorEvents[0].code") == "SSO_FAILED"
    assert "HTTP 401" in blank.evaluate("errorEvents[0].message")
    assert hits == ["POST"]
    blank.wait_for_function("sim.notifications.some((n) => n.title.startsWith('Single sign-on failed'))")
    assert blank.evaluate("bridge.login('agent', 'demo').then(() => 'ok')") == "ok"
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")


def test_a_token_for_another_user_fails_after_bounded_retries(blank):
    hits = serve_tokens(blank, username="boss")
    start(blank, retries=1)
    blank.wait_for_function("errorEvents.length === 1", timeout=60_000)
    assert len(hits) == 2  # the first attempt and one retry
    assert blank.evaluate("bridge.snapshot.state") == "CREDENTIALS"
    assert "SSO_FAILED" == blank.evaluate("errorEvents[0].code")


def test_a_clock_too_far_off_is_refused_and_shown(blank):
    serve_tokens(blank, skew=-3600)
    start(blank, retries=0)
    blank.wait_for_function("errorEvents.length === 1", timeout=60_000)
    # The notification is a call through the runtime, after the error event: wait for it.
    blank.wait_for_function("sim.notifications.some((n) => n.title.startsWith('Single sign-on failed'))")
    title = blank.evaluate("sim.notifications.filter((n) => n.title.startsWith('Single sign-on failed')).pop().title")
    assert "Invalid SSO token" in title


def test_network_failure(blank):
    blank.route("**/crm/sso-token", lambda route: route.abort())
    start(blank, retries=0)
    blank.wait_for_function("errorEvents.length === 1", timeout=60_000)
    assert blank.evaluate("errorEvents[0].code") == "SSO_FAILED"


def test_bad_sso_config_throws(blank):
    result = blank.evaluate("""() => { try { AgentBridge.start({sso: {tokenUrl: '/t'}}); } catch (e) {
        return [e.code, e.message]; } }""")
    assert result == ["INVALID_ARGUMENT", "config.sso.provider is required: a non-empty string"]


@pytest.fixture
def token_server():
    """The real token endpoint (bridge.sso.make_sso_app) beside the test pages and dist/, on one
    origin, minting for the user a cookie names (what a CRM's session would say)."""
    from browser_helpers import ROOT

    def current_user(environ):
        return "agent" if "crm_session=agent" in environ.get("HTTP_COOKIE", "") else None

    app = make_sso_app(current_user, secret=SECRET)
    srv = start_server({"/crm/sso-token": app, "/dist/": DIST, "/pages/": ROOT / "tests" / "browser" / "pages",
                        "/demo/ucs-simulator.js": simulator_app})
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_the_secret_is_in_no_response_and_not_in_dist(page, token_server):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.context.add_cookies([{"name": "crm_session", "value": "agent", "url": token_server}])
    page.goto(f"{token_server}/pages/blank.html")
    start(page)
    page.wait_for_function("bridge.snapshot.state === 'IDENTIFY'", timeout=60_000)
    minted = [r for r in responses if r.url.endswith("/crm/sso-token")]
    assert [(r.request.method, r.status) for r in minted] == [("POST", 200)]
    assert set(minted[0].json()) >= {"username", "token"}  # the endpoint's own answer reached the bridge
    forms = (SECRET.encode(), quote(SECRET).encode(), base64.b64encode(SECRET.encode()))
    # dist/'s files are searched on disk below (and the 31 MB snapshot outgrows the inspector's cache).
    received = [r.body() + str(r.all_headers()).encode() for r in responses
                if r.request.method in ("GET", "POST") and r.status != 204 and "/dist/" not in r.url]
    assert received and not any(form in body for body in received for form in forms)
    assert not any(SECRET.encode() in path.read_bytes() for path in DIST.rglob("*") if path.is_file())


def test_an_agent_who_logs_out_is_not_signed_back_in(blank, errors):
    hits = serve_tokens(blank)
    start(blank)
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'", timeout=60_000)
    assert settle(blank, "bridge.logout()")["ok"]
    blank.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    blank.wait_for_timeout(500)  # time for a (wrong) second attempt to be made
    assert hits == ["POST"]
    assert blank.evaluate("sim.log.filter((e) => e.method === 'sso').length") == 1
    assert blank.evaluate("bridge.snapshot.state") == "CREDENTIALS"
    # ...so another agent can log in on this phone with a password.
    assert settle(blank, "bridge.login('agent', 'demo')")["ok"]
    assert errors == []


def test_sign_on_again_when_the_integrator_asks(blank, errors):
    hits = serve_tokens(blank)
    start(blank)
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'", timeout=60_000)
    # Logout and signOn() at once: signOn() waits for the login form the logout brings back.
    result = settle(blank, "(bridge.logout(), bridge.signOn())")
    assert result == {"ok": True, "value": None}
    assert hits == ["POST", "POST"]
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
    assert errors == []


def test_two_login_forms_in_a_row_make_one_attempt(blank, errors):
    release = []
    hits = []

    def slow(route):
        hits.append(route.request.method)
        release.append(route)

    blank.route("**/crm/sso-token", slow)
    start(blank)
    blank.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    # The component shows its form again while the first attempt waits for its token; the
    # integrator asks too: still one attempt, and both callers get its outcome.
    blank.evaluate("() => { bridge.callbacks.onCredentials(); window.asked = [bridge.signOn(), bridge.signOn()]; }")
    blank.wait_for_timeout(300)
    assert hits == ["POST"]
    token = make_token(SECRET, "agent", int(time.time()))
    release[0].fulfill(status=200, content_type="application/json", body=json.dumps({"username": "agent", "token": token}))
    assert blank.evaluate("Promise.all(asked).then(() => 'both resolved')") == "both resolved"
    assert hits == ["POST"] and blank.evaluate("sim.log.filter((e) => e.method === 'sso').length") == 1
    assert errors == []


def test_a_token_endpoint_that_hangs_ends_in_sso_failed(blank, errors):
    blank.route("**/crm/sso-token", lambda route: None)  # never answered
    blank.evaluate("""() => {
        window.bridge = AgentBridge.start({sso: {tokenUrl: '/crm/sso-token', provider: 'Acme CRM', retries: 0, timeout: 400}});
        window.errorEvents = [];
        bridge.on('error', (e) => errorEvents.push(e));
        window.sim = UcsSimulator.install({callbacks: bridge.callbacks});
    }""")
    blank.wait_for_function("errorEvents.length === 1", timeout=10_000)
    assert blank.evaluate("errorEvents[0]") == {
        "code": "SSO_FAILED", "message": "single sign-on failed: the token endpoint did not answer within 400 ms"}
    blank.wait_for_function("sim.notifications.some((n) => n.title.includes('did not answer within 400 ms'))")
    asked = settle(blank, "bridge.signOn()")  # and asking again fails the same way, with the code
    assert asked["code"] == "SSO_FAILED" and "did not answer within 400 ms" in asked["message"]
    assert errors == []


def test_sign_on_refuses_what_it_cannot_do(blank):
    blank.evaluate("window.plain = AgentBridge.start({})")
    assert settle(blank, "plain.signOn()")["code"] == "INVALID_ARGUMENT"
    # No component ever shows a login form: signOn() does not wait forever.
    blank.evaluate("""window.lonely = AgentBridge.start({callTimeout: 300, operator: () => undefined,
        sso: {tokenUrl: '/crm/sso-token', provider: 'Acme CRM'}})""")
    result = settle(blank, "lonely.signOn()")
    assert result["code"] == "INVALID_STATE" and "did not show its login form" in result["message"]
    blank.evaluate("window.gone = AgentBridge.start({sso: {tokenUrl: '/crm/sso-token', provider: 'Acme CRM'}}); "
                   "window.waiting = gone.signOn().catch((e) => e.code); gone.destroy()")
    assert blank.evaluate("waiting") == "DESTROYED"
