"""The UCS component simulator (bridge/testing/simulator/ucs-simulator.js) on its own, in a real Chromium.

The simulator is the test double the bridge is tested against, so it is checked here against
its behaviour description (bridge/testing/behaviour.py, itself checked against the vendor
document and the spec by tests/unit/testing/test_behaviour.py): the per-state table, the SSO token
formula (with an independent Python implementation), the Call/User/Queue fields (typed again
from the document), and the choices where the document is silent. No bridge, no dist/ needed.

The page is a routed http://localhost/ page, not about:blank: sso() needs crypto.subtle, which
exists only in a secure context, and about:blank in a Playwright page is not one.
"""

import base64
import hashlib
import re
import time

import pytest
from playwright.sync_api import expect

from bridge.testing import behaviour, simulator_script

STATES = list(behaviour.STATES)

# The simulator's table, as bridge/testing/behaviour.py describes it (the README renders the same rows).
EXPECTED_TABLE = {m.name: m.states if m.states == behaviour.ANY else list(m.states) for m in behaviour.METHODS}

# The document's "Structure of objects", typed again here on purpose (not imported).
CALL_FIELDS = set("""called_name called_number called_number_norm caller_channel caller_extension
    caller_group_id caller_internal caller_line_id caller_muted caller_name caller_number
    caller_number_norm caller_type caller_user_id caller_username cause connected connected_channel
    connected_group_id connected_internal connected_line_id connected_muted connected_name
    connected_number connected_number_norm connected_type connected_user_id connected_username created
    data direction disconnected external_id id name now number outbound_id recorded state subcalls
    uniqueid""".split())
USER_FIELDS = set("""acwtime auxtime auxtimes data displayname email external_id firstname group_id id
    idletime in_calls_answered in_calls_unanswered in_ringtime in_talktime lastname lines locale number
    out_calls_answered out_calls_unanswered out_ringtime out_talktime primary_extension queues
    readytime ringtime status superuser talktime transferred transferred_external""".split())
QUEUE_FIELDS = set("""answered priorities queue_id ringtime supervisor suspended suspendtime talktime
    team_id transferred transferred_external type unanswered""".split())

# Page helpers: recording callbacks, and ways to wait for the simulator.
HARNESS = """
window.events = [];
window.cb = {};
for (const name of ["onConnect", "onCredentials", "onIdentify", "onDevice", "onReady", "onUser", "onCall", "onNotify"]) {
  cb[name] = (...args) => { events.push({name, args}); };
}
window.named = (name) => events.filter((e) => e.name === name).map((e) => e.args[0]);
window.until = (sim, predicate) => new Promise((resolve) => {
  if (predicate(sim)) return resolve();
  const stop = sim.on(() => { if (predicate(sim)) { stop(); resolve(); } });
});
window.tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
window.start = async (options = {}) => {
  events.length = 0;
  window.sim = UcsSimulator.install({callbacks: cb, ...options});
  await until(sim, (s) => s.state === "CREDENTIALS");
  return sim.state;
};
window.startReady = async (options = {}) => { await start(options); await sim.loginAs(); return sim.state; };
window.outcome = async (fn) => {
  // undefined would arrive in Python as None: name it, to tell "returns undefined" apart.
  try { const value = await fn(); return {ok: true, value: value === undefined ? "<undefined>" : value}; }
  catch (e) { return {ok: false, message: e.message}; }
};
// A fresh simulator on its own target, walked to `state` through the public methods.
window.reach = async (state) => {
  const sim = UcsSimulator.install({target: {}, ssoSecret: "s3cret"});
  if (state === "INIT") return sim;
  await until(sim, (s) => s.state === "CREDENTIALS");
  if (state === "CREDENTIALS") return sim;
  await sim.operator.login("agent", "demo");
  if (state === "IDENTIFY") return sim;
  sim.operator.selectIdentifier("SIP/1001");
  if (state === "DEVICE") return sim;
  sim.operator.provision();
  return sim;
};
"""


@pytest.fixture
def sim_page(page):
    """A blank secure page with the simulator script and the harness; uncaught errors fail the test."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("http://localhost/**", lambda route: route.fulfill(
        content_type="text/html", body="<!doctype html><meta charset=utf-8><title>sim</title>"))
    page.goto("http://localhost/simulator.html")
    page.set_content("<div id=panel></div>")
    page.add_script_tag(content=simulator_script())
    page.add_script_tag(content=HARNESS)
    assert page.evaluate("isSecureContext")
    yield page
    assert errors == []


@pytest.fixture
def ready(sim_page):
    assert sim_page.evaluate("startReady()") == "READY"
    sim_page.evaluate("events.length = 0")
    return sim_page


def connected_incoming(page, number="0800123456", name="Alan Turing"):
    """Ring an incoming call and answer it; returns its uniqueid."""
    return page.evaluate("""([number, name]) => {
        const call = sim.ringIncoming({number, name});
        ucsOperator.answer();
        return call.uniqueid;
    }""", [number, name])


def sso_token(secret, username, timestamp):
    """The vendor's formula, independently: base64(sha1_raw(s + u + t) + u + t)."""
    digest = hashlib.sha1(f"{secret}{username}{timestamp}".encode()).digest()
    return base64.b64encode(digest + f"{username}{timestamp}".encode()).decode()


# ---- The per-state table ------------------------------------------------------------------

def test_state_table_is_the_documents(sim_page):
    assert sim_page.evaluate("UcsSimulator.STATE_TABLE") == EXPECTED_TABLE
    assert sim_page.evaluate("Object.isFrozen(UcsSimulator.STATE_TABLE)")
    sim_page.evaluate("start()")
    assert sorted(sim_page.evaluate("Object.keys(ucsOperator)")) == sorted(EXPECTED_TABLE)


