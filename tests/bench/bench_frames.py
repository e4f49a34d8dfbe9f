"""Benchmark of CRM iframes talking to the bridge: one table, from one run.

Measured in Chromium with two real origins (the parent page on 127.0.0.1, the frame on
localhost, different ports), a stub component on the parent (``notify`` returns 1):

1. Frame SDK round trip frame -> parent (origin/source gate) -> worker (Python: rule,
   capability, validation, gating) -> parent -> component -> frame: ``conn.notify("x")``,
   sequential, ``--calls`` after ``--warmup``. Targets p50 <= 1.5 ms, p99 <= 5 ms.
2. For reference, the raw uContact path: a CLOSE_TAB posted to the parent window and its
   CLOSE_TAB_RESULT answer (the page's closeActiveTab is a no-op).
3. A flood: a listed frame posts ``--flood`` CLOSE_TAB messages as fast as its loop runs, at
   the default ``frameRate``; the parent's 10 ms heartbeat (from the first message posted until
   a ``notify()`` sent after the last one seen comes back, so the worker's answers are
   included) gives the longest main-thread gap. Target < 50 ms. Also: how many messages were
   carried out and how many answered RATE_LIMITED; and, for reference, the same flood to the
   page without a bridge: the browser's own cost of delivering the messages (message tasks
   queued before a timer's run before it), a floor no listener can go under.
4. ``dist/agent-bridge-frame.js`` size, raw and gzip -9. Target <= 3 KB gzip.

Each run is a fresh browser; medians over ``--runs`` runs of each run's p50 and p99.
performance.now() has 100 µs resolution in these (not cross-origin isolated) pages, so the
figures are multiples of 0.1 ms. A report, not a test: exit 0 when a target is missed.

    .venv/bin/python tests/bench/bench_frames.py [--runs 5] [--calls 2000] [--flood 5000]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from bridge.dev.server import start_server  # noqa: E402
from conftest import QUIET_CHROMIUM_ARGS, chromium_executable  # noqa: E402

DIST = ROOT / "dist"
PAGES = ROOT / "tests" / "bench" / "pages"


def start_parent(page, parent: str, child: str, config: str | None) -> None:
    """The bridge on the parent page (config: extra options as JS; None: no bridge at all)
    with a stub component, and the listed frame loaded."""
    page.goto(f"{parent}/bench/frame-parent.html")
    start = "" if config is None else f"""
        window.closeActiveTab = () => {{}};
        window.bridge = AgentBridge.start({{operator: () => ({{notify: () => 1}}), {config}
            frames: [{{origin: '{child}', allow: ['notify', 'closeTab']}}]}});
        await bridge.ready;"""
    page.evaluate(f"""async () => {{{start}
        const frame = document.createElement('iframe');
        frame.name = 'child';
        frame.src = '{child}/bench/frame-child.html';
        await new Promise((resolve) => {{ frame.onload = resolve; document.body.append(frame); }});
    }}""")


def fresh_page(browser, errors: list, parent: str, child: str, config: str | None):
    """A new page with start_parent done, every page before it closed."""
    for context in browser.contexts:
        context.close()
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    start_parent(page, parent, child, config)
    return page


def flood(page, child: str, count: int) -> dict:
    """``count`` messages from the frame, as fast as it can post them; the parent's longest gap."""
    page.evaluate(f"""() => {{
        window.seen = 0;
        addEventListener('message', (event) => {{ if (event.origin === '{child}') seen += 1; }});
        window.monitor = benchMonitor();
    }}""")
    frame = page.frame(name="child")
    posting = frame.evaluate("([parentOrigin, count]) => flood(parentOrigin, count)", [page.evaluate("location.origin"), count])
    blocking = page.evaluate(f"""async () => {{
        const deadline = performance.now() + 30000;
        while (seen < {count} && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        if (window.bridge) await bridge.notify('x');  // after every frame message the worker was sent
        return monitor.stop();
    }}""")
    answers = frame.evaluate("answers")
    return {"maxGap": blocking["maxGap"], "posting": posting, **answers}


