"""The page's first check of a frame message means what Python's rule check means: the same
table of rules x origins (tests/data/frame_rules.json, also read by
tests/unit/frames/test_rule_table.py), and a lookalike origin refused on the page itself."""

import json

import pytest

from browser_helpers import ROOT, add_frame, serve_web_modules, spy_on_the_worker, start_with_frames as start

TABLE = json.loads((ROOT / "tests" / "data" / "frame_rules.json").read_text())
FORM = (ROOT / "tests" / "browser" / "pages" / "form.html").read_text()


@pytest.fixture
def modules(blank, server):
    serve_web_modules(blank, server)
    return blank


def test_the_pages_matcher_admits_exactly_what_the_table_says(modules):
    admitted = modules.evaluate("""async ([rows, origins]) => {
        const { readFrameRules } = await import('/web/page/frame-rules.js');
        return rows.map(({ rule }) => {
            const origin = rule.pattern !== undefined ? new RegExp(rule.pattern) : rule.origin;
            const { matchers: [matches] } = readFrameRules([{ origin }]);
            return origins.filter((o) => matches(o));
        });
    }""", [TABLE["rules"], TABLE["origins"]])
    assert admitted == [row["admits"] for row in TABLE["rules"]]


def crossings(page):
    """Frame messages the page posted to the runtime's worker."""
    return page.evaluate("crossed.filter((m) => m.t === 'frame').map((m) => m.origin)")


def test_a_lookalike_origin_stops_on_the_page_before_the_worker(blank):
    # Two routed https origins: the lookalike the pattern's first alternative used to find.
    for host in ("a.com.evil.net", "b.com"):
        blank.route(f"https://{host}/form.html", lambda route: route.fulfill(body=FORM, content_type="text/html"))
    spy_on_the_worker(blank)
    start(blank, r"[{origin: /^https:\/\/a\.com|https:\/\/b\.com$/, allow: ['closeTab']}]")
    evil = add_frame(blank, "https://a.com.evil.net/form.html", "evil")
    good = add_frame(blank, "https://b.com/form.html", "good")
    evil.evaluate("() => window.parent.postMessage({action: 'CLOSE_TAB'}, '*')")
    good.evaluate("() => window.parent.postMessage({action: 'CLOSE_TAB'}, '*')")
    # The allowed frame's answer is the barrier: the lookalike's message came first.
    good.wait_for_function("replies.length === 1")
    assert good.evaluate("replies[0].data") == {"action": "CLOSE_TAB_RESULT", "ok": True}
    assert crossings(blank) == ["https://b.com"]
    assert evil.evaluate("replies") == []
