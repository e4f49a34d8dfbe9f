"""config.debug: the console says why a frame message was dropped and which rules can never
match; without it the bridge says nothing, and the frame never learns why either way."""

from browser_helpers import add_frame, start_with_frames


def warnings(page):
    seen = []
    page.on("console", lambda message: seen.append(message.text) if message.type == "warning" else None)
    return seen


def wait_for(page, seen, text, timeout_ms=5000):
    for _ in range(timeout_ms // 50):
        if text in seen:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never said {text!r}; said {seen}")


def only_marker_reaches(page, form):
    """A barrier instead of a sleep: the parent posts a marker to the frame; messages from one
    window to another arrive in order, so any answer to the frame would have come first."""
    page.evaluate("() => frames[0].postMessage('marker', '*')")
    form.wait_for_function("replies.length >= 1")
    return [r["data"] for r in form.evaluate("replies")] == ["marker"]


def test_a_message_from_an_origin_with_no_rule_is_explained(blank, other_origin):
    seen = warnings(blank)
    start_with_frames(blank, "[{origin: 'https://forms.example.com', allow: ['closeTab']}]", ", debug: true")
    form = add_frame(blank, f"{other_origin}/pages/form.html")
    form.evaluate("() => window.parent.postMessage({action: 'CLOSE_TAB'}, '*')")
    wait_for(blank, seen, f"agent-bridge: dropped a message from {other_origin}: origin {other_origin} matched no rule "
                          "in config.frames")
    assert only_marker_reaches(blank, form)  # the frame is told nothing


def test_rules_that_can_never_match_are_named_at_start(blank):
    seen = warnings(blank)
    blank.evaluate("""() => { window.bridge = AgentBridge.start({debug: true, operator: () => ({}), frames: [
        {origin: /^https:\\/\\/[a-z]+\\.example\\.com$/, allow: ['dial']},
        {origin: 'https://forms.example.com', allow: ['closeTab']},
        {origin: 'https://quiet.example.net'},
    ]}); }""")
    assert "agent-bridge: config.frames[1] can never match: config.frames[0] matches https://forms.example.com first" in seen
    assert "agent-bridge: config.frames[2] allows nothing (no allow, no events)" in seen


def test_over_the_rate_is_said_once_per_burst(blank, other_origin):
    seen = warnings(blank)
    start_with_frames(blank, f"[{{origin: '{other_origin}', allow: ['closeTab']}}]", ", frameRate: 1, debug: true")
    blank.evaluate("() => { window.closeActiveTab = () => {}; }")
    form = add_frame(blank, f"{other_origin}/pages/form.html")
    form.evaluate("() => { for (let i = 0; i < 20; i++) window.parent.postMessage({action: 'CLOSE_TAB'}, '*'); }")
    form.wait_for_function("replies.some((r) => r.data.error && r.data.error.code === 'RATE_LIMITED')")
    over = [text for text in seen if "over config.frameRate" in text]
    assert len(over) == 1 and over[0].startswith(f"agent-bridge: dropped a message from {other_origin}")


def test_without_debug_the_console_stays_quiet(blank, other_origin):
    seen = warnings(blank)
    start_with_frames(blank, "[{origin: 'https://forms.example.com'}, {origin: 'https://forms.example.com', allow: ['dial']}]")
    form = add_frame(blank, f"{other_origin}/pages/form.html")
    form.evaluate("() => window.parent.postMessage({action: 'CLOSE_TAB'}, '*')")
    assert only_marker_reaches(blank, form)
    blank.evaluate("() => new Promise((resolve) => setTimeout(resolve))")  # a task after the message's
    assert [text for text in seen if text.startswith("agent-bridge:")] == []
