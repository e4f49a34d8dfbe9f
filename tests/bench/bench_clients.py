"""Benchmark of the UCS REST client against the UCS fake on loopback: one table.

The fake (``bridge.testing.fakes.ucs.UcsFake``) runs in a child process, served on 127.0.0.1 by
``bridge.testing.fakes.serve`` (HTTP/1.1 keep-alive), so its work does not share this process's
GIL or tracemalloc with the client measured.

(a) Listing every person of a fake with 27,000 synthetic ones (plus the seed's few), pages of
    500: ``UcsClient.iter_persons`` against a plain ``httpx2.Client`` loop making the same
    requests (login, then the same GETs) and the same JSON parsing. Target: ratio <= 1.10x.
(b) ``AsyncUcsClient.iter_persons(concurrency=8)`` against the same client with concurrency=1,
    the fake answering each request ``--delay`` ms late (its ``slow`` knob): a real server's
    latency is what concurrency hides. Target: >= 3x faster.
(c) ``python -m bridge ucs sync-persons`` of 5,000 rows (external_id, group_id, displayname,
    firstname, lastname, phone, email) into the fake with 27,000 persons: the first run creates
    every row, the second finds every row unchanged; rows per second. ``--lookup auto`` (the index here); the second run also with ``--lookup each``.
(d) Peak memory (tracemalloc, this process) while iterating every person with ``UcsClient``,
    at 2,700 and 27,000 persons. Target: the peak does not grow with the total.

Medians over ``--runs`` runs (default 5; (c) at most 3: each needs a fresh fake). A report,
not a test: no target fails the script.

    .venv/bin/python tests/bench/bench_clients.py [--runs 5] [--delay 20]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402
from bench_support import print_table, served_by_child, timed  # noqa: E402

from bridge.__main__ import main as bridge_main  # noqa: E402
from bridge.clients.ucs import AsyncUcsClient, UcsClient  # noqa: E402

CLIENT_ID, SECRET = "bench", "bench-secret-not-real"
PAGE = 500

# The child: a fake with N persons, optionally slow, served until its stdin closes.
CHILD = """
import sys
from bridge.testing.fakes import serve
from bridge.testing.fakes.ucs import UcsFake
# serve.py writes an answer's headers and body in two sends: with Nagle on, each small answer
# waits for the client's delayed ACK (~40 ms a request). Off until serve.py sends one write.
serve._Handler.disable_nagle_algorithm = True
persons, delay = int(sys.argv[1]), float(sys.argv[2])
fake = UcsFake(client_id=sys.argv[3], client_secret=sys.argv[4], persons=persons)
if delay:
    fake.slow(delay)
with fake.serve() as url:
    print(url, len(fake.persons), flush=True)
    sys.stdin.read()
