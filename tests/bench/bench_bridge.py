"""Benchmark of agent-bridge in Chromium: one table, from one run.

What is measured, and how (pages in tests/bench/pages/, served with dist/ by
bridge/dev/server.py on 127.0.0.1, every response with COOP: same-origin and COEP:
require-corp so the pages are cross-origin isolated and ``performance.now()`` has 5 µs
resolution instead of 100 µs; the script checks ``crossOriginIsolated`` and prints it):

1. Main-thread blocking while the bridge starts, from ``AgentBridge.start()`` to ``ready``:
   the longest gap between the ticks of a 10 ms ``setInterval`` heartbeat, the number of
   gaps over 50 ms, and the longest ``longtask`` PerformanceObserver entry (the observer
   under-reports on warm loads, hence the heartbeat). Target: no gap over 50 ms.
2. Time to ready: the bridge (``AgentBridge.start()`` -> ``bridge.ready`` resolved) against a
   bare Pyodide boot in a module worker (``new Worker()`` -> the worker's message after
   ``await loadPyodide({indexURL: "/dist/pyodide/"})``; tests/bench/pages/bare-worker.mjs).
   Cold = a fresh Chromium profile on disk (empty HTTP cache, no code caches); warm = the
   same page navigated to again in that browser (the server sends ``Cache-Control:
   no-cache``, so every file is revalidated: 304s, then bodies and V8/wasm code caches from
   the first load). See Bench._open for why not Playwright's ``new_context()``. The ratio
   is the median of the per-run ratios bridge/bare (each run boots both, back to back).
   Targets (issue 6, the bridge restoring its memory snapshot): <= 0.4x cold, <= 0.3x warm.
   Bare Pyodide is Pyodide as published: dist/'s Pyodide files (with their precompressed
   copies, served alike) and its whole standard library, from the pinned tarball in .cache/
   (dist/ has only the part the bridge uses), at /bare-pyodide/.
   Bytes on the wire (encoded bodies and headers, the worker's requests included) per boot,
   for both, cold and warm.
3. Call round trip page -> worker (Python validates and gates) -> page -> component ->
   promise resolved, for ``bridge.notify("x")`` with a stub component whose ``notify``
   returns 1: sequential (each call awaited), ``--calls`` calls after ``--warmup`` calls, on
   the warm page once the bridge is ready. Targets p50 <= 0.5 ms, p99 <= 2 ms. For reference
   the same on a plain postMessage echo to the bare worker (the floor for any worker
   bridge) and with ``runtime: "main"`` (Python on the page's thread).
4. ``dist/agent-bridge.js`` size, raw and gzip (Python's gzip, level 9). Target <= 8 KB gzip.

Every figure is the median over ``--runs`` runs (default 5), and "met?" judges the median;
for the main-thread figures the worst run is shown too. Within a run every variant
runs once (bridge in a worker, bare Pyodide, bridge with ``runtime: "main"``, and the
two instrumented phase runs), each in its own fresh browser, in an order rotated from run to
run, so machine noise hits all variants alike. Each boot starts on an idle page (loaded,
then 300 ms of nothing).

The phase runs (cold and warm, like the others, but not part of the headline figures) start
the same workers with a prelude (pages/phases-prelude.mjs) that timestamps fetches,
WebAssembly compilation and loadPyodide(); the medians of the intervals between those marks
are printed below the table to show where the time to ready goes (every mark is in the
``--json`` file).

It is a report, not a test: it exits 0 when a target is missed, non-zero only when
something broke (a boot failed, a page threw, the browser could not start).

    .venv/bin/python tests/bench/bench_bridge.py [--runs 5] [--json FILE]

The browser is Debian's /usr/bin/chromium unless AGENT_BRIDGE_CHROMIUM names another.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
PAGES = Path(__file__).resolve().parent / "pages"
sys.path.insert(0, str(ROOT))

from bridge.dev.server import start_server  # noqa: E402 - needs ROOT on sys.path

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    # Without this Chromium itself still looks up update and account hosts.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# Cross-origin isolation: 5 µs performance.now() instead of 100 µs, for the round trips.
ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}
BOOT_TIMEOUT_MS = 90_000
SETTLE_MS = 300  # let the freshly loaded page go idle before a measured boot

TARGETS = {
    "max_gap_ms": 50.0,
    # Issue 6: the bridge (restoring its memory snapshot) against a bare Pyodide boot.
    "ready_ratio_cold": 0.4,
    "ready_ratio_warm": 0.3,
    "rt_p50_ms": 0.5,
    "rt_p99_ms": 2.0,
    "gzip_bytes": 8 * 1024,
}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Bench:
    """One server, one Chromium profile per variant-run; each method is one run of one variant."""

    def __init__(self, playwright, base: str, calls: int, warmup: int):
        self.playwright = playwright
        self.base = base
        self.calls = calls
        self.warmup = warmup
        self.chromium_version = None

    @contextlib.contextmanager
    def _open(self):
        """A fresh Chromium with a fresh profile on disk: cold, then warm on its second load.

        Not ``browser.new_context()``: that is an incognito-like profile whose in-memory HTTP
        cache does not keep the 9.6 MB pyodide.asm.wasm, so a "warm" load there downloads the
        wasm again and has no wasm code cache (measured: warm = cold). A profile on disk
        keeps both, as a user's browser does. A launch costs ~0.3 s, outside every timing.
        """
        executable = chromium_executable()
        with tempfile.TemporaryDirectory(prefix="agent-bridge-bench-") as profile:
            context = self.playwright.chromium.launch_persistent_context(
                profile, headless=True, args=CHROMIUM_ARGS,
                **({"executable_path": executable} if executable else {}))
            try:
                page = context.pages[0] if context.pages else context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))
                # Bytes on the wire (encoded bodies and headers) of every response, the
                # worker's included; _boot reads what one boot added.
                self.transferred = []
                context.on("requestfinished", lambda request: self.transferred.append(request))
                if self.chromium_version is None:
                    self.chromium_version = context.browser.version if context.browser else page.evaluate(
                        "navigator.userAgent.match(/Chrom\\w*\\/([\\d.]+)/)[1]")
                yield page, errors
            finally:
                context.close()

    def _load(self, page, page_name: str):
        page.goto(f"{self.base}/bench/{page_name}", wait_until="load")
        page.wait_for_timeout(SETTLE_MS)

    def _boot(self, page, errors, function: str, options: dict, since: int = 0) -> dict:
        """One measured boot; ``since``: how many finished requests (the page's load) came before
        it, so its ``bytes`` count the page load and the boot."""
        options = {"timeoutMs": BOOT_TIMEOUT_MS, **options}
        result = page.evaluate(f"options => {function}(options)", options)
        if errors:
            raise RuntimeError(f"{function}: uncaught error on the page: {errors[0]}")
        result["bytes"] = sum(_wire_bytes(request) for request in self.transferred[since:])
        return result

    def cold_and_warm(self, page_name: str, function: str, options: dict, calls: bool = True) -> dict:
        """Boot in a fresh context (cold), then load the page again and boot (warm).

        Round trips, if any, run on the warm page: by then the JIT and HTTP cache are as a
        long-lived CRM tab would have them.
        """
        with self._open() as (page, errors):
            self._load(page, page_name)
            cold = self._boot(page, errors, function, options)
            before = len(self.transferred)
            self._load(page, page_name)
            if calls:
                options = {**options, "calls": self.calls, "warmup": self.warmup}
            warm = self._boot(page, errors, function, options, since=before)
            return {"cold": cold, "warm": warm}

    def bridge(self) -> dict:
        return self.cold_and_warm("bridge.html", "benchBridge", {"runtime": "worker"})

    def bare(self) -> dict:
        return self.cold_and_warm("bare.html", "benchBare", {})

    def bridge_main(self) -> dict:
        return self.cold_and_warm("bridge.html", "benchBridge", {"runtime": "main"})

    def bridge_phases(self) -> dict:
        return self.cold_and_warm("bridge.html", "benchBridge", {"runtime": "worker", "phases": True}, calls=False)

    def bare_phases(self) -> dict:
        return self.cold_and_warm("bare.html", "benchBare", {"phases": True}, calls=False)


def chromium_executable() -> str | None:
    configured = os.environ.get("AGENT_BRIDGE_CHROMIUM")
    if configured:
        return configured
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None  # else Playwright's own


def published_pyodide(folder: Path) -> None:
    """Fill ``folder`` with Pyodide as published: dist/pyodide/ (copies: the server refuses
    links out of a folder) and the whole stdlib."""
    import shutil

    import build

    for path in (DIST / "pyodide").iterdir():
        shutil.copy2(path, folder / path.name)
    build.unpack_pyodide(build.fetch_pyodide(), folder, (build.PYODIDE_STDLIB,))


def _wire_bytes(request) -> int:
    """A response's bytes as sent: headers and encoded (compressed) body."""
    try:
        sizes = request.sizes()
    except Exception:  # noqa: BLE001 - a request of a closed context: no figure, not a failure
        return 0
    return max(sizes.get("responseBodySize", 0), 0) + max(sizes.get("responseHeadersSize", 0), 0)


def sizes() -> dict:
    raw = (DIST / "agent-bridge.js").read_bytes()
    runtime = (DIST / "runtime.mjs").read_bytes()
    return {
        "shim_raw": len(raw), "shim_gzip": len(gzip.compress(raw, compresslevel=9)),
        "runtime_raw": len(runtime), "runtime_gzip": len(gzip.compress(runtime, compresslevel=9)),
    }


# Where a boot's time goes, from the instrumented runs' marks (ms since start/new Worker()):
# each phase is the time between two marks, taken per run, then the median over runs. A tuple
# of marks is alternatives, the first present counting. Pyodide's instantiation of its wasm is
# "instantiateStreaming done" when Pyodide compiles it (bare), and the second "instantiate
# done" when the bridge's runtime compiled it beforehand (the first is a small module of
# Pyodide's own).
INSTANTIATED = ("worker: wasm instantiateStreaming done", "worker: wasm instantiate done #2")
PHASES = {
    "page: fetch runtime.mjs (integrity-checked)": ("page: AgentBridge.start()", "page: fetch runtime.mjs answered"),
    "start → worker script running": (None, "worker: prelude running"),
    "worker running → loadPyodide() called (Pyodide's JS fetched, imported)": (
        "worker: prelude running", "worker: loadPyodide called"),
    "(in parallel) worker running → bridge.snapshot downloaded and checked": (
        "worker: prelude running", "worker: fetch bridge.snapshot answered"),
    "(in parallel) worker running → wasm compiled (bridge: compiled as it downloads)": (
        "worker: prelude running", "worker: wasm compileStreaming done"),
    "loadPyodide() called → wasm instantiated (bridge: waits for the snapshot, inflated)": (
        "worker: loadPyodide called", INSTANTIATED),
    "wasm instantiated → loadPyodide() resolved (CPython and stdlib start, or the restore)": (
        INSTANTIATED, "worker: loadPyodide resolved"),
    "loadPyodide() resolved → ready posted (bridge: wheel, import bridge.component.wire, start)": (
        "worker: loadPyodide resolved", "worker: first message posted"),
    "ready posted → page has it": ("worker: first message posted", None),
    "total (instrumented)": (None, None),
}
END_MARKS = ("page: ready resolved", "page: ready message received")


def intervals(marks: dict) -> dict:
    """The PHASES of one instrumented boot; None where a mark is missing (or not applicable)."""
    end = next((marks[m] for m in END_MARKS if m in marks), None)
    def at(mark):
        names = mark if isinstance(mark, tuple) else (mark,)
        return next((marks[name] for name in names if name in marks), None)

    out = {}
    for name, (first, last) in PHASES.items():
        a = 0.0 if first is None else at(first)
        b = end if last is None else at(last)
        out[name] = None if a is None or b is None else b - a
    return out


def summarise(runs: list[dict]) -> dict:
    """Medians over the runs (and worst cases where a target is about every load)."""
    out: dict = {}
    for variant in ("bridge", "bare", "bridge_main"):
        for load in ("cold", "warm"):
            results = [run[variant][load] for run in runs]
            key = f"{variant}_{load}"
            out[f"{key}_ready_ms"] = median(r["ready"] for r in results)
            out[f"{key}_bytes"] = median(r["bytes"] for r in results)
            out[f"{key}_max_gap_ms"] = median(r["blocking"]["maxGap"] for r in results)
            out[f"{key}_max_gap_worst_ms"] = max(r["blocking"]["maxGap"] for r in results)
            out[f"{key}_gaps_over_50"] = median(r["blocking"]["gapsOver50"] for r in results)
            out[f"{key}_gaps_over_50_worst"] = max(r["blocking"]["gapsOver50"] for r in results)
            out[f"{key}_longest_task_ms"] = median(r["blocking"]["longestTask"] for r in results)
            out[f"{key}_longest_task_worst_ms"] = max(r["blocking"]["longestTask"] for r in results)
        for stat in ("p50", "p90", "p99", "max", "mean"):
            out[f"{variant}_rt_{stat}_ms"] = median(run[variant]["warm"]["roundTrip"][stat] for run in runs)
    for load in ("cold", "warm"):
        # Paired: each run booted both back to back, so its ratio cancels that run's noise.
        out[f"ready_ratio_{load}"] = median(
            run["bridge"][load]["ready"] / run["bare"][load]["ready"] for run in runs)
    out["isolated"] = all(
        run[v][load]["isolated"] for run in runs for v in ("bridge", "bare", "bridge_main") for load in ("cold", "warm"))
    out["longtask_supported"] = all(run["bridge"]["cold"]["blocking"]["longtaskSupported"] for run in runs)
    for variant in ("bridge_phases", "bare_phases"):
        for load in ("cold", "warm"):
            per_run = [intervals(run[variant][load]["phases"]) for run in runs]
            out[f"{variant}_{load}"] = {name: median(p.get(name) for p in per_run) for name in PHASES}
    return out


def ms(value, digits=0):
    return "n/a" if value is None else f"{value:,.{digits}f} ms"


def check(value, limit) -> str:
    return "n/a" if value is None else ("yes" if value <= limit else "**no**")


def table(s: dict, size: dict) -> str:
    rows = [("measure", "value", "target", "met?"), ("---", "---:", "---:", ":---:")]

    def add(measure, value, target="", met=""):
        rows.append((measure, value, target, met))

    for load in ("cold", "warm"):
        k = f"bridge_{load}"
        add(f"main thread, start → ready ({load}): longest heartbeat gap, median (worst)",
            f"{ms(s[k + '_max_gap_ms'], 1)} ({ms(s[k + '_max_gap_worst_ms'], 1)})",
            "≤ 50 ms", check(s[k + "_max_gap_ms"], TARGETS["max_gap_ms"]))
        add(f"main thread, start → ready ({load}): heartbeat gaps > 50 ms, median (worst)",
            f"{s[k + '_gaps_over_50']:g} ({s[k + '_gaps_over_50_worst']:g})", "0",
            check(s[k + "_gaps_over_50"], 0))
        add(f"main thread, start → ready ({load}): longest long task, median (worst)",
            f"{ms(s[k + '_longest_task_ms'])} ({ms(s[k + '_longest_task_worst_ms'])})"
            + ("" if s["longtask_supported"] else " (no longtask API)"), "none", check(s[k + "_longest_task_ms"], 0))
    for load in ("cold", "warm"):
        add(f"time to ready ({load}): bridge, start → ready", ms(s[f"bridge_{load}_ready_ms"]))
        add(f"time to ready ({load}): bare Pyodide in a module worker", ms(s[f"bare_{load}_ready_ms"]))
        ratio = s[f"ready_ratio_{load}"]
        limit = TARGETS[f"ready_ratio_{load}"]
        add(f"time to ready ({load}): ratio bridge / bare (median of per-run ratios)", f"{ratio:.2f}×",
            f"≤ {limit}×", check(ratio, limit))
    for load in ("cold", "warm"):
        bridge_bytes, bare_bytes = s[f"bridge_{load}_bytes"], s[f"bare_{load}_bytes"]
        what = "first visit (cold)" if load == "cold" else "returning (warm)"
        add(f"bytes downloaded, {what}: bridge / bare (page, scripts, wasm, stdlib, wheel)",
            f"{bridge_bytes:,.0f} B / {bare_bytes:,.0f} B ({bridge_bytes / bare_bytes:.2f}×)",
            "≤ 1.10×" if load == "cold" else "", check(bridge_bytes / bare_bytes, 1.10) if load == "cold" else "")
    add("round trip `bridge.notify(\"x\")`, worker: p50", ms(s["bridge_rt_p50_ms"], 3), "≤ 0.5 ms",
        check(s["bridge_rt_p50_ms"], TARGETS["rt_p50_ms"]))
    add("round trip `bridge.notify(\"x\")`, worker: p99", ms(s["bridge_rt_p99_ms"], 3), "≤ 2 ms",
        check(s["bridge_rt_p99_ms"], TARGETS["rt_p99_ms"]))
    add("`dist/agent-bridge.js` size, raw", f"{size['shim_raw']:,} B")
    add("`dist/agent-bridge.js` size, gzip -9", f"{size['shim_gzip']:,} B", "≤ 8,192 B",
        check(size["shim_gzip"], TARGETS["gzip_bytes"]))
    # Informative rows: no targets.
    add("(ref.) plain postMessage echo to the bare worker: p50 / p99",
        f"{ms(s['bare_rt_p50_ms'], 3)} / {ms(s['bare_rt_p99_ms'], 3)}")
    add("(ref.) round trip `bridge.notify(\"x\")`, runtime \"main\": p50 / p99",
        f"{ms(s['bridge_main_rt_p50_ms'], 3)} / {ms(s['bridge_main_rt_p99_ms'], 3)}")
    add("(ref.) runtime \"main\": time to ready cold / warm",
        f"{ms(s['bridge_main_cold_ready_ms'])} / {ms(s['bridge_main_warm_ready_ms'])}")
    add("(ref.) runtime \"main\": longest heartbeat gap cold / warm",
        f"{ms(s['bridge_main_cold_max_gap_ms'])} / {ms(s['bridge_main_warm_max_gap_ms'])}")
    add("(ref.) bare Pyodide worker: longest heartbeat gap cold / warm",
        f"{ms(s['bare_cold_max_gap_ms'], 1)} / {ms(s['bare_warm_max_gap_ms'], 1)}")
    add("(ref.) `dist/runtime.mjs` size raw / gzip -9", f"{size['runtime_raw']:,} B / {size['runtime_gzip']:,} B")
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows)


