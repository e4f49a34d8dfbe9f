"""Single sign-on on the demo as `make demo` serves it: CRM sign-in, then the phone to READY.

The token is minted by the demo server (bridge.sso.endpoint) and checked by its UCS stand-in;
the simulator on the page holds no secret. Every response the browser receives is searched
for the secret, and so is dist/.
"""

import base64
from pathlib import Path
from urllib.parse import quote

import pytest

from browser_helpers import DEMO_SECRET, DIST, assert_nowhere_in_the_browser, record_responses, sign_in_to_the_crm

SECRET_FORMS = [DEMO_SECRET, quote(DEMO_SECRET), base64.b64encode(DEMO_SECRET.encode()).decode()]
# The CRM page the agent starts from; its query shows that sign-in comes back to it whole.
PAGE = "/index.html?tab=calls"


def test_crm_sign_in_takes_the_agent_to_ready_with_no_password_and_no_secret_in_the_browser(
        page, demo_origin, errors):
    responses = record_responses(page)
    sign_in_to_the_crm(page, demo_origin, PAGE)
    # Back on the CRM page it came from, signed in; the phone signs in by itself.
    page.wait_for_url(f"{demo_origin}{PAGE}")
    assert page.get_by_test_id("crm-user").text_content() == "Ada Agent (agent)"
    page.wait_for_function("bridge.snapshot.state === 'READY' && bridge.snapshot.status !== null", timeout=60_000)
    asked = page.evaluate("sim.log.map((entry) => entry.method)")
    assert "sso" in asked and "login" not in asked
    sso = page.evaluate("sim.log.find((entry) => entry.method === 'sso').args")
    assert sso[0] == "agent" and sso[2] == "Acme CRM"
    assert page.evaluate("[sim.identifier, sim.ssoProvider]") == ["SIP/1001", "Acme CRM"]
    assert errors == []

    urls = [url for url, _, _ in responses]
    assert any(url.endswith("/crm/sso-token") for url in urls)
    assert any(url.endswith("/ucs/sso/verify") for url in urls)
    assert any(url.endswith("/bridge-stdlib.zip") for url in urls), "the worker's requests must be searched too"
    assert_nowhere_in_the_browser(page, responses, SECRET_FORMS)
    assert all(DEMO_SECRET not in cookie["value"] for cookie in page.context.cookies())


def test_dist_holds_no_secret():
    files = [path for path in Path(DIST).rglob("*") if path.is_file()]
    assert any(path.suffix == ".whl" for path in files)
    for path in files:
        data = path.read_bytes()
        assert all(secret.encode() not in data for secret in SECRET_FORMS), path


def test_wrong_crm_password_leaves_the_phone_to_its_password(page, demo_origin):
    sign_in_to_the_crm(page, demo_origin, PAGE, password="demo")
    assert page.get_by_test_id("crm-sign-in-error").text_content() == "Wrong username or password."
    page.get_by_role("link", name="Back to the CRM without signing in").click()
    page.wait_for_function("window.bridge && bridge.snapshot.state === 'CREDENTIALS'", timeout=60_000)
    assert page.get_by_test_id("crm-user").text_content() == "Not signed in to the CRM"
    assert page.evaluate("sim.log.some((entry) => entry.method === 'sso')") is False
    page.get_by_test_id("login-password").fill("demo")
    page.get_by_test_id("login-submit").click()
    page.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")


def test_signing_out_of_the_crm_ends_single_sign_on(page, demo_origin):
    sign_in_to_the_crm(page, demo_origin, PAGE)
    page.wait_for_function("window.bridge && bridge.snapshot.state === 'READY'", timeout=60_000)
    page.get_by_test_id("crm-sign-out").click()
    page.wait_for_function("window.bridge && bridge.snapshot.state === 'CREDENTIALS'", timeout=60_000)
    assert page.get_by_test_id("crm-user").text_content() == "Not signed in to the CRM"
    assert page.url == f"{demo_origin}{PAGE}"
    refused = page.evaluate("""() => fetch('/crm/sso-token', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: '{}'}).then((r) => r.status)""")
    assert refused == 401


@pytest.mark.parametrize("what", ["token", "session"])
def test_another_site_gets_nothing(page, demo_origin, other_origin, what):
    """A page on another origin, with the agent signed in to the CRM in the same browser."""
    sign_in_to_the_crm(page, demo_origin, PAGE)
    page.wait_for_function("window.bridge && bridge.snapshot.state === 'READY'", timeout=60_000)
    page.goto(f"{other_origin}/pages/blank.html")
    if what == "token":
        # JSON needs a CORS preflight, which the endpoint never grants: no token to read.
        outcome = page.evaluate("""(url) => fetch(url, {method: 'POST', credentials: 'include',
            headers: {'Content-Type': 'application/json'}, body: '{}'}).then((r) => r.status, (e) => e.name)""",
                                f"{demo_origin}/crm/sso-token")
        assert outcome == "TypeError"
    else:
        # Including the session script from another origin is blocked (CORP).
        loaded = page.evaluate("""(url) => new Promise((resolve) => {
            const script = document.createElement('script');
            script.src = url;
            script.onload = () => resolve(String(window.CRM_SESSION));
            script.onerror = () => resolve('blocked');
            document.head.append(script);
        })""", f"{demo_origin}/crm/session.js")
        assert loaded == "blocked"


def test_another_site_cannot_sign_the_browser_in(page, demo_origin, other_origin):
    """Login CSRF: a form on another site posting the demo account's password is refused."""
    page.goto(f"{other_origin}/pages/blank.html")
    with page.expect_response(f"{demo_origin}/crm/sign-in") as answer:
        page.evaluate("""(url) => {
            const form = Object.assign(document.createElement('form'), {method: 'post', action: url});
            for (const [name, value] of [['username', 'agent'], ['password', 'crm']]) {
                form.append(Object.assign(document.createElement('input'), {name, value}));
            }
            document.body.append(form);
            form.submit();
        }""", f"{demo_origin}/crm/sign-in")
    assert answer.value.status == 403
    assert page.context.cookies(demo_origin) == []