# For each method: what makes it succeed where it is allowed (setup runs first, on `sim`), and
# its arguments (a JS expression list; `sim` and `window.x` may be used).
RING_ANSWER = "sim.ringIncoming({number: '0800123456'}); sim.operator.answer();"
SCENARIOS = {
    "login": ("", "'agent', 'demo', false"),
    "sso": ("window.x = await UcsSimulator.makeSsoToken('s3cret', 'agent', Math.floor(Date.now() / 1000));",
            "'agent', window.x, 'Acme CRM'"),
    "logout": ("", ""),
    "selectIdentifier": ("", "'SIP/1002'"),
    # provision in IDENTIFY re-pairs the phone chosen before identify().
    "provision": ("if (sim.state === 'IDENTIFY') { sim.operator.selectIdentifier('SIP/1001'); sim.operator.identify(); }", ""),
    "identify": ("", ""),
    "changeStatus": ("", "'AUX', 'Lunch'"),
    "suspend": ("", "5"),
    "resume": ("", "5"),
    "answer": ("sim.ringIncoming({number: '0800123456'});", ""),
    "dial": ("", "'0800123456', 7, 1, {crm: 'C-1'}"),
    "hangup": (RING_ANSWER, ""),
    "transfer": (RING_ANSWER, "'2002'"),
    "finishTransfer": (RING_ANSWER + " sim.operator.transfer('2002');", ""),
    "blindTransfer": (RING_ANSWER, "'2002'"),
    "tribute": (RING_ANSWER, ""),
    "unhold": (RING_ANSWER + " sim.operator.tribute();", ""),
    "mute": (RING_ANSWER, ""),
    "notify": ("", "'hello', 'info', false, null, null, 'g', {values: {x: 1}}"),
    "state": ("", ""),
    "setAccountCode": ("window.x = sim.ringIncoming({number: '0800123456'}).uniqueid;", "window.x, 'SALES', null, true"),
    "selectRingingSound": ("", "'quest'"),
    "testRingingSound": ("", ""),
    "stopRingingSoundTest": ("", ""),
    "setTheme": ("", "'dark'"),
}


@pytest.mark.parametrize("method", list(EXPECTED_TABLE))
def test_each_method_refused_outside_its_states_and_working_inside(sim_page, method):
    setup, args = SCENARIOS[method]
    results = sim_page.evaluate("""async ([method, setup, args, states]) => {
        const results = {};
        for (const state of states) {
            const sim = await reach(state);
            const allowed = UcsSimulator.STATE_TABLE[method];
            if (allowed === "any" || allowed.includes(state)) {
                await new (Object.getPrototypeOf(async function () {}).constructor)("sim", setup)(sim);
            }
            const argv = new Function("sim", `return [${args}]`)(sim);
            const before = sim.log.length;
            results[state] = await outcome(() => sim.operator[method](...argv));
            const entry = sim.log[sim.log.length - 1];
            results[state].logged = sim.log.length === before + 1 && entry.method === method && entry.state === state;
            results[state].refusedInLog = entry.refused || null;
            results[state].after = sim.state;
            sim.remove();
        }
        return results;
    }""", [method, setup, args, STATES])
    allowed = EXPECTED_TABLE[method]
    enters = behaviour.method(method).enters
    for state in STATES:
        result = results[state]
        assert result["logged"], (state, result)
        after = result.pop("after")
        if allowed == "any" or state in allowed:
            assert result["ok"], (state, result)
            assert result["refusedInLog"] is None
            assert after == (enters or state), (state, "the state it leads to")
        else:
            assert after == state
            message = f"ucsOperator.{method} is not allowed in state {state}"
            assert result == {"ok": False, "message": message, "logged": True, "refusedInLog": message}, state


def test_methods_return_undefined_except_login_sso_and_state(ready):
    kinds = ready.evaluate("""() => {
        const kind = (v) => v === undefined ? "undefined" : v instanceof Promise ? "promise" : typeof v;
        return {dial: kind(ucsOperator.dial('0800123456')), hangup: kind(ucsOperator.hangup()),
                notify: kind(ucsOperator.notify('x')), state: kind(ucsOperator.state()),
                changeStatus: kind(ucsOperator.changeStatus('READY'))};
    }""")
    assert kinds == {"dial": "undefined", "hangup": "undefined", "notify": "undefined",
                     "state": "object", "changeStatus": "undefined"}


# ---- Install, login and pairing ----------------------------------------------------------

def test_install_then_pairing_flow_to_ready_with_callbacks_in_order(sim_page):
    first = sim_page.evaluate("""() => {
        window.sim = UcsSimulator.install({callbacks: cb});
        // Immediately: the operator is there, the component is not connected yet.
        return {state: sim.state, there: window.ucsOperator === sim.operator, events: events.length};
    }""")
    assert first == {"state": "INIT", "there": True, "events": 0}
    sim_page.wait_for_function("sim.state === 'CREDENTIALS'")

    login = sim_page.evaluate("""async () => {
        const promise = ucsOperator.login('agent', 'demo', true);
        const during = sim.state;  // asynchronous even with delay 0
        const value = await promise;
        return {during, value: value === undefined ? 'undefined' : value, after: sim.state};
    }""")
    assert login == {"during": "CREDENTIALS", "value": "undefined", "after": "IDENTIFY"}
    sim_page.evaluate("ucsOperator.selectIdentifier('SIP/1002')")
    assert sim_page.evaluate("sim.state") == "DEVICE"
    sim_page.evaluate("ucsOperator.provision()")
    assert sim_page.evaluate("sim.state") == "READY"

    events = sim_page.evaluate("events")
    assert [e["name"] for e in events] == ["onConnect", "onCredentials", "onIdentify", "onDevice", "onReady"]
    assert events[3]["args"] == [{"identifier": "SIP/1002"}]
    state = events[4]["args"][0]
    assert set(state) == {"state", "status", "user", "call", "calls", "ringingSound", "theme"}
    assert state["state"] == "READY" and state["status"] == "READY"
    assert state["call"] is None and state["calls"] == []
    assert state["ringingSound"] == "default" and state["theme"] == "default"
    user = state["user"]
    assert USER_FIELDS <= set(user) and "password" not in user
    assert user["username"] == "agent" and user["displayname"] == "Ada Agent"
    assert set(user["queues"]) == {"5", "7"}
    for queue_id, queue in user["queues"].items():
        assert QUEUE_FIELDS <= set(queue)
        assert queue["queue_id"] == int(queue_id)
    assert user["queues"]["5"]["type"] == 1 and user["queues"]["7"]["type"] == 0
    assert sim_page.evaluate("ucsOperator.state()") == state
    assert sim_page.evaluate("sim.rememberedUsername") == "agent"


