"""config.sso.headers in the browser: the CSRF token a CRM's framework wants (Django's
CsrfViewMiddleware, Flask-WTF, Rails) goes with the bridge's token request, the CRM's CSRF-checked
endpoint answers, and the agent reaches READY; a header the page may not set is refused at
start(). The values are never said: not in a refusal, not on the console.

The endpoint is the real one (bridge.sso.make_sso_app) behind a double-submit check as Django's
(the csrftoken cookie must equal the X-CSRFToken header, else 403), on the page's origin.
"""

import hmac
import json

import pytest
from browser_helpers import DIST, ROOT

from bridge.dev.server import start_server
from bridge.sso import make_sso_app
from bridge.testing import simulator_app

SECRET = "s3cret"
CSRF = "Zq81csrfTOKENzq81Zq81csrfTOKENzq81"


@pytest.fixture
def csrf_server():
    """The token endpoint behind a CSRF check, the test pages and dist/ on one origin. Yields the
    origin and what the endpoint saw of each request (header names lower-cased)."""
    seen = []
    sso_app = make_sso_app(lambda environ: "agent" if "crm_session=agent" in environ.get("HTTP_COOKIE", "") else None,
                           secret=SECRET)

    def csrf_checked(environ, start_response):
        cookies = dict(part.strip().split("=", 1) for part in environ.get("HTTP_COOKIE", "").split(";") if "=" in part)
        sent = environ.get("HTTP_X_CSRFTOKEN", "")
        seen.append({"csrf": sent, "content-type": environ.get("CONTENT_TYPE"), "method": environ["REQUEST_METHOD"]})
        if not sent or not hmac.compare_digest(sent, cookies.get("csrftoken", "")):
            start_response("403 Forbidden", [("Content-Type", "application/json")])
            return [json.dumps({"error": "CSRF verification failed"}).encode()]
        return sso_app(environ, start_response)

    srv = start_server({"/crm/sso-token": csrf_checked, "/dist/": DIST, "/pages/": ROOT / "tests" / "browser" / "pages",
                        "/demo/ucs-simulator.js": simulator_app})
    origin = f"http://127.0.0.1:{srv.server_address[1]}"
    yield origin, seen
    srv.shutdown()
    srv.server_close()


def open_page(page, origin):
    page.context.add_cookies([{"name": "crm_session", "value": "agent", "url": origin},
                              {"name": "csrftoken", "value": CSRF, "url": origin}])
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"{origin}/pages/blank.html")
    return console


def start(page, headers_js: str):
    # What the Django example's page does: the token from the csrftoken cookie, and the phone of
    # the agent's profile paired and confirmed once signed in.
    page.evaluate(f"""() => {{
        const csrftoken = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).split('=')[1];
        window.bridge = AgentBridge.start({{debug: true, sso: {{tokenUrl: '/crm/sso-token', provider: 'Acme CRM',
                                                              retries: 0, headers: {headers_js}}}}});
        window.errorEvents = [];
        bridge.on('error', (e) => errorEvents.push(e));
        bridge.on('state', ({{state}}) => {{
            if (state === 'IDENTIFY') bridge.selectIdentifier('SIP/1001');
            if (state === 'DEVICE') bridge.provision();
        }});
        window.sim = UcsSimulator.install({{callbacks: bridge.callbacks, ssoSecret: '{SECRET}'}});
    }}""")


def test_the_csrf_header_reaches_the_endpoint_and_the_agent_reaches_ready(page, csrf_server, errors):
    origin, seen = csrf_server
    console = open_page(page, origin)
    start(page, "{'X-CSRFToken': csrftoken}")
    page.wait_for_function("bridge.snapshot.state === 'READY'", timeout=60_000)
    # One request, with the page's header and the bridge's own Content-Type.
    assert seen == [{"csrf": CSRF, "content-type": "application/json", "method": "POST"}]
    assert page.evaluate("sim.log.filter((e) => e.method === 'sso').map((e) => [e.args[0], e.args[2]])") == [
        ["agent", "Acme CRM"]]
    assert page.evaluate("errorEvents") == []
    assert errors == [] and not any(CSRF in text for text in console)


def test_without_the_header_the_check_refuses_and_password_login_stays(page, csrf_server, errors):
    origin, seen = csrf_server
    open_page(page, origin)
    start(page, "null")
    page.wait_for_function("errorEvents.length === 1", timeout=60_000)
    assert seen == [{"csrf": "", "content-type": "application/json", "method": "POST"}]
    assert page.evaluate("errorEvents[0]") == {"code": "SSO_FAILED",
                                               "message": "single sign-on failed: the token endpoint answered HTTP 403"}
    page.wait_for_function("sim.notifications.some((n) => n.title.startsWith('Single sign-on failed'))")
    assert page.evaluate("bridge.login('agent', 'demo').then(() => 'ok')") == "ok"
    page.wait_for_function("bridge.snapshot.state === 'READY'")
    assert len(seen) == 1 and errors == []


@pytest.mark.parametrize("headers_js, message", [
    ("{'Cookie': 'csrftoken=' + csrftoken}",
     """config.sso.headers: "Cookie" is not a header the page may set (the browser's or the bridge's own)"""),
    ("{'Content-Type': 'text/plain'}",
     """config.sso.headers: "Content-Type" is not a header the page may set (the browser's or the bridge's own)"""),
    ("{'X CSRFToken': csrftoken}",
     """config.sso.headers: "X CSRFToken" is not a header name (an HTTP token: letters, digits and !#$%&'*+-.^_`|~)"""),
    ("{'X-CSRFToken': csrftoken + '\\r\\nX-Evil: 1'}",
     'config.sso.headers["X-CSRFToken"] must be printable ASCII (no CR, LF, NUL or other control characters); '
     "got a string that is not"),
    ("{'X-CSRFToken': undefined}", 'config.sso.headers["X-CSRFToken"] must be a string; got undefined'),
    ("new Headers({'X-CSRFToken': csrftoken})", "config.sso.headers must be an object of at most 16 request headers"),
    ("csrftoken", "; got a string"),
])
def test_a_bad_header_is_refused_at_start_without_its_value(page, csrf_server, headers_js, message):
    origin, seen = csrf_server
    console = open_page(page, origin)
    result = page.evaluate(f"""() => {{
        const csrftoken = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).split('=')[1];
        try {{ AgentBridge.start({{sso: {{tokenUrl: '/crm/sso-token', provider: 'Acme CRM', headers: {headers_js}}}}}); }}
        catch (e) {{ return [e.code, e.message, e instanceof AgentBridge.Error]; }}
        return 'started';
    }}""")
    assert result[0] == "INVALID_ARGUMENT" and result[2] is True, result
    assert message in result[1] and CSRF not in result[1]
    page.wait_for_timeout(200)
    assert seen == [] and not any(CSRF in text for text in console)


def test_what_was_checked_is_what_is_sent(page, csrf_server, errors):
    # The page changing its object after start() changes nothing: the bridge sends its checked copy.
    origin, seen = csrf_server
    open_page(page, origin)
    start(page, "window.given = {'X-CSRFToken': csrftoken}")
    page.evaluate("given['X-CSRFToken'] = 'changed'; given['Cookie'] = 'x=1'")
    page.wait_for_function("bridge.snapshot.state === 'READY'", timeout=60_000)
    assert [s["csrf"] for s in seen] == [CSRF]
    assert page.evaluate("Object.isFrozen(bridge._config.sso.headers)") is True