def phase_table(s: dict) -> str:
    lines = ["| where the time to ready goes (instrumented runs, median ms) | bridge cold | bare cold "
             "| bridge warm | bare warm |", "| --- | ---: | ---: | ---: | ---: |"]
    for name in PHASES:
        cells = [s[f"{v}_phases_{load}"][name] for load in ("cold", "warm") for v in ("bridge", "bare")]
        lines.append(f"| {name} | " + " | ".join("" if c is None else f"{c:,.0f}" for c in cells) + " |")
    lines.append("")
    lines.append("Bare: pyodide.mjs is a static import, so it is fetched before the worker script runs, and "
                 "pyodide.asm.mjs is imported inside loadPyodide(), overlapping the wasm download. The bridge's "
                 "runtime fetches both (integrity-checked) and imports them from blob: URLs, which the browser's "
                 "code cache does not serve, before calling loadPyodide(); the snapshot and the wasm download "
                 "and compile meanwhile.")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per variant (default 5); figures are medians")
    parser.add_argument("--calls", type=int, default=2000, help="timed notify() round trips per run (default 2000)")
    parser.add_argument("--warmup", type=int, default=200, help="untimed round trips first (default 200)")
    parser.add_argument("--json", type=Path, help="also write every figure (and the raw runs) to this file")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.calls < 1 or args.warmup < 0:
        parser.error("--runs and --calls must be >= 1, --warmup >= 0")
    if not (DIST / "agent-bridge.js").exists():
        print("dist/ is not built: run `.venv/bin/python build.py` first", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    size = sizes()
    bare_pyodide = tempfile.TemporaryDirectory(prefix="agent-bridge-bare-")
    published_pyodide(Path(bare_pyodide.name))
    server = start_server({"/dist/": DIST, "/bench/": PAGES, "/bare-pyodide/": bare_pyodide.name},
                          headers=ISOLATION_HEADERS)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            bench = Bench(playwright, base, args.calls, args.warmup)
            variants = ["bridge", "bare", "bridge_main", "bridge_phases", "bare_phases"]
            runs = []
            for i in range(args.runs):
                # Rotate the order so no variant always goes first (or always follows the
                # heavy main-thread boot).
                order = variants[i % len(variants):] + variants[:i % len(variants)]
                run = {variant: getattr(bench, variant)() for variant in order}
                runs.append(run)
                print(f"run {i + 1}/{args.runs}: ready cold/warm: bridge {run['bridge']['cold']['ready']:.0f}/"
                      f"{run['bridge']['warm']['ready']:.0f} ms, bare {run['bare']['cold']['ready']:.0f}/"
                      f"{run['bare']['warm']['ready']:.0f} ms; notify p50 {run['bridge']['warm']['roundTrip']['p50']:.3f} ms",
                      file=sys.stderr)
            version = bench.chromium_version
    finally:
        server.shutdown()
        server.server_close()
        bare_pyodide.cleanup()

    s = summarise(runs)
    elapsed = time.monotonic() - started
    print(table(s, size))
    print()
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.platform()}; "
          f"Chromium {version}; Pyodide {runs[0]['bare']['cold']['version']}; bridge {runs[0]['bridge']['cold']['version']}; "
          f"N = {args.runs} runs per variant (interleaved), {args.calls} round trips after {args.warmup} warm-up; "
          f"crossOriginIsolated = {str(s['isolated']).lower()}; took {elapsed:.0f} s.")
    if not s["isolated"]:
        print("WARNING: pages were not cross-origin isolated: performance.now() is coarse (100 µs).")
    print()
    print(phase_table(s))
    if args.json:
        args.json.write_text(json.dumps({
            "summary": s, "sizes": size, "targets": TARGETS, "runs": runs, "n": args.runs,
            "calls": args.calls, "warmup": args.warmup, "chromium": version, "cores": os.cpu_count(),
            "elapsed_s": elapsed,
        }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