def test_login_with_a_bad_password_then_a_good_one(sim_page):
    sim_page.evaluate("start()")
    bad = sim_page.evaluate("outcome(() => ucsOperator.login('agent', 'wrong'))")
    assert bad == {"ok": False, "message": "Bad password"}
    assert sim_page.evaluate("sim.state") == "CREDENTIALS"
    notes = sim_page.evaluate("named('onNotify')")
    assert len(notes) == 1
    assert {k: notes[0][k] for k in ("title", "type", "boundState")} == {
        "title": "Bad password", "type": "error", "boundState": "CREDENTIALS"}
    # An unknown user is told the same.
    assert sim_page.evaluate("outcome(() => ucsOperator.login('nobody', 'demo'))")["message"] == "Bad password"
    assert sim_page.evaluate("sim.log.map((e) => e.rejected)") == ["Bad password", "Bad password"]
    good = sim_page.evaluate("outcome(() => ucsOperator.login('agent', 'demo'))")
    assert good == {"ok": True, "value": "<undefined>"}
    assert sim_page.evaluate("sim.state") == "IDENTIFY"
    assert sim_page.evaluate("named('onIdentify').length") == 1


def test_login_waits_for_the_configured_delay(sim_page):
    sim_page.evaluate("start({delay: 150})")
    elapsed = sim_page.evaluate("""async () => {
        const t0 = performance.now();
        await ucsOperator.login('agent', 'demo');
        return performance.now() - t0;
    }""")
    assert elapsed >= 140


def test_custom_users_and_identifiers(sim_page):
    sim_page.evaluate("""start({users: {bob: {password: 'pw', displayname: 'Bob B', status: 'AUX',
                                            queues: {9: {type: 0, priorities: 3}}}},
                             identifiers: ['PJSIP/bob']})""")
    assert sim_page.evaluate("outcome(() => ucsOperator.login('agent', 'demo'))")["message"] == "Bad password"
    sim_page.evaluate("sim.loginAs('bob', 'pw')")
    user = sim_page.evaluate("sim.user")
    assert user["displayname"] == "Bob B"
    assert user["status"] == "AUX"  # provision keeps a status UCS already has
    assert user["queues"]["9"]["priorities"] == 3 and QUEUE_FIELDS <= set(user["queues"]["9"])
    assert sim_page.evaluate("sim.identifier") == "PJSIP/bob"


def test_bad_identifier_refused_with_a_notification(sim_page):
    sim_page.evaluate("start().then(() => ucsOperator.login('agent', 'demo'))")
    result = sim_page.evaluate("outcome(() => ucsOperator.selectIdentifier('cisco'))")
    assert result == {"ok": False, "message": "Bad identifier: cisco"}
    assert sim_page.evaluate("sim.state") == "IDENTIFY"
    note = sim_page.evaluate("named('onNotify').pop()")
    assert note["title"] == "Bad identifier: cisco" and note["other"] == {"values": {"identifier": "cisco"}}
    # provision with no phone chosen yet is refused too.
    assert "no phone selected" in sim_page.evaluate("outcome(() => ucsOperator.provision())")["message"]


def test_identify_and_logout(ready):
    ready.evaluate("ucsOperator.dial('0800123456')")
    ready.evaluate("ucsOperator.identify()")
    assert ready.evaluate("sim.state") == "IDENTIFY"
    assert ready.evaluate("sim.calls.length") == 1  # the call goes on on the phone
    ready.evaluate("ucsOperator.provision()")  # re-pairs the same phone
    assert ready.evaluate("named('onReady').pop().calls.length") == 1
    ready.evaluate("events.length = 0; ucsOperator.logout()")
    assert ready.evaluate("sim.state") == "CREDENTIALS"
    assert ready.evaluate("events.map((e) => e.name)") == ["onCredentials"]  # calls end silently
    assert ready.evaluate("[sim.calls.length, sim.user, sim.identifier]") == [0, None, None]


# ---- SSO -----------------------------------------------------------------------------------

def test_make_sso_token_matches_an_independent_implementation(sim_page):
    for secret, username, timestamp in [("s3cret", "agent", 1700000000), ("ключ", "agent.šťastný", 1732441200)]:
        token = sim_page.evaluate("([s, u, t]) => UcsSimulator.makeSsoToken(s, u, t)", [secret, username, timestamp])
        assert token == sso_token(secret, username, timestamp)


