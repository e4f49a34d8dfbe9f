"""The whole agent flow through the bridge, with state gating on, against components that call
only the three callbacks the vendor document names: onConnect, onCredentials, onReady.

Without onIdentify and onDevice the mirror learns IDENTIFY and DEVICE from the successful
results of the calls that cause them (``leads_to`` in bridge/component/spec.py). Two components:
the simulator with ``callbackSet: "documented"``, and a minimal one written here from the
vendor document alone (shared/seeds/002_...: the per-state table, onReady after a successful
login carrying the agent's status and the ongoing call), so the flow does not depend on
choices the simulator makes.
"""

import pytest

from browser_helpers import add_frame, settle

DOCUMENTED = {"onConnect", "onCredentials", "onReady"}

# A component written from the vendor document only. Its methods exist before onConnect
# ("at the moment the application initializes"), each refuses a call outside the states of
# the document's table, login and sso settle asynchronously like a server round trip, and
# onReady comes a moment after provision, with the state object state() also returns.
MINIMAL_COMPONENT = """(callbacks) => {
  const table = {
    login: ["CREDENTIALS"], sso: ["CREDENTIALS"], logout: ["IDENTIFY", "DEVICE", "READY"],
    selectIdentifier: ["IDENTIFY", "DEVICE"], provision: ["IDENTIFY", "DEVICE"], identify: ["DEVICE", "READY"],
    changeStatus: ["READY"], dial: ["READY"], hangup: ["READY"], state: ["READY"], notify: "any",
  };
  const component = { state: "INIT", status: null, call: null, identifier: null, log: [] };
  const later = (fn) => new Promise((resolve) => setTimeout(() => resolve(fn()), 5));
  const stateObject = () => ({ state: component.state, status: component.status, call: component.call });
  const does = {
    login: () => later(() => { component.state = "IDENTIFY"; }),
    sso: () => later(() => { component.state = "IDENTIFY"; }),
    selectIdentifier: (identifier) => { component.identifier = identifier; component.state = "DEVICE"; },
    provision: () => {
      component.status = "READY";
      setTimeout(() => { component.state = "READY"; callbacks.onReady(stateObject()); }, 5);
    },
    identify: () => { component.state = "IDENTIFY"; },
    logout: () => { component.state = "CREDENTIALS"; component.status = null; component.call = null;
                    setTimeout(() => callbacks.onCredentials(), 5); },
    dial: (number) => { component.call = { uniqueid: "1.1", direction: "OUTGOING", state: 1, number }; },
    hangup: () => { component.call = null; },
    changeStatus: (status) => { component.status = status; },
    state: () => stateObject(),
    notify: () => {},
  };
  window.ucsOperator = {};
  for (const [name, states] of Object.entries(table)) {
    window.ucsOperator[name] = (...args) => {
      if (states !== "any" && !states.includes(component.state)) {
        const refusal = `${name} is not allowed in state ${component.state}`;
        component.log.push(`${name}: ${refusal}`);
        throw new Error(refusal);
      }
      component.log.push(name);
      return does[name](...args);
    };
  }
  window.component = component;
  setTimeout(() => {
    callbacks.onConnect();
    component.state = "CREDENTIALS";
    callbacks.onCredentials();
  }, 5);
}"""

# The bridge with state gating on (the default, said here on purpose), every "state" event
# and the name of every callback it received recorded from the start.
START = """(frames) => {
  window.bridge = AgentBridge.start({ stateGating: true, frames });
  window.states = [];
  window.callbackNames = [];
  bridge.on("state", (e) => states.push(e.state));
  bridge.on("callback", (e) => callbackNames.push(e.name));
  // The mirror reaches the state; a mirror left behind fails within 10 s, naming where it is.
  window.reached = (state) => new Promise((resolve, reject) => {
    if (bridge.snapshot.state === state) return resolve();
    const timer = setTimeout(() => { stop(); reject(new Error(`the mirror is in ${bridge.snapshot.state}, not ${state}`)); }, 10000);
    const stop = bridge.on("state", (e) => { if (e.state === state) { stop(); clearTimeout(timer); resolve(); } });
  });
}"""

# What a CRM page does, awaiting each call and going on at once: the result of a call reaches
# the mirror before the next call is checked, so no wait is needed between login,
# selectIdentifier and provision. READY is the component's onReady, which is waited for.
FLOW = """async (signIn) => {
  await reached("CREDENTIALS");
  await (0, eval)(signIn);
  await bridge.selectIdentifier("SIP/1001");
  await bridge.provision();
  await reached("READY");
  await bridge.dial("0800123456");
  await bridge.hangup();
  await bridge.identify();
  await bridge.logout();
  await reached("CREDENTIALS");
  return { states, callbackNames, snapshot: bridge.snapshot };
}"""

# What the component is asked after login or sso, each accepted.
AFTER_SIGN_IN = ["selectIdentifier", "provision", "dial", "hangup", "identify", "logout"]
FLOW_STATES = ["CONNECTED", "CREDENTIALS", "IDENTIFY", "DEVICE", "READY", "IDENTIFY", "CREDENTIALS"]
LOGIN = "bridge.login('agent', 'demo')"
SSO_WITH_SIMULATOR = ("UcsSimulator.makeSsoToken('s3cret', 'agent', Math.floor(Date.now() / 1000))"
                      ".then((token) => bridge.sso('agent', token, 'Acme CRM'))")
