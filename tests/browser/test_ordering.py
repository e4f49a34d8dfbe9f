"""Nothing is answered out of order: a listener or a component callback that calls the bridge
from inside an event cannot reorder events or leave an older snapshot in bridge.snapshot (the
main-thread runtime, where Python runs inside the call, is where that could happen), and
bridge.ready resolves only once the callbacks queued before it are in bridge.snapshot."""

import pytest

from browser_helpers import settle

# A component that, the moment the bridge tells the page it reached CREDENTIALS, says it moved on
# to IDENTIFY: a callback made from inside an event listener, re-entering the bridge.
REENTRANT = """async (runtime) => {
    window.seen = [];
    window.bridge = AgentBridge.start({runtime, operator: () => ({})});
    bridge.on('state', ({state, previous}) => seen.push(['state', previous, state, bridge.snapshot.state]));
    bridge.on('callback', ({name}) => {
        seen.push(['callback', name]);
        if (name === 'onCredentials') bridge.callbacks.onIdentify();
    });
    await bridge.ready;
    bridge.callbacks.onConnect();
    bridge.callbacks.onCredentials();
    await new Promise((resolve) => setTimeout(resolve, 500));
    return {seen, snapshot: bridge.snapshot.state};
}"""


@pytest.mark.parametrize("runtime", ["main", "worker"])
def test_a_listener_that_calls_the_bridge_cannot_reorder_events(blank, errors, runtime):
    result = blank.evaluate(REENTRANT, runtime)
    assert result["seen"] == [
        ["callback", "onConnect"], ["state", "LOADING", "CONNECTED", "CONNECTED"],
        ["callback", "onCredentials"], ["state", "CONNECTED", "CREDENTIALS", "CREDENTIALS"],
        ["callback", "onIdentify"], ["state", "CREDENTIALS", "IDENTIFY", "IDENTIFY"],
    ]
    assert result["snapshot"] == "IDENTIFY"  # the newest, not overwritten by an older one
    assert errors == []


def test_a_component_callback_made_during_a_call_waits_its_turn(blank, errors):
    # A status listener calls notify(), and the component calls back from inside notify(): that
    # callback's events come after the rest of the events being delivered, not in their middle.
    result = blank.evaluate("""async () => {
        const seen = [];
        const bridge = AgentBridge.start({runtime: 'main', operator: () => ({
            notify: () => { bridge.callbacks.onUser({username: 'a', status: 'AUX'}); return 'shown'; },
        })});
        bridge.on('status', ({status}) => seen.push('status ' + status + ' ' + bridge.snapshot.status));
        bridge.on('callback', ({name}) => {
            seen.push('callback ' + name);
            if (name === 'onReady') window.shown = bridge.notify('hi');
        });
        await bridge.ready;
        bridge.callbacks.onReady({status: 'READY'});
        const value = await window.shown;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return {seen, value, status: bridge.snapshot.status};
    }""")
    assert result["seen"] == ["callback onReady", "status READY READY", "callback onUser", "status AUX AUX"]
    assert result["value"] == "shown" and result["status"] == "AUX"
    assert errors == []


@pytest.mark.parametrize("runtime", ["main", "worker"])
def test_ready_resolves_with_the_queued_callbacks_in_the_snapshot(blank, errors, runtime):
    result = blank.evaluate("""async (runtime) => {
        const bridge = AgentBridge.start({runtime, operator: () => ({})});
        bridge.callbacks.onConnect();
        bridge.callbacks.onCredentials();
        bridge.callbacks.onReady({status: 'READY', user: {username: 'agent', status: 'READY'}});
        await bridge.ready;
        return [bridge.snapshot.state, bridge.snapshot.status, bridge.snapshot.user && bridge.snapshot.user.username];
    }""", runtime)
    assert result == ["READY", "READY", "agent"]
    assert errors == []


def test_queued_callbacks_take_no_calls_place(blank, errors):
    result = blank.evaluate("""async () => {
        const bridge = AgentBridge.start({queueLimit: 2, operator: () => ({notify: () => 'ok'})});
        for (let i = 0; i < 50; i++) bridge.callbacks.onNotify({title: 'n' + i});  // never dropped, never counted
        const calls = [1, 2, 3].map((i) => bridge.notify('call ' + i).then((v) => v, (e) => e.code));
        return Promise.all(calls);
    }""")
    assert result == ["ok", "ok", "QUEUE_FULL"]
    assert errors == []


def test_a_request_the_runtime_refuses_after_the_boot_rejects(blank, errors):
    blank.evaluate("() => { window.bridge = AgentBridge.start({operator: () => ({})}); }")
    assert settle(blank, "bridge.ready")["ok"]
    (worker,) = [w for w in blank.workers if w.url.startswith("blob:")]
    # (Before, such a promise never settled: the race below turns that into a failure, not a hang.)
    outside = worker.evaluate("Promise.race([fetch('https://api.example.com/v1/status').then(() => 'fetched', (e) => e.message),"
                              " new Promise((resolve) => setTimeout(() => resolve('never settled'), 5000))])")
    assert outside == "could not load https://api.example.com/v1/status: refused to fetch " \
                      "https://api.example.com/v1/status: https://api.example.com is outside " \
                      + blank.evaluate("location.origin") + " and not in config.apiOrigins"
    unlisted = worker.evaluate("Promise.race([fetch(self.origin + '/dist/manifest.json').then(() => 'fetched', (e) => e.message),"
                               " new Promise((resolve) => setTimeout(() => resolve('never settled'), 5000))])")
    assert "not in the build manifest" in unlisted
    assert errors == []