"""


@contextlib.contextmanager
def fake(persons: int, delay: float = 0.0):
    """(base URL, how many persons it holds) of a fake served by a child process."""
    with served_by_child(CHILD, str(persons), str(delay), CLIENT_ID, SECRET) as (url, total):
        yield url, int(total)


def client(url: str) -> UcsClient:
    return UcsClient(url, client_id=CLIENT_ID, client_secret=SECRET)


def list_with_client(url: str) -> int:
    with client(url) as ucs:
        return sum(1 for _ in ucs.iter_persons(PAGE))


def list_with_httpx(url: str) -> int:
    # The same requests as the client: one login, then pages of PAGE until one is short.
    with httpx2.Client(follow_redirects=False, trust_env=False) as http:
        token = http.post(f"{url}/login/oauth2/token", json={"client_id": CLIENT_ID, "client_secret": SECRET,
                                                              "grant_type": "client_credentials"}).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        count, offset = 0, 0
        while True:
            body = http.get(f"{url}/api/v1.0/crm/persons", params={"limit": PAGE, "offset": offset},
                            headers=headers).json()
            if body.get("success") is not True:
                raise RuntimeError(body)
            items = body["data"]
            for _ in items:
                count += 1
            offset += len(items)
            if len(items) < PAGE or offset >= body["total"]:
                return count


def list_async(url: str, concurrency: int) -> int:
    async def run():
        async with AsyncUcsClient(url, client_id=CLIENT_ID, client_secret=SECRET) as ucs:
            count = 0
            async for _ in ucs.iter_persons(PAGE, concurrency=concurrency):
                count += 1
            return count
    return asyncio.run(run())


def peak_memory(url: str) -> tuple[int, int]:
    """(persons seen, peak bytes) while one UcsClient iterates every person."""
    with client(url) as ucs:
        ucs.status()  # logged in, the connection pool warm: what is left to measure is the iteration
        tracemalloc.start()
        try:
            seen = sum(1 for _ in ucs.iter_persons(PAGE))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return seen, peak


def sync_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("external_id,group_id,displayname,firstname,lastname,phone,email\n")
        for n in range(rows):
            out.write(f"crm-{n},1,Novák{n} Jan,Jan,Novák{n},+420600{n:06d},jan{n}@example.cz\n")


def sync_run(url: str, path: Path, lookup: str = "auto") -> tuple[float, str]:
    env = {"UCS_URL": url, "UCS_CLIENT_ID": CLIENT_ID, "UCS_CLIENT_SECRET": SECRET}
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            seconds, code = timed(lambda: bridge_main(["ucs", "sync-persons", str(path), "--lookup", lookup]))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    if code != 0:
        raise RuntimeError(f"sync-persons exit {code}: {out.getvalue()}")
    return seconds, out.getvalue().splitlines()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--delay", type=float, default=20.0, help="ms the fake waits per request in (b)")
    parser.add_argument("--rows", type=int, default=5000, help="rows of the sync-persons file in (c)")
    args = parser.parse_args()
    table: list[tuple[str, str, str, str]] = []

    with fake(27_000) as (url, total):
        list_with_client(url), list_with_httpx(url)  # warm up: imports, the fake's first pages
        ours, plain = [], []
        for _ in range(args.runs):
            for function, times in ((list_with_client, ours), (list_with_httpx, plain)):
                seconds, count = timed(lambda: function(url))
                assert count == total, (count, total)
                times.append(seconds)
        ratio = median([a / b for a, b in zip(ours, plain)])
        table += [(f"(a) list {total:,} persons, UcsClient.iter_persons", f"{median(ours) * 1000:.0f} ms", "", ""),
                  (f"(a) list {total:,} persons, plain httpx2 loop", f"{median(plain) * 1000:.0f} ms", "", ""),
                  ("(a) ratio client / plain", f"{ratio:.3f}x", "<= 1.10x", "yes" if ratio <= 1.10 else "NO")]

    with fake(27_000, delay=args.delay / 1000) as (url, total):
        eight, one = [], []
        for _ in range(max(1, min(args.runs, 3))):
            for concurrency, times in ((8, eight), (1, one)):
                seconds, count = timed(lambda: list_async(url, concurrency))
                assert count == total
                times.append(seconds)
        speedup = median([b / a for a, b in zip(eight, one)])
        note = f"fake answers {args.delay:.0f} ms late"
        table += [(f"(b) async, concurrency=1 ({note})", f"{median(one) * 1000:.0f} ms", "", ""),
                  (f"(b) async, concurrency=8 ({note})", f"{median(eight) * 1000:.0f} ms", "", ""),
                  ("(b) speed-up 8 vs 1", f"{speedup:.2f}x", ">= 3x", "yes" if speedup >= 3 else "NO")]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crm.csv"
        sync_file(path, args.rows)
        first, second, each, summaries = [], [], [], {}
        for _ in range(max(1, min(args.runs, 3))):
            with fake(27_000) as (url, _):
                for times, lookup, label in ((first, "auto", "first"), (second, "auto", "second"),
                                             (each, "each", "each")):
                    seconds, summary = sync_run(url, path, lookup)
                    times.append(seconds)
                    summaries[label] = summary
        for label, times, what in (("first", first, "first run (creates; --lookup auto: index)"),
                                   ("second", second, "second run (unchanged; --lookup auto: index)"),
                                   ("each", each, "second run again with --lookup each")):
            table.append((f"(c) sync-persons {args.rows:,} rows, {what}",
                          f"{args.rows / median(times):,.0f} rows/s", "", summaries[label]))

    peaks = {}
    for persons in (2_700, 27_000):
        with fake(persons) as (url, total):
            results = [peak_memory(url) for _ in range(max(1, min(args.runs, 3)))]
            assert all(seen == total for seen, _ in results)
            peaks[persons] = median([peak for _, peak in results])
            table.append((f"(d) peak memory iterating {total:,} persons", f"{peaks[persons] / 1024:,.0f} KiB", "", ""))
    growth = peaks[27_000] / peaks[2_700]
    table.append(("(d) peak 27,000 / peak 2,700", f"{growth:.2f}x", "no growth (~1x)", "yes" if growth < 1.5 else "NO"))

    print_table(table)
    print(f"\n{args.runs} runs ((b), (c), (d): at most 3), pages of {PAGE}, fake in a child process on 127.0.0.1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
