"""The demo CRM as an agent uses it: clicks only, through the bridge, against the simulator."""

from browser_helpers import add_frame
from playwright.sync_api import expect


def by(page, testid):
    return page.get_by_test_id(testid)


def sign_in_by_hand(page):
    expect(by(page, "component-state")).to_have_text("CREDENTIALS", timeout=60_000)
    by(page, "login-password").fill("demo")
    by(page, "login-submit").click()
    expect(by(page, "component-state")).to_have_text("IDENTIFY")
    by(page, "identifier-submit").click()
    expect(by(page, "component-state")).to_have_text("DEVICE")
    by(page, "provision").click()
    expect(by(page, "component-state")).to_have_text("READY")
    expect(by(page, "agent-status")).to_have_text("READY")


def test_wrong_password_is_shown_in_the_activity_log(demo):
    expect(by(demo, "component-state")).to_have_text("CREDENTIALS", timeout=60_000)
    by(demo, "login-password").fill("nope")
    by(demo, "login-submit").click()
    expect(by(demo, "log")).to_contain_text("login ✗ OPERATOR_ERROR")
    expect(by(demo, "component-state")).to_have_text("CREDENTIALS")


def test_status_click_to_dial_hold_and_hang_up(demo, errors):
    sign_in_by_hand(demo)
    by(demo, "status-select").select_option("AUX:Lunch")
    by(demo, "status-apply").click()
    expect(by(demo, "agent-status")).to_have_text("AUX")
    by(demo, "status-select").select_option("READY")
    by(demo, "status-apply").click()
    expect(by(demo, "agent-status")).to_have_text("READY")

    by(demo, "dial-queue").select_option("7")
    by(demo, "dial-800123456").click()
    expect(by(demo, "call-summary")).to_contain_text("to 0800123456")
    assert demo.evaluate("sim.log.filter((e) => e.method === 'dial').pop().args.slice(0, 2)") == ["0800123456", 7]
    by(demo, "sim-remote-answer").click()
    expect(by(demo, "call-summary")).to_contain_text("connected")
    by(demo, "hold").click()
    expect(by(demo, "call-summary")).to_contain_text("on hold")
    by(demo, "unhold").click()
    expect(by(demo, "call-summary")).to_contain_text("connected")
    by(demo, "mute").click()
    expect(by(demo, "call-summary")).to_contain_text("(muted)")
    by(demo, "hangup").click()
    expect(by(demo, "call-summary")).to_have_text("No call")
    expect(by(demo, "agent-status")).to_have_text("ACW")
    by(demo, "wrapup-submit").click()
    expect(by(demo, "log")).to_contain_text("call reason ✓")
    assert errors == []


def test_incoming_call_screen_pop_answer_and_consult_transfer(demo, errors):
    sign_in_by_hand(demo)
    by(demo, "sim-ring-number").fill("0800123456")
    by(demo, "sim-ring").click()
    expect(by(demo, "screen-pop")).to_be_visible()
    expect(by(demo, "pop-contact")).to_have_text("Alan Turing, Bletchley Ltd")
    by(demo, "pop-answer").click()
    expect(by(demo, "screen-pop")).to_be_hidden()
    expect(by(demo, "call-summary")).to_contain_text("from 0800123456 — connected")

    by(demo, "transfer-consult").click()
    expect(by(demo, "call-summary")).to_contain_text("on hold")
    expect(by(demo, "call-summary")).to_contain_text("to 2002")
    by(demo, "sim-remote-answer").click()
    by(demo, "transfer-finish").click()
    expect(by(demo, "call-summary")).to_have_text("No call")
    expect(by(demo, "log")).to_contain_text("complete transfer ✓")
    assert errors == []


