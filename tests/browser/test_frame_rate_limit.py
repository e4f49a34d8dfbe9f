"""config.frameRate, counted per origin on the page's main thread (web/page/rate-limit.js):
what is over the rate never crosses to the worker; the first message refused is answered
RATE_LIMITED, the rest are dropped; the limiter keeps a bounded number of origins."""

import pytest

from browser_helpers import add_frame, serve_web_modules, spy_on_the_worker, start_with_frames as start


@pytest.fixture
def modules(blank, server):
    serve_web_modules(blank, server)
    return blank


def test_a_bucket_of_twice_the_rate_refills_and_answers_once_per_refusal_run(modules):
    verdicts = modules.evaluate("""async () => {
        const { makeRateLimiter } = await import('/web/page/rate-limit.js');
        let now = 0;
        const limiter = makeRateLimiter(2, () => now), out = [];
        const check = (origin) => out.push(limiter.check(origin));
        for (let i = 0; i < 6; i++) check('https://a.com');
        check('https://b.com');           // another origin, its own bucket
        now += 499; check('https://a.com');
        now += 1; check('https://a.com'); check('https://a.com'); check('https://a.com');
        const tiny = makeRateLimiter(0.4, () => now);   // burst: at least one
        out.push(tiny.check('x'), tiny.check('x'));
        return out;
    }""")
    assert verdicts == ["admit"] * 4 + ["answer", "drop", "admit", "drop", "admit", "answer", "drop",
                                        "admit", "answer"]


def test_a_hundred_thousand_origins_leave_at_most_max_origins_buckets(modules):
    result = modules.evaluate("""async () => {
        const { MAX_ORIGINS, makeRateLimiter } = await import('/web/page/rate-limit.js');
        const limiter = makeRateLimiter(1, () => 0), sizes = [];
        limiter.check('https://kept.com'); limiter.check('https://kept.com');  // its bucket is empty
        for (let i = 0; i < 100000; i++) {
            limiter.check('https://' + i + '.example.com');
            if (i % (MAX_ORIGINS - 2) === 0) limiter.check('https://kept.com');  // used recently: kept
            if (i % 10000 === 0) sizes.push(limiter.size());
        }
        return { max: MAX_ORIGINS, largest: Math.max(...sizes, limiter.size()), kept: limiter.check('https://kept.com') };
    }""")
    assert result["max"] == 1000 and result["largest"] == result["max"]
    assert result["kept"] == "drop"  # still remembered as over its rate, not reset to a full bucket


def test_a_flood_from_a_listed_frame_stops_on_the_page(blank, other_origin, errors):
    spy_on_the_worker(blank)
    start(blank, f"[{{origin: '{other_origin}', allow: ['closeTab']}}]", ", frameRate: 1")
    form = add_frame(blank, f"{other_origin}/pages/form.html")
    form.evaluate("() => { for (let i = 0; i < 500; i++) window.parent.postMessage({action: 'CLOSE_TAB'}, '*'); }")
    blank.wait_for_function("crossed.filter((m) => m.t === 'frame').length >= 2")
    form.wait_for_function("replies.length >= 3")
    blank.wait_for_timeout(300)  # answers still on their way would only make the counts larger
    crossed = blank.evaluate("crossed.filter((m) => m.t === 'frame').length")
    codes = [r["data"].get("error", {}).get("code") for r in form.evaluate("replies")]
    # A burst of two, and at most one more if a token came back while the flood arrived.
    assert 2 <= crossed <= 3 and codes.count(None) == crossed
    # At most one answer per run of refusals: never more than the messages let through.
    assert 1 <= codes.count("RATE_LIMITED") <= crossed and len(codes) == crossed + codes.count("RATE_LIMITED")
    blank.wait_for_timeout(1100)  # a token back: the frame is heard again
    form.evaluate("() => window.parent.postMessage({action: 'CLOSE_TAB'}, '*')")
    form.wait_for_function(f"replies.length === {len(codes) + 1}")
    assert form.evaluate("replies.at(-1).data") == {"action": "CLOSE_TAB_RESULT", "ok": True}
    assert errors == []


def test_frame_sdk_calls_over_the_rate_one_answered_the_rest_time_out(blank, other_origin, server):
    start(blank, f"[{{origin: '{other_origin}', allow: ['notify']}}]", ", frameRate: 1")
    widget = add_frame(blank, f"{other_origin}/pages/sdk-form.html?parent={server}", "widget")
    codes = widget.evaluate("""async () => {
        const conn = await AgentBridgeFrame.connect({parentOrigin, callTimeout: 1500});
        const calls = Array.from({length: 8}, () => conn.notify('x').then(() => 'ok', (e) => e.code));
        return Promise.all(calls);
    }""")
    # The hello took one of the burst of two: the channel and the window count together.
    assert codes.count("RATE_LIMITED") == 1 and 1 <= codes.count("ok") <= 2
    assert codes.count("TIMEOUT") == 8 - 1 - codes.count("ok")
