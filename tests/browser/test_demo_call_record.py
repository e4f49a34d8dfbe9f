"""The demo's CRM shows each call's record, read by the demo server through the UCS REST client,
and writes a disposition's ticket id onto the call's metadata; the client's OAuth secret is in no
response the browser gets.

The simulator's wiring reports each call that ended to the demo's UCS stand-in, which writes its
record into the UCS REST fake (``demo_ucs``); the page asks the CRM's own API, never the fake.
"""

import base64
import re
from urllib.parse import quote

from browser_helpers import DEMO_UCS_SECRET, assert_nowhere_in_the_browser, record_responses, sign_in_to_the_crm
from playwright.sync_api import expect

SECRET_FORMS = [DEMO_UCS_SECRET, quote(DEMO_UCS_SECRET), base64.b64encode(DEMO_UCS_SECRET.encode()).decode()]


def by(page, testid):
    return page.get_by_test_id(testid)


def answer_a_call_and_save_its_disposition(page, demo_origin) -> str:
    """Signed in to the CRM (the phone by SSO), answer a call and save its disposition form while
    it goes on: its ticket waits for the call's end. The call's uniqueid."""
    sign_in_to_the_crm(page, demo_origin, "/index.html")
    page.wait_for_function("window.bridge && bridge.snapshot.state === 'READY' && bridge.snapshot.status !== null",
                           timeout=60_000)
    by(page, "sim-ring").click()
    by(page, "pop-answer").click()
    expect(by(page, "call-summary")).to_contain_text("from 0800123456 — connected")
    uniqueid = page.evaluate("bridge.snapshot.calls[0].uniqueid")
    form = page.frame_locator("[data-testid=disposition-frame]")
    expect(form.get_by_test_id("form-status")).to_contain_text(uniqueid)
    form.locator("#l1").select_option("Callback")
    form.get_by_test_id("form-submit").click()
    expect(form.get_by_test_id("form-result")).to_have_text("disposition saved")
    expect(by(page, "log")).to_contain_text(f"ticket for call {uniqueid}: filed when the call ends")
    return uniqueid


def test_a_call_record_and_a_dispositions_ticket_through_the_crm_server_with_no_secret_in_the_browser(
        page, demo_origin, demo_ucs, errors):
    responses = record_responses(page)
    uniqueid = answer_a_call_and_save_its_disposition(page, demo_origin)
    page.wait_for_timeout(2100)  # a call of two seconds or more: its duration is not 0
    by(page, "hangup").click()

    record = by(page, "call-record").filter(has_text=uniqueid)
    expect(record).to_contain_text("hang-up: called hung up")  # the agent (the called party) hung up
    cdr = demo_ucs.calls[uniqueid]
    seconds = cdr["duration"]
    assert seconds >= 2 and cdr["cause"] == 4 and cdr["recording"] is True
    expect(record).to_contain_text(f"duration {seconds} s, recording yes ({seconds} s), hang-up: called hung up")

    ticket = by(page, "ticket").filter(has_text=uniqueid)
    expect(ticket).to_contain_text('"crm_ticket_id":"ACME-')
    ticket_id = re.search(r"ticket (ACME-\d+)", ticket.text_content()).group(1)
    assert demo_ucs.calls[uniqueid]["metadata"]["crm_ticket_id"] == ticket_id  # read through the fake
    assert errors == []

    urls = [url for url, _, _ in responses]
    assert any(f"/crm/api/call-record/{uniqueid}" in url for url in urls)
    assert any(url.endswith("/crm/api/disposition") for url in urls)
    assert any(url.endswith("/ucs/calls") for url in urls)
    assert_nowhere_in_the_browser(page, responses, SECRET_FORMS)


def test_a_call_the_phone_forgot_at_logout_gets_no_record_request_and_its_ticket_keeps_its_id(
        page, demo_origin, demo_ucs, errors):
    """The simulator forgets its calls at a logout without ending them (no record is ever written):
    the page asks for none, and the disposition saved meanwhile is still filed, its ticket's id
    shown although UCS knows no such call."""
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/crm/api/" in request.url else None)
    uniqueid = answer_a_call_and_save_its_disposition(page, demo_origin)
    by(page, "logout").click()
    expect(by(page, "log")).to_contain_text(f"call record {uniqueid}: the phone no longer follows the call")
    expect(by(page, "log")).to_contain_text(
        re.compile(rf"ticket ACME-\d+ for call {re.escape(uniqueid)}: opened, not on the call's metadata ✗ 404"))
    assert not any("/crm/api/call-record/" in url for url in asked) and uniqueid not in demo_ucs.calls
    assert asked == [f"{demo_origin}/crm/api/disposition"] and errors == []


def test_without_a_crm_session_the_page_asks_for_no_record(demo):
    """Nobody signed in to the CRM: the phone works, the CRM's API is not asked (it would refuse)."""
    asked = []
    demo.on("request", lambda request: asked.append(request.url) if "/crm/api/" in request.url else None)
    expect(by(demo, "component-state")).to_have_text("CREDENTIALS", timeout=60_000)
    by(demo, "login-password").fill("demo")
    by(demo, "login-submit").click()
    by(demo, "identifier-submit").click()
    by(demo, "provision").click()
    expect(by(demo, "agent-status")).to_have_text("READY")
    by(demo, "sim-ring").click()
    by(demo, "sim-remote-hangup").click()
    expect(by(demo, "log")).to_contain_text("sign in to the CRM to see it")
    assert asked == []
