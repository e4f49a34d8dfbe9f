"""A bearer credential and when to renew it, without I/O.

The engines keep one :class:`TokenState` per client and make sure one login at a time runs for
it (a lock around the login in the sync engine, one shared future in the async one); this module
only answers "is this token still good to use?".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Renew this long before the server's expiry: a request sent just before it would fail, and the
# server's clock may run ahead of ours. A tenth of the lifetime, between 5 s and 5 min (a token of
# UCS's 3610 s is renewed after about 54 min).
MIN_MARGIN, MAX_MARGIN = 5.0, 300.0
# After a renewal the server could not make, seconds before the next try (while the token lasts).
RETRY_RENEWAL = 30.0


@dataclass(frozen=True, repr=False)
class Token:
    """``value`` is sent as is; ``lifetime`` is seconds from issue, or None when unknown;
    ``expires_at`` is the server's absolute expiry in seconds since the epoch (XUC's JWT carries
    ``expiresAt``), or None. With both, the earlier deadline wins. ``claims`` is what the vendor
    read from the token (XUC: the JWT's login, userType, acls), never sent anywhere."""

    value: str
    lifetime: float | None = None
    expires_at: float | None = None
    claims: Any = None

    def __repr__(self) -> str:
        return f"Token(<redacted>, lifetime={self.lifetime!r}, expires_at={self.expires_at!r})"


def renewal_margin(lifetime: float) -> float:
    return min(MAX_MARGIN, max(MIN_MARGIN, lifetime / 10), lifetime / 2)


class TokenState:
    """The current token of one client and when it was obtained (the engine's clock)."""

    def __init__(self):
        # (token, renew at, expires at) as one value: a thread reading it while another stores a
        # new login sees the old triple or the new one, never a new token with the old deadline.
        self._current: tuple[Token, float | None, float | None] | None = None  # (token, renew at, expires at)
        self.logins = 0  # how many logins this client made (tests and diagnostics count them)
        self.renewals = 0  # how many tokens were renewed without a login (Api.renew)

    @property
    def token(self) -> Token | None:
        current = self._current
        return None if current is None else current[0]

    def usable(self, stale: Token | None, now: float) -> Token | None:
        """The current token, unless there is none, it is ``stale`` (a request just met it
        refused), or it is due for renewal."""
        current = self._current
        if current is None:
            return None
        token, renew_at, _ = current
        if token is stale or (renew_at is not None and now >= renew_at):
            return None
        return token

    def store(self, token: Token, requested_at: float, *, wall_now: float | None = None,
              renewed: bool = False) -> None:
        """Keep ``token``, its lifetime counted from when its login was sent (the safe side).

        An absolute ``expires_at`` is turned into a lifetime with ``wall_now`` (the wall clock
        when the login was sent: the engine's own clock is monotonic, not the epoch's); the
        shorter of the two lifetimes decides. ``renewed``: counted as a renewal, not a login."""
        lifetime = token.lifetime
        if token.expires_at is not None and wall_now is not None:
            remaining = max(token.expires_at - wall_now, 0.0)
            lifetime = remaining if lifetime is None else min(lifetime, remaining)
        renew_at = None if lifetime is None else requested_at + lifetime - renewal_margin(lifetime)
        expires = None if lifetime is None else requested_at + lifetime
        current = self._current
        if renewed and current is not None and current[2] is not None and (
                token.value == current[0].value or expires is None or expires <= current[2]):
            # A renewal that gave back the same token, or one expiring no later: nothing was
            # renewed, and the old deadline still holds (trusting a new lifetime would carry the
            # client past the real expiry). Tried again a little later.
            self.postpone(requested_at)
            return
        self._current = (token, renew_at, expires)
        if renewed:
            self.renewals += 1
        else:
            self.logins += 1

    def valid(self, now: float) -> bool:
        """Whether the current token has not expired yet (due for renewal or not)."""
        current = self._current
        return current is not None and (current[2] is None or now < current[2])

    def postpone(self, now: float) -> None:
        """A renewal could not be made (the server failed for now): keep the current token and
        try again in a while (at most 30 s, and halfway to its expiry), so each call meanwhile
        does not wait for a renewal of its own."""
        current = self._current
        if current is None or current[2] is None:
            return
        token, _, expires = current
        self._current = (token, now + max(0.0, min(RETRY_RENEWAL, (expires - now) / 2)), expires)

    def forget(self) -> None:
        self._current = None
