"""The endpoint-coverage rule the REST clients' tests share (UCS, XUC, Udesk): every (method,
path) of a vendor's seed has an operation, and no operation is outside the seed. The pairs are a
file in tests/data/ (one ``METHOD /path`` a line, ``#`` comments); a placeholder in a path
(``{id}``, ``${USERNAME}``, ``<domain>``) stands for exactly one segment."""

from __future__ import annotations

import re
from pathlib import Path

from bridge.clients.calls import Call

DATA = Path(__file__).resolve().parents[2] / "data"
_PLACEHOLDER = re.compile(r"(\$?\{[^/{}]+\}|<[^/<>]+>)")


def seed_endpoints(name: str) -> set[tuple[str, str]]:
    """The (method, path) pairs of ``tests/data/<name>``."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return {tuple(line.split(" ", 1)) for line in lines if line and not line.startswith("#")}


def template_pattern(template: str) -> re.Pattern:
    parts = _PLACEHOLDER.split(template)
    return re.compile("".join("[^/]+" if _PLACEHOLDER.fullmatch(part) else re.escape(part) for part in parts))


def matches(call: Call, endpoint: tuple[str, str]) -> bool:
    method, template = endpoint
    return call.method == method and template_pattern(template).fullmatch(call.path) is not None


def missing(calls: dict[str, Call], endpoints: set[tuple[str, str]]) -> list[str]:
    """The seed's pairs no call matches."""
    return [f"{m} {p}" for m, p in sorted(endpoints) if not any(matches(c, (m, p)) for c in calls.values())]


def outside(calls: dict[str, Call], endpoints: set[tuple[str, str]]) -> dict[str, str]:
    """The calls (by name) that match none of the seed's pairs."""
    return {name: f"{call.method} {call.path}" for name, call in calls.items()
            if not any(matches(call, endpoint) for endpoint in endpoints)}
