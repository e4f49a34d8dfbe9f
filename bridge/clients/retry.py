"""When a failed attempt is tried again, and after how long.

Only an idempotent call is retried (:attr:`~.calls.Call.retryable`): a create is never replayed
blindly. The delay is capped exponential backoff with jitter (the shape of stripe-python's
``_http_client.py``), unless the server said how long with ``Retry-After``, which is honoured
up to ``max_retry_after`` (beyond that the error is raised at once: a client that sleeps for
an hour inside a request helps nobody).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from .errors import InvalidArgument
from .messages import Response

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# Delta-seconds are ASCII digits (RFC 9110, 10.2.3); str.isdigit() would take "²" too.
_DELTA_SECONDS = re.compile(r"[0-9]+")


def _is_seconds(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


@dataclass(frozen=True)
class RetryPolicy:
    """``retries`` further attempts at most; delays ``base`` * 2^n seconds, at most ``cap``."""

    retries: int = 3
    base: float = 0.25
    cap: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self):
        if isinstance(self.retries, bool) or not isinstance(self.retries, int) or not 0 <= self.retries <= 20:
            raise InvalidArgument("retries must be an integer from 0 to 20")
        if not all(_is_seconds(value) for value in (self.base, self.cap, self.max_retry_after)):
            raise InvalidArgument("base, cap and max_retry_after must be finite seconds, 0 or more")
        if self.base > self.cap:
            raise InvalidArgument("base must be at most cap")

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """The delay before retry number ``attempt`` (0 for the first): half fixed, half random,
        so concurrent clients that failed together do not come back together."""
        ceiling = min(self.cap, self.base * (2 ** attempt))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)

    def delay(self, attempt: int, response: Response | None, rng: random.Random) -> float | None:
        """Seconds to wait before retry ``attempt``, or None when no retry is due."""
        if attempt >= self.retries:
            return None
        wait = retry_after(response) if response is not None else None
        if wait is not None:
            return wait if wait <= self.max_retry_after else None
        return self.backoff(attempt, rng)


NO_RETRY = RetryPolicy(retries=0)


def retry_after(response: Response) -> float | None:
    """The ``Retry-After`` of ``response`` in seconds (delta-seconds or an HTTP date), or None."""
    value = (response.header("retry-after") or "").strip()
    if not value:
        return None
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
