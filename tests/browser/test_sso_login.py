"""Single sign-on in the browser: a token from the CRM's endpoint, then the component's sso().

The endpoint is answered by the test (page.route) with tokens minted by bridge.sso, as the
WSGI app does (tests/unit/sso/test_sso_server.py covers the app itself).
"""

import json
import time

from bridge.sso import make_token

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


def test_the_secret_is_in_no_response_and_not_in_dist(page, server):
    from browser_helpers import DIST

    bodies = []
    page.on("response", lambda response: bodies.append(response))
    hits = serve_tokens(page)
    page.goto(f"{server}/pages/blank.html")
    start(page)
    page.wait_for_function("bridge.snapshot.state === 'IDENTIFY'", timeout=60_000)
    assert hits == ["POST"]
    secret = SECRET.encode()
    # dist/'s files are searched on disk below (and the 31 MB snapshot outgrows the inspector's cache).
    received = [r.body() for r in bodies
                if r.request.method in ("GET", "POST") and r.status != 204 and "/dist/" not in r.url]
    assert received and not any(secret in body for body in received)
    assert not any(secret in path.read_bytes() for path in DIST.rglob("*") if path.is_file())