def test_sso_with_good_expired_future_and_foreign_tokens(sim_page):
    sim_page.evaluate("start({ssoSecret: 's3cret', ssoMaxAge: 60, users: {agent: {}, agent2: {}}})")
    sso = "([u, t]) => outcome(() => ucsOperator.sso(u, t, 'Acme CRM'))"
    now = int(time.time())
    expired = sim_page.evaluate(sso, ["agent", sso_token("s3cret", "agent", now - 600)])
    assert expired["ok"] is False and expired["message"].startswith("Invalid SSO token: expired")
    future = sim_page.evaluate(sso, ["agent", sso_token("s3cret", "agent", now + 600)])
    assert future["ok"] is False and "in the future" in future["message"]
    foreign = sim_page.evaluate(sso, ["agent", sso_token("s3cret", "boss", now)])
    assert foreign == {"ok": False, "message": "Invalid SSO token: the token is for another user (boss)"}
    # The formula has no separator: agent2's token read as agent's has the timestamp "2<now>",
    # centuries ahead, and is refused for that.
    misread = sim_page.evaluate(sso, ["agent", sso_token("s3cret", "agent2", now)])
    assert misread["ok"] is False and "in the future" in misread["message"]
    forged = sim_page.evaluate(sso, ["agent", sso_token("guess", "agent", now)])
    assert forged == {"ok": False, "message": "Invalid SSO token: bad signature"}
    garbage = sim_page.evaluate(sso, ["agent", "%%%"])
    assert garbage == {"ok": False, "message": "Invalid SSO token: not base64"}
    assert sim_page.evaluate("sim.state") == "CREDENTIALS"
    titles = sim_page.evaluate("named('onNotify').map((n) => [n.type, n.boundState, n.title])")
    assert len(titles) == 6 and all(t[:2] == ["error", "CREDENTIALS"] for t in titles)
    assert all(t[2].startswith("Invalid SSO token") for t in titles)

    good = sim_page.evaluate(sso, ["agent", sso_token("s3cret", "agent", now - 30)])
    assert good == {"ok": True, "value": "<undefined>"}
    assert sim_page.evaluate("[sim.state, sim.ssoProvider]") == ["IDENTIFY", "Acme CRM"]


def test_sso_refused_without_a_secret(sim_page):
    sim_page.evaluate("start()")
    token = sso_token("s3cret", "agent", int(time.time()))
    result = sim_page.evaluate("(t) => outcome(() => ucsOperator.sso('agent', t, 'CRM'))", token)
    assert result["ok"] is False and result["message"].startswith("Invalid SSO token")
    assert sim_page.evaluate("sim.state") == "CREDENTIALS"



def test_sso_checked_by_a_verifier_that_holds_the_secret_elsewhere(sim_page):
    # The demo's case: the page has no secret, a server says whether the token is good.
    sim_page.evaluate("""start({users: {agent: {}}, ssoVerify: async (username, token) => {
        window.asked = [username, token];
        return token === 'good' ? null : token === 'throw' ? Promise.reject(new Error('offline')) : 'bad signature';
    }})""")
    sso = "(t) => outcome(() => ucsOperator.sso('agent', t, 'CRM'))"
    assert sim_page.evaluate(sso, "bad") == {"ok": False, "message": "Invalid SSO token: bad signature"}
    assert sim_page.evaluate("asked") == ["agent", "bad"]
    failed = sim_page.evaluate(sso, "throw")
    assert failed == {"ok": False, "message": "Invalid SSO token: the token could not be checked (offline)"}
    stranger = sim_page.evaluate("outcome(() => ucsOperator.sso('nobody', 'good', 'CRM'))")
    assert stranger == {"ok": False, "message": "Invalid SSO token: unknown user nobody"}
    assert sim_page.evaluate(sso, "good") == {"ok": True, "value": "<undefined>"}
    assert sim_page.evaluate("sim.state") == "IDENTIFY"


def test_sso_verifier_options_are_checked(sim_page):
    both = sim_page.evaluate("outcome(() => UcsSimulator.install({target: {}, ssoSecret: 's', ssoVerify: () => null}))")
    assert both == {"ok": False, "message": "UcsSimulator.install: give ssoSecret or ssoVerify, not both"}
    wrong = sim_page.evaluate("outcome(() => UcsSimulator.install({target: {}, ssoVerify: 'https://ucs'}))")
    assert wrong["ok"] is False and "ssoVerify must be a function" in wrong["message"]

# ---- Calls ---------------------------------------------------------------------------------

def test_dial_remote_answer_hangup(ready):
    before = int(time.time())
    # Connecting (1) at once; the far side rings (2) a moment later, asynchronously.
    first = ready.evaluate("ucsOperator.dial('0800123456', 7, 1, {crm_id: 'C-42'}), named('onCall')")
    assert [c["state"] for c in first] == [1]
    ready.wait_for_function("named('onCall').length === 2")
    assert ready.evaluate("named('onCall')[1].state") == 2
    assert ready.evaluate("outcome(() => ucsOperator.dial('0800999999'))") == {
        "ok": False, "message": "A call is already in progress"}
    ready.evaluate("sim.remoteAnswer()")
    ready.evaluate("ucsOperator.hangup()")
    calls = ready.evaluate("named('onCall')")
    assert [c["state"] for c in calls] == [1, 2, 3, 3]
    call = calls[-1]
    assert CALL_FIELDS <= set(call)
    assert call["direction"] == "OUTGOING" and call["number"] == "0800123456"
    assert call["caller_type"] == "line" and call["caller_internal"] is True
    assert call["caller_username"] == "agent" and call["caller_line_id"] == 1
    assert call["connected_type"] == "trunk" and call["connected_number"] == "0800123456"
    assert call["called_number"] == "0800123456" and call["called_number_norm"] == "+44800123456"
    assert call["data"] == {"crm_id": "C-42"} and call["outbound_id"] == 7
    assert call["cause"] == 3  # the agent was the caller
    assert isinstance(call["id"], int) and 1 <= call["id"] <= 65535
    assert re.fullmatch(r"\d{10}\.\d+", call["uniqueid"])
    for stamp in ("created", "connected", "disconnected", "now"):
        assert isinstance(call[stamp], int) and before <= call[stamp] <= int(time.time()) + 1, stamp
    assert [c["cause"] for c in calls[:3]] == [-1, -1, -1]
    assert [c["disconnected"] for c in calls[:3]] == [None, None, None]
    assert len({c["uniqueid"] for c in calls}) == 1
    # After the call: ACW, told after the call's end.
    assert ready.evaluate("events.slice(-2).map((e) => e.name)") == ["onCall", "onUser"]
    assert ready.evaluate("named('onUser').pop().status") == "ACW"
    assert ready.evaluate("[sim.calls.length, ucsOperator.state().status]") == [0, "ACW"]


