"""The testing kit: the `ucs` driver in a page, and the pytest plugin in a project of its own.

tests/example_crm/ is the integration test a CRM team would write; this file checks the rest
of the driver (every control, the readings, the refusals) and runs the plugin the way a
team's CI does: another folder, only the installed package, `--agent-bridge-dist`.
"""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bridge.testing.driver import Asked, SimulatorError, UcsSimulator
from browser_helpers import DIST, settle

EXAMPLE = Path(__file__).resolve().parents[1] / "example_crm"


@pytest.fixture
def kit(page, server, ucs):
    page.goto(f"{server}/pages/kit.html")
    ucs.wait_for_state("CREDENTIALS")
    return page


def test_wired_to_the_bridge_the_page_starts(kit, ucs):
    assert ucs.state == "CREDENTIALS"
    kit.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")
    ready = ucs.sign_in()
    assert ready["state"] == "READY" and ucs.state == "READY"
    kit.wait_for_function("bridge.snapshot.state === 'READY'")
    assert [a.method for a in ucs.asked()] == ["login", "selectIdentifier", "provision"]
    assert ucs.asked("login")[0] == Asked("login", ["agent", "demo"], "CREDENTIALS")
    assert ucs.user["status"] == "READY"


def test_only_the_top_page_gets_the_component(kit):
    assert kit.evaluate("typeof window.ucsOperator") == "object"
    assert kit.frame(name="child").evaluate("typeof window.ucsOperator + typeof window.UcsSimulator") == "undefinedundefined"


def test_reading_what_the_component_was_asked(kit, ucs):
    ucs.sign_in()
    assert settle(kit, "bridge.dial('0800123456', 7)")["ok"]
    ucs.assert_called("dial", "0800123456", 7)
    assert ucs.calls_to("dial") == [["0800123456", 7]]
    with pytest.raises(AssertionError, match=r"ucsOperator.dial\('0800123456', 5\) was not called; "
                                             r"dial was called with: \[\(\['0800123456', 7\], None\)\]"):
        ucs.assert_called("dial", "0800123456", 5)
    with pytest.raises(AssertionError, match="ucsOperator.dial was called"):
        ucs.assert_not_called("dial")
    ucs.assert_not_called("hangup")
    with pytest.raises(KeyError, match="no component method 'dail'"):
        ucs.asked("dail")


def test_the_far_side_and_the_agent_status(kit, ucs):
    ucs.sign_in()
    call = ucs.ring_incoming("0800999000", name="Caller", data={"crm_id": "C-7"}, queue=5)
    assert call["direction"] == "INCOMING" and call["data"] == {"crm_id": "C-7"}
    kit.wait_for_function("bridge.snapshot.calls.length === 1")
    assert settle(kit, "bridge.answer()")["ok"]
    ucs.remote_hangup()
    assert ucs.calls == [] and ucs.history[0]["cause"] == 3
    kit.wait_for_function("bridge.snapshot.calls.length === 0")

    assert settle(kit, "bridge.dial('0800123456')")["ok"]
    ucs.remote_answer()
    assert ucs.calls[0]["state"] == 3
    ucs.remote_hangup(cause=1)
    assert ucs.history[-1]["cause"] == 1

    ucs.push_status("AUX", "Meeting")
    kit.wait_for_function("bridge.snapshot.status === 'AUX'")
    assert ucs.user["status"] == "AUX"


def test_the_component_throws_hangs_and_disappears(kit, ucs):
    ucs.sign_in()
    ucs.fail_next("tribute", "No call to hold")
    assert settle(kit, "bridge.tribute()")["code"] == "OPERATOR_ERROR"
    ucs.fail_always("mute")
    assert settle(kit, "bridge.mute()")["code"] == "OPERATOR_ERROR"
    assert settle(kit, "bridge.mute()")["code"] == "OPERATOR_ERROR"
    ucs.hang("state")
    assert settle(kit, "bridge.state()")["code"] == "TIMEOUT"
    ucs.clear_failures()
    assert settle(kit, "bridge.state()")["ok"]
    ucs.remove()
    assert settle(kit, "bridge.dial('1')")["code"] == "OPERATOR_MISSING"