SSO_WITH_MINIMAL = "bridge.sso('agent', 'a-token-from-the-crm-server', 'Acme CRM')"


def start_simulator(page, frames=()):
    page.evaluate(START, list(frames))
    page.evaluate("""() => { window.sim = UcsSimulator.install({
        callbacks: bridge.callbacks, callbackSet: "documented", ssoSecret: "s3cret" }); }""")


def start_minimal(page):
    page.evaluate(START, [])
    page.evaluate(f"() => ({MINIMAL_COMPONENT})(bridge.callbacks)")


# Each component: how to start it, its sso() call, what it was asked ("method" when accepted,
# "method: why" when refused) and its own state.
COMPONENTS = {
    "simulator": (start_simulator, SSO_WITH_SIMULATOR,
                  "sim.log.map((e) => e.refused || e.rejected ? `${e.method}: ${e.refused || e.rejected}` : e.method)",
                  "sim.state"),
    "minimal": (start_minimal, SSO_WITH_MINIMAL, "component.log", "component.state"),
}


@pytest.mark.parametrize("way_in", ["login", "sso"])
@pytest.mark.parametrize("component", list(COMPONENTS))
def test_the_whole_flow_through_the_bridge_with_gating_on(blank, errors, component, way_in):
    start, sso, asked, state = COMPONENTS[component]
    start(blank)
    result = blank.evaluate(FLOW, LOGIN if way_in == "login" else sso)
    assert result["states"] == FLOW_STATES
    # Only the documented callbacks came (the simulator's mode calls no onIdentify, onDevice, onCall...).
    assert set(result["callbackNames"]) == DOCUMENTED
    assert result["snapshot"] == {"state": "CREDENTIALS", "status": None, "user": None, "calls": []}
    assert blank.evaluate(asked) == [way_in, *AFTER_SIGN_IN]
    assert blank.evaluate(state) == "CREDENTIALS"
    assert errors == []


def test_the_status_comes_from_on_ready_and_calls_are_still_gated(blank, errors):
    start_minimal(blank)
    blank.evaluate("async () => { await reached('CREDENTIALS'); await bridge.login('agent', 'demo'); }")
    # IDENTIFY, learnt from login's result: calls of READY are still refused before the component.
    refused = settle(blank, "bridge.dial('0800123456')")
    assert refused["code"] == "INVALID_STATE" and "component state IDENTIFY" in refused["message"]
    blank.evaluate("async () => { await bridge.selectIdentifier('SIP/1001'); await bridge.provision(); await reached('READY'); }")
    assert blank.evaluate("bridge.snapshot.status") == "READY"
    assert blank.evaluate("component.log") == ["login", "selectIdentifier", "provision"]
    assert errors == []


def test_a_frames_calls_move_the_mirror_like_the_pages(blank, server, other_origin, errors):
    # A CRM widget on another origin pairs the phone and later re-pairs and logs out.
    start_simulator(blank, [{"origin": other_origin, "allow": ["selectIdentifier", "provision", "identify", "logout"]}])
    blank.evaluate("async () => { await reached('CREDENTIALS'); await bridge.login('agent', 'demo'); }")
    widget = add_frame(blank, f"{other_origin}/pages/sdk-form.html?parent={server}", "widget")
    widget.evaluate("async () => { window.conn = await AgentBridgeFrame.connect({parentOrigin}); }")
    # The frame's successful calls reach the mirror as the page's do (DEVICE, IDENTIFY,
    # CREDENTIALS below come from their results).
    widget.evaluate("async () => { await conn.selectIdentifier('SIP/1001'); await conn.provision(); }")
    blank.evaluate("reached('READY')")
    widget.evaluate("async () => { await conn.identify(); }")
    blank.evaluate("reached('IDENTIFY')")
    widget.evaluate("async () => { await conn.logout(); }")
    blank.evaluate("reached('CREDENTIALS')")
    assert blank.evaluate("states") == FLOW_STATES
    assert errors == []


def test_the_simulator_refuses_an_unknown_callback_set(blank):
    result = settle(blank, "Promise.resolve().then(() => UcsSimulator.install({callbackSet: 'some'}))")
    assert not result["ok"]
    assert "callbackSet must be one of all, documented" in result["message"]


def test_callbacks_queued_before_ready_count_once_so_a_later_callback_still_wins(blank, errors):
    # The component called back before the bridge was ready (queued), and calls back again from
    # inside state() before state() answers with what it knew when called: onReady is newer than
    # that answer, so the mirror keeps AUX. A callback queued before ready and counted twice
    # (queued, then sent) made the answer look newer, and the stale READY won.
    result = blank.evaluate("""async () => {
        let bridge;
        const component = {
            state: () => { bridge.callbacks.onReady({status: 'AUX'}); return {status: 'READY'}; },
            notify: () => 'shown',
        };
        bridge = AgentBridge.start({stateGating: false, operator: () => component});
        bridge.callbacks.onConnect();
        bridge.callbacks.onCredentials();
        await bridge.ready;
        await bridge.state();
        await bridge.notify('after');  // one more round trip: the answer has been seen
        return bridge.snapshot.status;
    }""")
    assert result == "AUX"
    assert errors == []
