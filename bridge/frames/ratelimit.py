"""How many messages one frame origin may send: a token bucket per origin."""

from __future__ import annotations

import time


class RateLimiter:
    """A token bucket per key: ``burst`` messages at once, refilled at ``rate`` per second."""

    def __init__(self, rate: float = 20.0, burst: int = 40, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True