def test_refused_controls_say_why(kit, ucs):
    with pytest.raises(SimulatorError, match=r"^the agent's phone is not ready \(state CREDENTIALS\)$"):
        ucs.ring_incoming()
    with pytest.raises(SimulatorError, match='no ucsOperator method "dail"'):
        ucs.fail_next("dail")
    with pytest.raises(ValueError, match="state must be one of INIT, CREDENTIALS"):
        ucs.wait_for_state("ONLINE")


@pytest.mark.ucs(version="4.43.5", identifiers=["SIP/2001"])
def test_marker_options_reach_the_simulator(kit, ucs):
    ucs.sign_in()
    assert ucs.calls_to("selectIdentifier") == [["SIP/2001"]]
    assert kit.evaluate("typeof ucsOperator.setTheme") == "undefined"  # 6.18.0 method on a 4.43.5 component


@pytest.mark.ucs(wire="manual")
def test_manual_wiring(page, server, ucs):
    page.goto(f"{server}/pages/kit.html?start=no")
    page.evaluate("() => { window.bridge = AgentBridge.start(); }")
    ucs.timeout = 500
    with pytest.raises(SimulatorError, match="call ucs.install"):
        ucs.state  # noqa: B018 - reading it is the test
    ucs.install("bridge.callbacks")
    ucs.wait_for_state("CREDENTIALS")
    page.wait_for_function("bridge.snapshot.state === 'CREDENTIALS'")


def test_a_page_without_a_bridge_is_named(page, server, ucs):
    page.goto(f"{server}/pages/kit.html?start=no")
    ucs.timeout = 500
    with pytest.raises(SimulatorError, match=r"not in .*kit.html\?start=no: the page did not start a bridge"):
        ucs.state  # noqa: B018


def test_bad_driver_options_fail_before_any_page(page):
    with pytest.raises(ValueError, match="unknown simulator option"):
        UcsSimulator(page, {"sso_secret": "x"})
    with pytest.raises(ValueError, match="wire must be one of auto, manual"):
        UcsSimulator(page, wire="later")


# ---- The plugin in a CRM team's project ------------------------------------------------------

def crm_project(pytester):
    """The example CRM project, copied into a fresh folder outside this repository."""
    for name in ("conftest.py", "test_example_crm.py"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    shutil.copytree(EXAMPLE / "static", pytester.path / "static")


def test_plugin_runs_a_crm_project_of_its_own(pytester):
    crm_project(pytester)
    result = pytester.runpytest_subprocess(f"--agent-bridge-dist={DIST}", "-p", "no:cacheprovider", timeout=300)
    result.assert_outcomes(passed=3)


def test_plugin_says_when_the_build_is_missing(pytester):
    crm_project(pytester)
    result = pytester.runpytest_subprocess("-k", "click_to_dial", "-p", "no:cacheprovider", timeout=300)
    result.stdout.fnmatch_lines(["*no agent-bridge build in *dist*: build it (python build.py) or point*"])
    assert result.ret != 0


def test_plugin_launches_the_chromium_it_is_given(pytester, monkeypatch):
    crm_project(pytester)
    monkeypatch.setenv("AGENT_BRIDGE_CHROMIUM", "/nonexistent/chromium-for-the-kit")
    result = pytester.runpytest_subprocess(f"--agent-bridge-dist={DIST}", "-k", "click_to_dial",
                                           "-p", "no:cacheprovider", timeout=300)
    result.stdout.fnmatch_lines(["*/nonexistent/chromium-for-the-kit*"])
    assert result.ret != 0
    # The command-line option wins over the environment.
    monkeypatch.delenv("AGENT_BRIDGE_CHROMIUM")
    flagged = pytester.runpytest_subprocess(f"--agent-bridge-dist={DIST}", "--agent-bridge-chromium=/nowhere/else",
                                            "-k", "click_to_dial", "-p", "no:cacheprovider", timeout=300)
    flagged.stdout.fnmatch_lines(["*/nowhere/else*"])


def test_kit_page_loads_without_the_kit(page, server, errors):
    """kit.html alone has no component: the bridge says so (the fixture is what adds it)."""
    page.goto(f"{server}/pages/kit.html")
    page.wait_for_function("window.bridge && bridge.version", timeout=60_000)
    assert settle(page, "bridge.notify('x')")["code"] == "OPERATOR_MISSING"
    expect(page.locator("iframe")).to_have_count(1)
