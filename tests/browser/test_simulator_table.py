"""The simulator and the bridge's spec agree on the vendor's state table.

The simulator types the table from the vendor document on its own (it is a test double of the
vendor's component, not of our spec); this keeps the two from drifting apart unnoticed.
"""

import base64
import hashlib

import pytest

from bridge.component.spec import ANY, COMPONENT_STATES, METHODS
from browser_helpers import start_with_simulator


def test_state_tables_agree(blank):
    table = blank.evaluate("UcsSimulator.STATE_TABLE")
    assert set(table) == {m.name for m in METHODS}
    for method in METHODS:
        expected = "any" if method.states == ANY else list(method.states)
        assert table[method.name] == expected, method.name


@pytest.mark.parametrize("method", [m for m in METHODS if m.states != ANY], ids=lambda m: m.name)
def test_simulator_refuses_each_method_outside_its_states(blank, method):
    """With the bridge's gating off, the component itself refuses: its message reaches the caller."""
    start_with_simulator(blank, "{stateGating: false}")
    outside = next(s for s in COMPONENT_STATES if s not in method.states)
    if outside != "CREDENTIALS":
        blank.evaluate(f"sim.loginAs().then(() => {{ if ('{outside}' !== 'READY') sim._enter('{outside}'); }})")
        blank.wait_for_function(f"bridge.snapshot.state === '{outside}'")
    args = {"login": "'agent', 'demo'", "sso": "'agent', 't', 'CRM'", "selectIdentifier": "'SIP/1001'",
            "changeStatus": "'READY'", "suspend": "5", "resume": "5", "dial": "'1'", "blindTransfer": "'1'",
            "setAccountCode": "'1', 'X'", "selectRingingSound": "'quest'"}.get(method.name, "")
    result = blank.evaluate(f"bridge.{method.name}({args}).then(() => 'ok', (e) => [e.code, e.message])")
    assert result == ["OPERATOR_ERROR", f"{method.name}: ucsOperator.{method.name} is not allowed in state {outside}"]


def test_sso_token_matches_an_independent_implementation(blank):
    secret, username, timestamp = "s3cret", "agent.šťastný", 1700000000
    digest = hashlib.sha1(f"{secret}{username}{timestamp}".encode()).digest()
    expected = base64.b64encode(digest + f"{username}{timestamp}".encode()).decode()
    token = blank.evaluate("([s, u, t]) => UcsSimulator.makeSsoToken(s, u, t)", [secret, username, timestamp])
    assert token == expected


def test_sso_refuses_expired_and_foreign_tokens(blank):
    start_with_simulator(blank, simulator="ssoSecret: 's3cret', ssoMaxAge: 60")
    old = blank.evaluate("""UcsSimulator.makeSsoToken('s3cret', 'agent', Math.floor(Date.now() / 1000) - 600)
        .then((t) => bridge.sso('agent', t, 'CRM')).then(() => 'ok', (e) => e.message)""")
    assert "expired" in old
    foreign = blank.evaluate("""UcsSimulator.makeSsoToken('s3cret', 'boss', Math.floor(Date.now() / 1000))
        .then((t) => bridge.sso('agent', t, 'CRM')).then(() => 'ok', (e) => e.message)""")
    assert "another user" in foreign
    forged = blank.evaluate("""UcsSimulator.makeSsoToken('guess', 'agent', Math.floor(Date.now() / 1000))
        .then((t) => bridge.sso('agent', t, 'CRM')).then(() => 'ok', (e) => e.message)""")
    assert "bad signature" in forged
    assert blank.evaluate("sim.notifications.filter((n) => n.type === 'error').length") == 3
    assert blank.evaluate("bridge.snapshot.state") == "CREDENTIALS"


def test_call_objects_carry_every_documented_field(blank):
    from bridge.component.objects import CALL_FIELDS, QUEUE_FIELDS, USER_FIELDS

    start_with_simulator(blank)
    blank.evaluate("sim.loginAs()")
    blank.wait_for_function("bridge.snapshot.state === 'READY'")
    call = blank.evaluate("sim.ringIncoming({number: '0800123456', name: 'Alan'})")
    assert {f.name for f in CALL_FIELDS} <= set(call)
    user = blank.evaluate("bridge.snapshot.user")
    assert {f.name for f in USER_FIELDS} <= set(user)
    assert "password" not in user
    assert {f.name for f in QUEUE_FIELDS} <= set(user["queues"]["5"])


def test_simulator_accepts_a_token_minted_by_bridge_sso(blank):
    from bridge.sso import make_token

    token = make_token("s3cret", "agent")
    start_with_simulator(blank, simulator="ssoSecret: 's3cret'")
    result = blank.evaluate("(t) => bridge.sso('agent', t, 'Acme CRM').then(() => 'ok', (e) => e.message)", token)
    assert result == "ok"
    blank.wait_for_function("bridge.snapshot.state === 'IDENTIFY'")
