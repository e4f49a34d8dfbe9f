"""What the REST clients' benchmarks share (bench_clients.py, bench_xuc.py, bench_udesk.py): a fake
served by a child process (so its work does not share the benchmark's GIL), timing, and the
printed table."""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ("measure", "median", "target", "met? / note")


@contextlib.contextmanager
def served_by_child(code: str, *args: str):
    """The fields of the first line ``code`` prints (its base URL first), run as a child
    process with ``args``; it is stopped by closing its stdin."""
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        yield child.stdout.readline().split()
    finally:
        child.stdin.close()
        child.wait(30)


def timed(function) -> tuple[float, object]:
    """(wall seconds, the result)."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def timed_with_cpu(function) -> tuple[float, float, int, object]:
    """(wall seconds, this process's CPU seconds, the garbage collections that ran, the result).
    The CPU time leaves a child's work out (the fake's): the client's own cost, steadier than the
    wall clock on a shared machine. The collections show what objects kept alive cost: each
    collection of the oldest generation walks the whole heap. A full collection first, untimed,
    so a run pays for its own garbage only, not for what the run before it left (which function
    triggers a full collection is otherwise down to the order they run in)."""
    gc.collect()
    collections = _collections()
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - start, time.process_time() - cpu, _collections() - collections, result


def _collections() -> int:
    return sum(generation["collections"] for generation in gc.get_stats())


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    """The rows under :data:`HEADER`, columns aligned."""
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(4)]
    for row in [HEADER, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