def test_incoming_ring_answer_remote_hangup_acw(ready):
    assert ready.evaluate("outcome(() => ucsOperator.answer())") == {"ok": False, "message": "No ringing call"}
    call = ready.evaluate("sim.ringIncoming({number: '+44 20 7946 0018', name: 'Alan Turing', data: {id: 7}})")
    assert CALL_FIELDS <= set(call)
    assert call["direction"] == "INCOMING" and call["state"] == 2 and call["cause"] == -1
    assert call["caller_type"] == "trunk" and call["caller_number_norm"] == "+442079460018"
    assert call["connected_type"] == "line" and call["connected_username"] == "agent"
    assert call["name"] == "Alan Turing" and call["data"] == {"id": 7}
    assert ready.evaluate("ucsOperator.state().call.uniqueid") == call["uniqueid"]
    ready.evaluate("ucsOperator.answer()")
    assert ready.evaluate("sim.calls[0].state") == 3
    ready.evaluate("sim.remoteHangup()")
    ended = ready.evaluate("named('onCall').pop()")
    assert ended["cause"] == 3 and ended["disconnected"] is not None  # the caller hung up
    assert [u["status"] for u in ready.evaluate("named('onUser')")] == ["ACW"]


def test_no_acw_when_turned_off_and_cause_of_a_declined_call(ready):
    ready.evaluate("sim.acwAfterCall = false; sim.ringIncoming({}); ucsOperator.hangup()")
    # Declining a call still ringing is "rejected" (5): "called party hung up" needs an answer.
    assert ready.evaluate("named('onCall').pop().cause") == 5
    assert ready.evaluate("[sim.user.status, named('onUser').length]") == ["READY", 0]
    # The far side hangs up on an incoming call it answered: the caller (3) ... and on an
    # outgoing one: the called party (4), or rejected (5) before answering; or a given cause.
    ready.evaluate("ucsOperator.dial('2002'); sim.remoteAnswer(); sim.remoteHangup()")
    assert ready.evaluate("named('onCall').pop().cause") == 4
    ready.evaluate("ucsOperator.dial('2002'); sim.remoteHangup()")
    assert ready.evaluate("named('onCall').pop().cause") == 5
    ready.evaluate("ucsOperator.dial('2002'); sim.remoteHangup({cause: 1})")
    assert ready.evaluate("named('onCall').pop().cause") == 1


def test_hold_and_unhold(ready):
    assert ready.evaluate("outcome(() => ucsOperator.tribute())")["message"] == "No connected call to hold"
    connected_incoming(ready)
    ready.evaluate("ucsOperator.tribute()")
    assert ready.evaluate("sim.calls[0].state") == 5
    state = ready.evaluate("ucsOperator.state()")
    assert state["call"]["state"] == 5 and len(state["calls"]) == 1  # the held call is still the agent's
    assert ready.evaluate("outcome(() => ucsOperator.hangup())")["message"] == "No active call"
    ready.evaluate("ucsOperator.unhold()")
    assert ready.evaluate("named('onCall').map((c) => c.state)") == [2, 3, 5, 3]
    assert ready.evaluate("outcome(() => ucsOperator.unhold())")["message"] == "No held call"


def test_mute_toggles_the_agents_side(ready):
    connected_incoming(ready)
    ready.evaluate("ucsOperator.mute()")
    assert ready.evaluate("[sim.calls[0].connected_muted, sim.calls[0].caller_muted]") == [True, False]
    ready.evaluate("ucsOperator.mute()")
    assert ready.evaluate("[sim.calls[0].connected_muted, sim.calls[0].caller_muted]") == [False, False]
    ready.evaluate("ucsOperator.hangup(); ucsOperator.dial('0800123456'); ucsOperator.mute()")
    assert ready.evaluate("[sim.calls[0].caller_muted, sim.calls[0].connected_muted]") == [True, False]
    assert ready.evaluate("named('onCall').pop().caller_muted") is True


def test_consultative_transfer_with_a_number(ready):
    original = connected_incoming(ready)
    calls = ready.evaluate("ucsOperator.transfer('2002'), sim.calls")
    assert [(c["direction"], c["state"]) for c in calls] == [("INCOMING", 5), ("OUTGOING", 1)]
    assert calls[1]["connected_internal"] is True and calls[1]["connected_type"] == "line"
    assert ready.evaluate("sim.transferMode") is True
    ready.wait_for_function("sim.calls[1].state === 2")
    ready.evaluate("sim.remoteAnswer()")
    assert ready.evaluate("sim.calls[1].state") == 3
    ready.evaluate("events.length = 0; ucsOperator.finishTransfer()")
    ended = ready.evaluate("named('onCall')")
    assert [(c["uniqueid"] == original, c["cause"]) for c in ended] == [(True, 8), (False, 8)]
    assert ready.evaluate("[sim.calls.length, sim.transferMode, sim.user.status]") == [0, False, "ACW"]
    assert ready.evaluate("named('onUser').length") == 1  # ACW once, after both ended


def test_transfer_mode_then_dial_then_finish(ready):
    connected_incoming(ready)
    assert ready.evaluate("outcome(() => ucsOperator.finishTransfer())")["ok"] is False
    ready.evaluate("ucsOperator.transfer()")
    assert ready.evaluate("[sim.transferMode, sim.calls.map((c) => c.state)]") == [True, [5]]
    assert ready.evaluate("outcome(() => ucsOperator.transfer('2003'))")["message"] == "A transfer is already in progress"
    ready.evaluate("ucsOperator.dial('2002')")
    ready.evaluate("ucsOperator.finishTransfer()")
    assert ready.evaluate("sim.history.map((c) => c.cause)") == [8, 8]


def test_blind_transfer(ready):
    connected_incoming(ready)
    assert "number is required" in ready.evaluate("outcome(() => ucsOperator.blindTransfer())")["message"]
    ready.evaluate("ucsOperator.blindTransfer('2002')")
    assert ready.evaluate("named('onCall').pop().cause") == 8
    assert ready.evaluate("[sim.calls.length, sim.user.status]") == [0, "ACW"]
    assert ready.evaluate("outcome(() => ucsOperator.blindTransfer('2002'))")["message"] == "No connected call to transfer"


