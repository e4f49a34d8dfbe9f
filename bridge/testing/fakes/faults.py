"""The fault knobs both fakes have: make the next requests fail, or answer slowly.

Each knob arms a rule that matches the next requests (all of them, or those whose path is
under ``path``, segment by segment: ``"/api/v1.0/crm"`` covers ``/api/v1.0/crm/persons`` but
not ``/api/v1.0/crmx``), for ``times`` requests or, with ``times=None``, until
:meth:`Faults.clear_faults`. Rules of one kind are used in the order they were armed. A CORS
preflight never uses a rule (the browser would spend the fault on it).

On every fake:

- ``fail_next(status, times=1, path=None, retry_after=None)``: answer with ``status`` (401,
  403, 429, a 5xx...) instead of handling the request, then handle requests again. With
  ``retry_after`` (seconds), the answer carries ``Retry-After``.
- ``slow(seconds, times=None, path=None)``: wait ``seconds`` before answering.
- ``expire_tokens()``: every credential issued so far stops working now (each fake says what
  that means for it).
- ``clear_faults()``: disarm every rule.

Each fake adds its own knobs on the same mechanism (UCS: ``fail_validation``; uContact:
``fail_login``, ``fail_end_session``).
"""

from __future__ import annotations

import abc
import threading
from dataclasses import dataclass
from typing import Any

# The kinds of rule every fake has; a fake's own knobs use kinds of their own.
FAILURE, DELAY = "failure", "delay"


def path_under(path: str, prefix: str) -> bool:
    """Whether ``prefix`` covers ``path``, on whole segments."""
    base = prefix.rstrip("/")
    return path == base or path.startswith(base + "/")


@dataclass(frozen=True)
class Failure:
    """What an armed ``fail_next`` answers."""

    status: int
    retry_after: int | None = None


@dataclass
class _Rule:
    value: Any
    times: int | None  # None: until cleared
    path: str | None

    def matches(self, path: str) -> bool:
        return self.path is None or path_under(path, self.path)


def _check_scope(times: int | None, path: str | None, *, forever: bool) -> None:
    if times is None:
        if not forever:
            raise ValueError("times must be a positive integer")
    elif isinstance(times, bool) or not isinstance(times, int) or times < 1:
        raise ValueError(f"times must be a positive integer{' or None' if forever else ''}; got {times!r}")
    if path is not None and (not isinstance(path, str) or not path.startswith("/")):
        raise ValueError(f"path must be None or a path starting with /; got {path!r}")


class Faults(abc.ABC):
    """The knobs, and the rules they arm (thread-safe: tests arm them while a server answers)."""

    def __init__(self) -> None:
        self._rules: dict[str, list[_Rule]] = {}
        self._rules_lock = threading.Lock()

    def fail_next(self, status: int, times: int = 1, *, path: str | None = None,
                  retry_after: int | None = None) -> None:
        """Answer the next ``times`` requests (under ``path``) with HTTP ``status``, then succeed.

        :param status: 400 to 599: 401 (a token the server no longer takes), 403, 429 (with
            ``retry_after``), 500, 502, 503...
        :param retry_after: whole seconds for the ``Retry-After`` header, or None for no header.
        """
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599); got {status!r}")
        if retry_after is not None and (isinstance(retry_after, bool) or not isinstance(retry_after, int)
                                        or retry_after < 0):
            raise ValueError(f"retry_after must be None or whole seconds >= 0; got {retry_after!r}")
        self._arm(FAILURE, Failure(status, retry_after), times, path)

    def slow(self, seconds: float, times: int | None = None, *, path: str | None = None) -> None:
        """Wait ``seconds`` before answering the next ``times`` requests (under ``path``);
        ``times=None``: every request until :meth:`clear_faults`. Concurrent requests wait side
        by side (the fake's state is not locked while they wait)."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds < 3600:
            raise ValueError(f"seconds must be a number from 0 to 3600; got {seconds!r}")
        self._arm(DELAY, float(seconds), times, path, forever=True)

    def clear_faults(self) -> None:
        """Disarm every rule (of every knob)."""
        with self._rules_lock:
            self._rules.clear()

    @abc.abstractmethod
    def expire_tokens(self) -> None:
        """Make every credential issued so far invalid, now."""

    def _arm(self, kind: str, value: Any, times: int | None, path: str | None, *, forever: bool = False) -> None:
        _check_scope(times, path, forever=forever)
        with self._rules_lock:
            self._rules.setdefault(kind, []).append(_Rule(value, times, path))

    def _take(self, kind: str, path: str) -> Any:
        """The value of the first rule of ``kind`` that matches ``path``, counting it used; None
        when no rule matches."""
        with self._rules_lock:
            rules = self._rules.get(kind, [])
            for index, rule in enumerate(rules):
                if rule.matches(path):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times == 0:
                            del rules[index]
                    return rule.value
        return None
