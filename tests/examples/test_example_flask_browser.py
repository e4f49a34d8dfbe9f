"""In Chromium: the agent signs in to the Flask example CRM, and its page takes the phone to
READY by itself with single sign-on (the testing kit's simulated component checks the token
with the preshared secret, as the UCS server does)."""

import pytest
from example_helpers import SSO_SECRET, served
from playwright.sync_api import expect

# The simulator's default agent is `agent`, the CRM's user; its default phones include SIP/1001.
pytestmark = pytest.mark.ucs(ssoSecret=SSO_SECRET)


def test_the_page_reaches_ready_with_sso(page, ucs, flask_app):
    with served(flask_app) as origin:
        page.goto(origin + "/")
        page.get_by_test_id("username").fill("agent")
        page.get_by_test_id("password").fill("crm")
        page.get_by_test_id("sign-in").click()
        expect(page.get_by_test_id("phone")).to_have_text("READY", timeout=60_000)
        sso = ucs.asked("sso")
        assert [(a.args[0], a.args[2], a.ok) for a in sso] == [("agent", "Acme CRM", True)]
        ucs.assert_not_called("login")  # the agent typed no phone password
        ucs.assert_called("selectIdentifier", "SIP/1001")