def test_call_ids_rotate_and_uniqueids_do_not_repeat(ready):
    ids = ready.evaluate("""() => {
        sim._callId = 65534;
        const out = [];
        for (let i = 0; i < 3; i++) { const c = sim.ringIncoming({}); ucsOperator.hangup(); out.push([c.id, c.uniqueid]); }
        return out;
    }""")
    assert [i for i, _ in ids] == [65535, 1, 2]
    assert len({u for _, u in ids}) == 3


def test_queue_calls_only_reach_a_ready_unsuspended_agent(ready):
    ready.evaluate("ucsOperator.suspend(5)")
    assert "suspended in queue 5" in ready.evaluate("outcome(() => sim.ringIncoming({queue: 5}))")["message"]
    ready.evaluate("ucsOperator.resume(5); ucsOperator.changeStatus('AUX', 'Lunch')")
    assert "AUX" in ready.evaluate("outcome(() => sim.ringIncoming({queue: 5}))")["message"]
    ready.evaluate("ucsOperator.changeStatus('READY')")
    assert ready.evaluate("outcome(() => sim.ringIncoming({queue: 5}))")["ok"]
    # A direct call (no queue) always rings.
    direct = ready.evaluate("""outcome(() => {
        ucsOperator.hangup();
        ucsOperator.changeStatus('AUX');
        return sim.ringIncoming({}).state;
    })""")
    assert direct == {"ok": True, "value": 2}


# ---- Status, queues, notifications, account codes, sounds ----------------------------------

def test_change_status_suspend_resume_and_pushed_status(ready):
    ready.evaluate("ucsOperator.changeStatus('AUX', 'Lunch')")
    assert ready.evaluate("[named('onUser').pop().status, sim.statusReason]") == ["AUX", "Lunch"]
    ready.evaluate("ucsOperator.changeStatus('READY', 'ignored')")
    assert ready.evaluate("[sim.user.status, sim.statusReason]") == ["READY", None]
    ready.evaluate("ucsOperator.suspend(5)")
    queue = ready.evaluate("named('onUser').pop().queues['5']")
    assert queue["suspended"] is True
    ready.evaluate("ucsOperator.resume(5)")
    assert ready.evaluate("named('onUser').pop().queues['5'].suspended") is False
    assert ready.evaluate("outcome(() => ucsOperator.suspend(99))")["message"].startswith("ucsOperator.suspend: unknown queue 99")
    ready.evaluate("sim.pushStatus('AUX', 'Supervisor')")
    assert ready.evaluate("[named('onUser').pop().status, sim.statusReason]") == ["AUX", "Supervisor"]


@pytest.mark.parametrize("call, message", [
    ("ucsOperator.dial()", "ucsOperator.dial: number is required"),
    ("ucsOperator.dial(800123456)", "ucsOperator.dial: number must be a string, got number"),
    ("ucsOperator.dial('')", "ucsOperator.dial: number must not be empty"),
    ("ucsOperator.dial('1', 'soon')", "ucsOperator.dial: queue must be an integer, got string soon"),
    ("ucsOperator.dial('1', 5)", "ucsOperator.dial: queue 5 is not an outgoing queue"),
    ("ucsOperator.dial('1', 7, 9)", "ucsOperator.dial: unknown line 9"),
    ("ucsOperator.dial('1', 7, 1, [1])", "ucsOperator.dial: data must be a plain object, got array"),
    ("ucsOperator.changeStatus('BUSY')", 'ucsOperator.changeStatus: status must be one of OFFLINE, READY, AUX, ACW, got "BUSY"'),
    ("ucsOperator.changeStatus('AUX', 5)", "ucsOperator.changeStatus: reason must be a string, got number"),
    ("ucsOperator.suspend('5')", "ucsOperator.suspend: queue must be an integer, got string 5"),
    ("ucsOperator.notify('x', 'loud')", 'ucsOperator.notify: type must be one of error, warning, success, info, got "loud"'),
    ("ucsOperator.notify('x', 'info', false, -1)", "ucsOperator.notify: timeout must be >= 0 (milliseconds) or null"),
    ("ucsOperator.notify('x', 'info', false, null, 'LOBBY')",
     'ucsOperator.notify: boundState must be one of CREDENTIALS, IDENTIFY, DEVICE, READY, got "LOBBY"'),
    ("ucsOperator.selectRingingSound('jazz')",
     'ucsOperator.selectRingingSound: ringingSound must be one of default, christmas, lovingYou, quest, rush, got "jazz"'),
    ("ucsOperator.setTheme('blue')", 'ucsOperator.setTheme: theme must be one of default, dark, got "blue"'),
    ("ucsOperator.answer(1)", "ucsOperator.answer: takes at most 0 arguments (none), got 1"),
    ("ucsOperator.setAccountCode('nope', 'SALES')", "Unknown call: nope"),
    ("ucsOperator.transfer(2002)", "ucsOperator.transfer: number must be a string, got number"),
])
def test_bad_arguments_are_refused(ready, call, message):
    assert ready.evaluate(f"outcome(() => {call})") == {"ok": False, "message": message}
    assert ready.evaluate("sim.log[sim.log.length - 1].refused") == message
    assert ready.evaluate("sim.calls.length") == 0