def test_blind_transfer_and_a_caller_who_hangs_up(demo):
    sign_in_by_hand(demo)
    by(demo, "sim-ring").click()
    by(demo, "answer").click()
    expect(by(demo, "call-summary")).to_contain_text("connected")
    by(demo, "transfer-blind").click()
    expect(by(demo, "call-summary")).to_have_text("No call")
    by(demo, "status-select").select_option("READY")
    by(demo, "status-apply").click()
    by(demo, "sim-ring").click()
    expect(by(demo, "screen-pop")).to_be_visible()
    by(demo, "sim-remote-hangup").click()
    expect(by(demo, "screen-pop")).to_be_hidden()
    expect(by(demo, "call-summary")).to_have_text("No call")


def test_refusals_are_visible_not_silent(demo):
    expect(by(demo, "component-state")).to_have_text("CREDENTIALS", timeout=60_000)
    by(demo, "dial-800123456").click()
    expect(by(demo, "log")).to_contain_text("dial 0800123456 ✗ INVALID_STATE")


def test_disposition_form_from_another_origin(demo, errors):
    sign_in_by_hand(demo)
    form = demo.frame_locator("[data-testid=disposition-frame]")
    expect(form.get_by_test_id("form-status")).to_have_text("no call yet")
    by(demo, "sim-ring").click()
    by(demo, "pop-answer").click()
    expect(form.get_by_test_id("form-status")).to_contain_text("call from 0800123456")
    uniqueid = demo.evaluate("bridge.snapshot.calls[0].uniqueid")
    form.locator("#l1").select_option("Callback")
    form.locator("#schedule").fill("2026-12-01 10:00:00")
    form.get_by_test_id("form-submit").click()
    expect(form.get_by_test_id("form-result")).to_have_text("disposition saved")
    assert demo.evaluate(f"sim.accountCodes['{uniqueid}']") == [{"accountCode": "Callback", "subAccountCode": None}]
    form.locator("#schedule").fill("next week")
    form.get_by_test_id("form-submit").click()
    expect(form.get_by_test_id("form-result")).to_contain_text("INVALID_ARGUMENT")
    form.get_by_test_id("form-close").click()
    expect(by(demo, "form-card")).to_be_hidden()
    assert errors == []


FORM_RULE = {"allow": ["dispositionCall", "closeTab"], "events": True}


def test_a_link_cannot_choose_which_origin_the_demo_frames_or_trusts(page, demo_origin, demo_form_origin,
                                                                     other_origin):
    for forms in ("https://evil.example", other_origin):
        page.goto(f"{demo_origin}/index.html?forms={forms}&parent={forms}")
        page.wait_for_function("window.bridge && window.bridge.version", timeout=60_000)
        assert page.evaluate("bridge._frames.rules") == [{"origin": demo_form_origin, **FORM_RULE}]
        assert by(page, "disposition-frame").get_attribute("src") == f"{demo_form_origin}/forms/disposition.html"
        expect(page.frame_locator("[data-testid=disposition-frame]").get_by_test_id("form-status")).to_have_text(
            "no call yet")


def test_served_as_plain_files_the_demo_frames_and_trusts_nothing(page, server, other_origin):
    page.goto(f"{server}/demo/index.html?forms={other_origin}&component=none")
    page.wait_for_function("window.bridge && window.bridge.version", timeout=60_000)
    assert page.evaluate("bridge._frames.rules") == []
    assert by(page, "disposition-frame").get_attribute("src") is None
    expect(by(page, "form-card")).to_be_hidden()


def test_the_form_talks_to_the_parent_its_server_names_not_one_its_url_names(page, demo_origin, demo_form_origin,
                                                                             other_origin):
    """Another site frames the demo's form naming itself as the parent: the form must not say
    hello to it (that would let the site feed it calls and read the dispositions typed)."""
    page.goto(f"{other_origin}/pages/blank.html")
    page.evaluate("""() => {
        window.hellos = [];
        addEventListener('message', (event) => { if (event.data && event.data.agentBridge) hellos.push(event.data); });
    }""")
    form = add_frame(page, f"{demo_form_origin}/forms/disposition.html?parent={other_origin}")
    page.wait_for_timeout(1500)  # the form says hello every 500 ms until answered
    assert page.evaluate("hellos") == []
    assert form.evaluate("FORM_CONFIG.parentOrigin") == demo_origin
