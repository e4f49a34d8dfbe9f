"""An integration test as a CRM team writes it with the testing kit (the README shows this file).

The fixtures come from agent-bridge's pytest plugin: `agent_bridge_server` serves the build
beside the team's pages (conftest.py), `ucs` is the simulated UCS component in `page`.
"""

import pytest
from playwright.sync_api import expect

# The agent's outgoing queue 5 (the simulator's default agent has queues 5 incoming, 7 outgoing).
pytestmark = pytest.mark.ucs(users={"agent": {"password": "secret", "queues": {"5": {"type": 0}}}})


def test_click_to_dial(page, agent_bridge_server, ucs):
    page.goto(agent_bridge_server.url("/contacts.html"))
    ucs.sign_in("agent", "secret")
    expect(page.get_by_test_id("phone")).to_have_text("READY")

    page.get_by_role("button", name="Call 0800123456").click()

    ucs.wait_until_called("dial")
    ucs.assert_called("dial", "0800123456", 5)
    assert ucs.calls[0]["direction"] == "OUTGOING"


def test_screen_pop_on_an_incoming_call(page, agent_bridge_server, ucs):
    page.goto(agent_bridge_server.url("/contacts.html"))
    ucs.sign_in("agent", "secret")

    ucs.ring_incoming("+44 20 7946 0000", name="Ada Lovelace", data={"account": "ACME-42"})

    pop = page.get_by_test_id("screen-pop")
    expect(pop).to_be_visible()
    expect(pop.get_by_test_id("caller")).to_have_text("Ada Lovelace")
    expect(pop.get_by_test_id("account")).to_have_text("ACME-42")

    ucs.remote_hangup()
    expect(pop).to_be_hidden()


def test_the_component_refusing_a_call_is_shown(page, agent_bridge_server, ucs):
    page.goto(agent_bridge_server.url("/contacts.html"))
    ucs.sign_in("agent", "secret")
    ucs.fail_next("dial", "Line busy")

    page.get_by_role("button", name="Call 0800123456").click()

    expect(page.get_by_role("alert")).to_have_text("OPERATOR_ERROR: dial: Line busy")