def test_notifications_unique_timeout_and_in_any_state(sim_page):
    first = sim_page.evaluate("""() => {
        window.sim = UcsSimulator.install({callbacks: cb});
        ucsOperator.notify('Welcome', 'success');  // even before onConnect
        return [sim.state, sim.notifications.map((n) => n.title)];
    }""")
    assert first == ["INIT", ["Welcome"]]
    sim_page.evaluate("ucsOperator.notify('Welcome'); ucsOperator.notify('Welcome', 'info', true)")
    assert sim_page.evaluate("sim.notifications.length") == 1  # unique replaced both older ones
    sim_page.evaluate("ucsOperator.notify('Soon gone', 'warning', false, 50, 'CREDENTIALS', 'grp', {values: {a: 1}})")
    note = sim_page.evaluate("named('onNotify').pop()")
    assert {k: note[k] for k in ("title", "type", "unique", "timeout", "boundState", "group", "other")} == {
        "title": "Soon gone", "type": "warning", "unique": False, "timeout": 50, "boundState": "CREDENTIALS",
        "group": "grp", "other": {"values": {"a": 1}}}
    assert sim_page.evaluate("sim.notifications.length") == 2
    sim_page.wait_for_function("sim.notifications.length === 1")
    assert sim_page.evaluate("sim.notifications[0].title") == "Welcome"


def test_set_account_code_keeps_a_history(ready):
    uniqueid = connected_incoming(ready)
    ready.evaluate("ucsOperator.hangup()")  # an ended call can still get its reason
    ready.evaluate("(u) => { ucsOperator.setAccountCode(u, 'SALES'); ucsOperator.setAccountCode(u, 'UPSELL', 'GOLD', false); }", uniqueid)
    assert ready.evaluate("(u) => sim.accountCodes[u]", uniqueid) == [
        {"accountCode": "SALES", "subAccountCode": None}, {"accountCode": "UPSELL", "subAccountCode": "GOLD"}]
    ready.evaluate("(u) => ucsOperator.setAccountCode(u, 'SUPPORT', null, true)", uniqueid)
    assert ready.evaluate("(u) => sim.accountCodes[u]", uniqueid) == [{"accountCode": "SUPPORT", "subAccountCode": None}]


def test_ringing_sound_and_theme(ready):
    ready.evaluate("ucsOperator.selectRingingSound('quest'); ucsOperator.testRingingSound()")
    assert ready.evaluate("[ucsOperator.state().ringingSound, sim.testingRingingSound]") == ["quest", True]
    ready.evaluate("ucsOperator.stopRingingSoundTest(); ucsOperator.setTheme('dark')")
    assert ready.evaluate("[sim.testingRingingSound, ucsOperator.state().theme]") == [False, "dark"]


def test_an_older_component_lacks_the_newer_methods(sim_page):
    sim_page.evaluate("startReady({version: '4.43.5'})")
    methods = sim_page.evaluate("Object.keys(ucsOperator)")
    assert "selectRingingSound" in methods
    assert not {"testRingingSound", "stopRingingSoundTest", "setTheme"} & set(methods)
    assert len(methods) == 22
    state = sim_page.evaluate("ucsOperator.state()")
    assert "ringingSound" not in state and "theme" not in state


# ---- Robustness: callbacks, copies, install options -----------------------------------------

def test_callbacks_are_looked_up_each_time_get_copies_and_may_throw(ready):
    messages = []
    ready.on("console", lambda m: messages.append((m.type, m.text)))
    result = ready.evaluate("""() => {
        const seen = [];
        cb.onCall = (call) => { call.state = 99; call.data.hacked = true; throw new Error('CRM bug'); };
        const call = sim.ringIncoming({data: {a: 1}});
        cb.onCall = (call) => seen.push(call.state);  // replaced after install: used from now on
        ucsOperator.answer();
        delete cb.onCall;  // gone: simply not called
        ucsOperator.hangup();
        return {seen, state: sim.history[0].state, data: sim.history[0].data, returned: call.state};
    }""")
    assert result == {"seen": [3], "state": 3, "data": {"a": 1}, "returned": 2}
    assert any(kind == "error" and "callbacks.onCall threw" in text for kind, text in messages)


def test_install_refuses_unknown_options(sim_page):
    result = sim_page.evaluate("outcome(() => UcsSimulator.install({callback: {}}))")
    assert result == {"ok": False, "message": 'UcsSimulator.install: unknown option "callback"'}


def test_log_records_every_invocation(ready):
    ready.evaluate("""() => { try { ucsOperator.login('a', 'b'); } catch (e) {}
                             ucsOperator.dial('0800123456', undefined, undefined, {k: 'v'}); }""")
    log = ready.evaluate("sim.log.slice(-2)")
    assert log[0]["method"] == "login" and log[0]["state"] == "READY"
    assert log[0]["refused"] == "ucsOperator.login is not allowed in state READY"
    assert log[1]["args"] == ["0800123456", None, None, {"k": "v"}] and "refused" not in log[1]
    assert isinstance(log[1]["at"], int)
    # The walk to READY went through the public methods.
    assert [e["method"] for e in ready.evaluate("sim.log")][:3] == ["login", "selectIdentifier", "provision"]


# ---- Failure injection and removal ---------------------------------------------------------

def test_fail_next_fail_always_and_clear(ready):
    ready.evaluate("sim.failNext('dial', 'Line is busy')")
    assert ready.evaluate("outcome(() => ucsOperator.dial('0800123456'))") == {"ok": False, "message": "Line is busy"}
    assert ready.evaluate("sim.log[sim.log.length - 1].refused") == "Line is busy"
    assert ready.evaluate("outcome(() => ucsOperator.dial('0800123456'))")["ok"]
    ready.evaluate("sim.failAlways('hangup', 'Phone unreachable')")
    for _ in range(2):
        assert ready.evaluate("outcome(() => ucsOperator.hangup())")["message"] == "Phone unreachable"
    ready.evaluate("sim.clearFailures()")
    assert ready.evaluate("outcome(() => ucsOperator.hangup())")["ok"]
    assert "no ucsOperator method" in ready.evaluate("outcome(() => sim.failNext('dail'))")["message"]


def test_hang_returns_a_promise_that_never_settles(ready):
    result = ready.evaluate("""async () => {
        sim.hang('dial');
        const p = ucsOperator.dial('0800123456');
        const settled = await Promise.race([p.then(() => 'resolved', () => 'rejected'), tick(300).then(() => 'pending')]);
        return {isPromise: p instanceof Promise, settled, calls: sim.calls.length, logged: sim.log.pop().method};
    }""")
    assert result == {"isPromise": True, "settled": "pending", "calls": 0, "logged": "dial"}
    ready.evaluate("sim.clearFailures()")
    assert ready.evaluate("ucsOperator.dial('0800123456')") is None