def one_run(playwright, parent: str, child: str, calls: int, warmup: int, count: int) -> dict:
    executable = chromium_executable()
    browser = playwright.chromium.launch(args=QUIET_CHROMIUM_ARGS,
                                         **({"executable_path": executable} if executable else {}))
    try:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        start_parent(page, parent, child, "frameRate: 10000,")
        frame = page.frame(name="child")
        sdk = frame.evaluate("""async ([parentOrigin, warmup, calls]) => {
            const conn = await AgentBridgeFrame.connect({parentOrigin});
            return roundTrips(() => conn.notify('x'), warmup, calls);
        }""", [parent, warmup, calls])
        raw = frame.evaluate("""async ([parentOrigin, warmup, calls]) =>
            roundTrips(() => ucontactRoundTrip(parentOrigin), warmup, calls)""", [parent, warmup, calls // 4])
        # Each flood in a new page, the ones before it closed, so that neither inherits the work
        # of the page before (its bridge's worker, its listeners).
        flooded = flood(fresh_page(browser, errors, parent, child, ""), child, count)  # the default frameRate
        floor = flood(fresh_page(browser, errors, parent, child, None), child, count)
        if errors:
            raise RuntimeError(f"the page threw: {errors}")
        return {"sdk": sdk, "raw": raw, "flood": flooded, "floor": floor, "chromium": browser.version}
    finally:
        browser.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--flood", type=int, default=5000)
    args = parser.parse_args(argv)
    parent_server = start_server({"/dist/": DIST, "/bench/": PAGES})
    child_server = start_server({"/dist/": DIST, "/bench/": PAGES})
    parent = f"http://127.0.0.1:{parent_server.server_address[1]}"
    child = f"http://localhost:{child_server.server_address[1]}"
    started = time.monotonic()
    runs = []
    try:
        with sync_playwright() as playwright:
            for i in range(args.runs):
                runs.append(one_run(playwright, parent, child, args.calls, args.warmup, args.flood))
                print(f"run {i + 1}/{args.runs}: sdk p50 {runs[-1]['sdk']['p50']:.3f} ms, "
                      f"flood: longest gap {runs[-1]['flood']['maxGap']:.0f} ms", file=sys.stderr)
    finally:
        for server in (parent_server, child_server):
            server.shutdown()
            server.server_close()
    med = lambda path, key: statistics.median(r[path][key] for r in runs)  # noqa: E731
    sdk_raw = (DIST / "agent-bridge-frame.js").read_bytes()
    gz = len(gzip.compress(sdk_raw, compresslevel=9))
    rows = [
        ("frame SDK round trip `conn.notify(\"x\")` frame→parent→worker→component→frame: p50",
         f"{med('sdk', 'p50'):.2f} ms", "≤ 1.5 ms", med("sdk", "p50") <= 1.5),
        ("frame SDK round trip: p99", f"{med('sdk', 'p99'):.2f} ms", "≤ 5 ms", med("sdk", "p99") <= 5),
        ("(ref.) raw uContact CLOSE_TAB → CLOSE_TAB_RESULT: p50 / p99",
         f"{med('raw', 'p50'):.2f} ms / {med('raw', 'p99'):.2f} ms", "", None),
        (f"flood of {args.flood:,} messages from a listed frame: longest main-thread gap",
         f"{med('flood', 'maxGap'):.0f} ms", "< 50 ms", med("flood", "maxGap") < 50),
        ("(ref.) the same flood to the page without a bridge (a counting listener only): longest gap",
         f"{med('floor', 'maxGap'):.0f} ms", "", None),
        ("flood: carried out / answered RATE_LIMITED / unanswered",
         f"{med('flood', 'ok'):.0f} / {med('flood', 'refused'):.0f} / "
         f"{args.flood - med('flood', 'ok') - med('flood', 'refused'):.0f}", "", None),
        ("flood: the frame's posting loop", f"{med('flood', 'posting'):.0f} ms", "", None),
        ("`dist/agent-bridge-frame.js` size, raw", f"{len(sdk_raw):,} B", "", None),
        ("`dist/agent-bridge-frame.js` size, gzip -9", f"{gz:,} B", "≤ 3,072 B", gz <= 3072),
    ]
    print("| measure | value | target | met? |\n| --- | ---: | ---: | :---: |")
    for measure, value, target, met in rows:
        print(f"| {measure} | {value} | {target} | {'' if met is None else ('yes' if met else 'NO')} |")
    print(f"\nChromium {runs[0]['chromium']}; N = {args.runs} runs, {args.calls} SDK round trips "
          f"({args.calls // 4} raw) after {args.warmup} warm-up each; performance.now() at 100 µs "
          f"resolution; took {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
