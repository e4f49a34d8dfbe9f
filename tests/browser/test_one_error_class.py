"""A page that loads agent-bridge.js and agent-bridge-frame.js (a CRM page that is itself framed)
gets one AgentBridgeError class: errors from both scripts are `instanceof` it."""

import pytest

# Errors from both scripts, each with what the page sees of it.
ERRORS = """async () => {
    const seen = (e) => ({name: e.name, code: e.code, message: e.message, method: e.method ?? null,
                          page: e instanceof AgentBridge.Error, frame: e instanceof AgentBridgeFrame.Error});
    const out = {};
    try { AgentBridge.start({nope: 1}); } catch (e) { out.pageThrown = seen(e); }
    const bridge = AgentBridge.start({baseUrl: "/dist/"});
    bridge.destroy();
    await bridge.dial("0800123456").catch((e) => { out.pageRejected = seen(e); });
    try { AgentBridgeFrame.connect({parentOrigin: "*"}); } catch (e) { out.frameThrown = seen(e); }
    // A top-level page is its own parent, and no bridge answers a hello from itself.
    await AgentBridgeFrame.connect({parentOrigin: location.origin, timeout: 300}).catch((e) => { out.frameRejected = seen(e); });
    return out;
}"""


def load(page, server, query):
    page.goto(f"{server}/pages/both-scripts.html?{query}")
    page.wait_for_function("window.AgentBridge !== undefined && window.AgentBridgeFrame !== undefined")


@pytest.mark.parametrize("order", ["page,frame", "frame,page"])
def test_both_scripts_share_one_error_class_whichever_loads_first(page, server, errors, order):
    load(page, server, f"order={order}")
    assert page.evaluate("AgentBridge.Error === AgentBridgeFrame.Error")
    seen = page.evaluate(ERRORS)
    # The config checkers' own words (tests/browser/test_config.py) are theirs to change.
    assert '"nope"' in seen["pageThrown"].pop("message") and "parentOrigin" in seen["frameThrown"].pop("message")
    both = {"name": "AgentBridgeError", "page": True, "frame": True}
    # A method's name leads the message once, as each script wrote it before they shared a class.
    assert seen == {
        "pageThrown": {**both, "code": "INVALID_ARGUMENT", "method": None},
        "pageRejected": {**both, "code": "DESTROYED", "message": "dial: the bridge was destroyed", "method": "dial"},
        "frameThrown": {**both, "code": "INVALID_ARGUMENT", "method": None},
        "frameRejected": {**both, "code": "CONNECTION_TIMEOUT", "method": None,
                          "message": f"no agent-bridge answered at {server} within 300 ms"},
    }
    assert errors == []


def test_a_class_already_registered_is_adopted_by_both(page, server, errors):
    # Stands in for a copy of either script, of another version with the same class contract, that ran first.
    load(page, server, "preset=class")
    assert page.evaluate("AgentBridge.Error === PresetError && AgentBridgeFrame.Error === PresetError")
    assert page.evaluate(ERRORS)["frameRejected"]["page"] is True
    assert errors == []


def test_a_value_under_the_key_that_is_no_error_class_is_replaced_not_adopted(page, server, errors):
    load(page, server, "preset=junk")
    assert page.evaluate("""() => AgentBridge.Error === AgentBridgeFrame.Error
        && AgentBridge.Error.prototype instanceof Error
        && globalThis[Symbol.for('agent-bridge.Error.v1')] === AgentBridge.Error""")
    assert errors == []
