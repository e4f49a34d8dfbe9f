"""Each component method's happy path through the bridge, on the demo page with the simulator."""

import pytest

from browser_helpers import settle, sign_in, start_with_simulator


@pytest.fixture
def ready(demo):
    sign_in(demo)
    return demo


def last_invocation(page, method):
    return page.evaluate("(m) => sim.log.filter((e) => e.method === m && !e.refused).pop()", method)


def ring(page, number="0800123456", name="Alan Turing"):
    page.evaluate("([n, c]) => sim.ringIncoming({number: n, name: c})", [number, name])
    page.wait_for_function("bridge.snapshot.calls.some((c) => c.direction === 'INCOMING' && c.state === 2)")


def connected_call(page):
    ring(page)
    assert settle(page, "bridge.answer()")["ok"]
    page.wait_for_function("bridge.snapshot.calls.some((c) => c.state === 3)")


def test_sign_in_walks_the_states_and_reports_each(demo, errors):
    demo.evaluate("() => { window.states = []; bridge.on('state', (e) => states.push(e.state)); }")
    sign_in(demo)
    methods = demo.evaluate("sim.log.filter((e) => !e.refused).map((e) => e.method)")
    assert methods[:3] == ["login", "selectIdentifier", "provision"]
    assert demo.evaluate("states")[-3:] == ["IDENTIFY", "DEVICE", "READY"]
    assert demo.evaluate("bridge.snapshot.status") == "READY"
    assert errors == []


def test_sso_logs_in_with_a_token(blank, errors):
    start_with_simulator(blank, simulator="ssoSecret: 's3cret'")
    result = settle(blank, """UcsSimulator.makeSsoToken("s3cret", "agent", Math.floor(Date.now() / 1000))
        .then((token) => bridge.sso("agent", token, "Acme CRM"))""")
    assert result["ok"], result
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
    assert errors == []


def test_logout_and_identify(ready):
    assert settle(ready, "bridge.identify()")["ok"]
    ready.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
    assert settle(ready, "bridge.logout()")["ok"]
    ready.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")


def test_change_status_with_reason(ready):
    assert settle(ready, "bridge.changeStatus('AUX', 'Lunch')")["ok"]
    ready.wait_for_function("bridge.snapshot.status === 'AUX'")
    assert last_invocation(ready, "changeStatus")["args"] == ["AUX", "Lunch"]


def test_suspend_and_resume_a_queue(ready):
    assert settle(ready, "bridge.suspend(5)")["ok"]
    ready.wait_for_function("bridge.snapshot.user.queues['5'].suspended === true")
    assert settle(ready, "bridge.resume(5)")["ok"]
    ready.wait_for_function("bridge.snapshot.user.queues['5'].suspended === false")


def test_dial_with_queue_line_and_data(ready):
    assert settle(ready, "bridge.dial('0800123456', 7, undefined, {crm_id: 'C-42'})")["ok"]
    ready.wait_for_function("bridge.snapshot.calls.some((c) => c.direction === 'OUTGOING')")
    args = last_invocation(ready, "dial")["args"]
    # The omitted line reaches the component as undefined (JSON null in the log), not dropped.
    assert args == ["0800123456", 7, None, {"crm_id": "C-42"}]


def test_answer_hold_unhold_mute_hangup(ready):
    connected_call(ready)
    assert settle(ready, "bridge.tribute()")["ok"]
    ready.wait_for_function("bridge.snapshot.calls[0].state === 5")
    assert settle(ready, "bridge.unhold()")["ok"]
    ready.wait_for_function("bridge.snapshot.calls[0].state === 3")
    assert settle(ready, "bridge.mute()")["ok"]
    ready.wait_for_function("bridge.snapshot.calls[0].connected_muted === true")
    assert settle(ready, "bridge.mute()")["ok"]
    ready.wait_for_function("bridge.snapshot.calls[0].connected_muted === false")
    assert settle(ready, "bridge.hangup()")["ok"]
    ready.wait_for_function("bridge.snapshot.calls.length === 0")
    ready.wait_for_function("bridge.snapshot.status === 'ACW'")


def test_consultative_transfer(ready):
    connected_call(ready)
    ready.evaluate("""() => { window.ended = [];
        bridge.on('call', (e) => { if (e.change === 'ended') ended.push(e.call.cause); }); }""")
    assert settle(ready, "bridge.transfer('2002')")["ok"]
    ready.wait_for_function("bridge.snapshot.calls.length === 2")
    ready.evaluate("sim.remoteAnswer()")
    ready.wait_for_function("bridge.snapshot.calls.some((c) => c.direction === 'OUTGOING' && c.state === 3)")
    assert settle(ready, "bridge.finishTransfer()")["ok"]
    ready.wait_for_function("window.ended.length === 2")
    assert ready.evaluate("window.ended") == [8, 8]


def test_blind_transfer(ready):
    connected_call(ready)
    assert settle(ready, "bridge.blindTransfer('2002')")["ok"]
    ready.wait_for_function("bridge.snapshot.calls.length === 0")
    assert last_invocation(ready, "blindTransfer")["args"] == ["2002"]


def test_notify_in_any_state(demo):
    assert settle(demo, "bridge.notify('Welcome', 'info', true, null, null)")["ok"]
    assert demo.evaluate("sim.notifications.map((n) => n.title)") == ["Welcome"]


def test_state_returns_the_component_state_object(ready):
    result = settle(ready, "bridge.state()")
    assert result["ok"]
    assert result["value"]["state"] == "READY"
    assert result["value"]["user"]["status"] == "READY"


def test_set_account_code_on_the_last_call(ready):
    connected_call(ready)
    uniqueid = ready.evaluate("bridge.snapshot.calls[0].uniqueid")
    assert settle(ready, "bridge.hangup()")["ok"]
    assert settle(ready, f"bridge.setAccountCode('{uniqueid}', 'SALES', 'UPSELL', true)")["ok"]
    assert last_invocation(ready, "setAccountCode")["args"] == [uniqueid, "SALES", "UPSELL", True]
    assert ready.evaluate(f"JSON.stringify(sim.accountCodes['{uniqueid}'])") is not None


def test_ringing_sound_and_theme(ready):
    for expression in ["bridge.selectRingingSound('quest')", "bridge.testRingingSound()",
                       "bridge.stopRingingSoundTest()", "bridge.setTheme('dark')"]:
        assert settle(ready, expression)["ok"], expression
    assert ready.evaluate("bridge.state()").get("ringingSound") == "quest"
    assert ready.evaluate("bridge.state()").get("theme") == "dark"