def test_remove_makes_the_component_disappear(sim_page):
    result = sim_page.evaluate("""async () => {
        await start({delay: 100});
        const operator = window.ucsOperator;
        const login = operator.login('agent', 'demo');
        events.length = 0;
        sim.remove();
        const rejected = await outcome(() => login);
        await tick(150);
        return {there: 'ucsOperator' in window, rejected, events: events.length, removed: sim.removed,
                stale: (await outcome(() => operator.notify('x'))).message,
                ring: (await outcome(() => sim.ringIncoming({}))).message};
    }""")
    assert result == {"there": False, "rejected": {"ok": False, "message": "ucsOperator was removed"},
                      "events": 0, "removed": True,
                      "stale": "ucsOperator.notify: the component was removed",
                      "ring": "the simulated component was removed"}


def test_a_second_install_replaces_the_first(sim_page):
    sim_page.evaluate("start().then(() => { window.first = sim; return start(); })")
    assert sim_page.evaluate("[first.removed, window.ucsOperator === sim.operator]") == [True, True]


# ---- The panel -----------------------------------------------------------------------------

def test_panel_login_ring_answer_by_clicking(sim_page):
    sim_page.evaluate("start().then(() => UcsSimulator.mountPanel(document.getElementById('panel'), sim))")
    by = sim_page.get_by_test_id
    expect(by("sim-state")).to_have_text("CREDENTIALS")
    expect(by("sim-login-hint")).to_have_text("agent / demo")
    expect(by("sim-ring")).to_be_visible()
    expect(by("sim-answer")).to_be_hidden()

    by("sim-login-username").fill("agent")
    by("sim-login-password").fill("nope")
    by("sim-login-submit").click()
    expect(by("sim-message")).to_have_text("Bad password")
    expect(by("sim-notifications")).to_contain_text("Bad password")

    by("sim-login-password").fill("demo")
    by("sim-login-submit").click()
    expect(by("sim-state")).to_have_text("IDENTIFY")
    expect(by("sim-login-submit")).to_be_hidden()
    expect(by("sim-notifications")).not_to_contain_text("Bad password")  # bound to CREDENTIALS
    by("sim-identifier").fill("SIP/1002")
    by("sim-identifier-submit").click()
    expect(by("sim-state")).to_have_text("DEVICE")
    expect(by("sim-device")).to_have_text("SIP/1002")
    by("sim-provision").click()
    expect(by("sim-state")).to_have_text("READY")
    expect(by("sim-status")).to_have_text("READY")
    expect(by("sim-calls")).to_have_text("No calls")

    by("sim-ring-number").fill("0800555123")
    by("sim-ring-name").fill("Grace Hopper")
    by("sim-ring").click()
    expect(by("sim-call")).to_have_text("from 0800555123 (Grace Hopper) — ringing")
    by("sim-answer").click()
    expect(by("sim-call")).to_have_text("from 0800555123 (Grace Hopper) — connected")
    by("sim-hold").click()
    expect(by("sim-call")).to_contain_text("on hold")
    by("sim-unhold").click()
    by("sim-remote-hangup").click()
    expect(by("sim-calls")).to_have_text("No calls")
    expect(by("sim-status")).to_have_text("ACW")
    # Every agent action went through ucsOperator, as a user of the real component's UI would.
    methods = sim_page.evaluate("sim.log.map((e) => e.method)")
    assert methods == ["login", "login", "selectIdentifier", "provision", "answer", "tribute", "unhold"]
    assert [c["name"] for c in sim_page.evaluate("named('onCall')")][:1] == ["Grace Hopper"]


def test_panel_scenario_controls(sim_page):
    sim_page.evaluate("startReady().then(() => UcsSimulator.mountPanel(document.getElementById('panel'), sim))")
    by = sim_page.get_by_test_id
    expect(by("sim-state")).to_have_text("READY")
    by("sim-dial-number").fill("0800123456")
    by("sim-dial-submit").click()
    expect(by("sim-call")).to_contain_text("to 0800123456")
    by("sim-remote-answer").click()
    expect(by("sim-call")).to_have_text("to 0800123456 — connected")
    by("sim-mute").click()
    expect(by("sim-call")).to_contain_text("muted")

    by("sim-fail-method").select_option("hangup")
    by("sim-fail").click()
    by("sim-hangup").click()
    expect(by("sim-message")).to_have_text("Simulated component failure")
    by("sim-hangup").click()
    expect(by("sim-calls")).to_have_text("No calls")
    expect(by("sim-message")).to_have_text("")

    by("sim-status-select").select_option("AUX")
    by("sim-status-reason").fill("Lunch")
    by("sim-status-apply").click()
    expect(by("sim-status")).to_have_text("AUX (Lunch)")

    by("sim-remove").click()
    expect(by("sim-state")).to_have_text("REMOVED")
    assert sim_page.evaluate("'ucsOperator' in window") is False
    by("sim-ring").click()
    expect(by("sim-message")).to_have_text("the simulated component was removed")


def test_panel_styles_are_scoped(sim_page):
    sim_page.evaluate("startReady().then(() => UcsSimulator.mountPanel(document.getElementById('panel'), sim))")
    css = sim_page.evaluate("document.getElementById('ucs-sim-style').textContent")
    selectors = [rule.split("{")[0].strip() for rule in css.strip().split("}") if rule.strip()]
    assert selectors and all(s.startswith(".ucs-sim") for s in selectors), selectors
    # Mounting twice (a second panel) does not add a second stylesheet.
    sim_page.evaluate("document.body.append(Object.assign(document.createElement('div'), {id: 'p2'})); UcsSimulator.mountPanel(p2, sim)")
    assert sim_page.evaluate("document.querySelectorAll('#ucs-sim-style').length") == 1
