"""SSO tokens for the UCS component's ``sso(username, token, provider)``.

The vendor's formula (shared/seeds/002_..., "sso")::

    token = base64_encode(sha1_hash(secret + username + timestamp) + username + timestamp)

where ``sha1_hash`` gives the 20 raw digest bytes, not hex. Strings are UTF-8 and the
timestamp is written as decimal Unix seconds (``"1700000000"``), or milliseconds for
deployments configured that way (``units="milliseconds"``).

Anyone holding the preshared secret can log in as anyone: tokens are minted on the CRM's
server only. This module runs the same on CPython (servers, the CLI) and in Pyodide, but the
browser bundle never holds a secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from dataclasses import dataclass

from ..errors import BridgeError

DIGEST_BYTES = 20  # SHA-1
UNITS = {"seconds": 1, "milliseconds": 1000}
MAX_USERNAME_BYTES = 255


class SsoTokenError(BridgeError, ValueError):
    """A token, secret or username that cannot be used; the message says why.

    Raised as it is for malformed input (garbage, bad arguments, no secret); the subclasses say
    which check a well-formed token failed. A :class:`~bridge.errors.BridgeError` with the code
    ``SSO_TOKEN_INVALID``, and still a ``ValueError`` so that callers written before the error
    tree (``except ValueError``) keep working.

    :ivar username: the username the token claims (unverified: a bad signature says nothing
        about who made it), or None where it cannot be read.
    :ivar timestamp: the timestamp the token claims, in its own units, or None likewise.
    """

    code = "SSO_TOKEN_INVALID"

    def __init__(self, message: str, *, username: str | None = None, timestamp: int | None = None):
        super().__init__(self.code, message)
        self.username = username
        self.timestamp = timestamp


class SsoTokenExpiredError(SsoTokenError):
    """The token's timestamp is outside its validity window: older than ``max_age``, or further
    in the future than ``max_skew`` allows."""


class SsoTokenSignatureError(SsoTokenError):
    """The digest does not match: another secret made the token, or it was altered."""


class SsoTokenUserError(SsoTokenError):
    """The token is for another user than the one it was presented for (``username`` is the
    token's own, when its tail reads as a username and a timestamp)."""


@dataclass(frozen=True)
class TokenContents:
    username: str
    timestamp: int  # in the token's own units


def _units(units: str) -> int:
    if units not in UNITS:
        raise SsoTokenError(f"units must be one of {', '.join(UNITS)}, not {units!r}")
    return UNITS[units]


def _text(value, what: str) -> bytes:
    if not isinstance(value, str):
        raise SsoTokenError(f"{what} must be text (str), not {type(value).__name__}")
    if not value:
        raise SsoTokenError(f"{what} must not be empty")
    return value.encode("utf-8")


def _digest(secret: bytes, username: bytes, stamp: bytes) -> bytes:
    return hashlib.sha1(secret + username + stamp).digest()


def make_token(secret: str, username: str, timestamp: int | None = None, *, units: str = "seconds") -> str:
    """The token for ``username`` at ``timestamp`` (now when omitted).

    :raises SsoTokenError: empty or non-text secret or username, a bad timestamp or units.
    """
    scale = _units(units)
    secret_bytes, user_bytes = _text(secret, "secret"), _text(username, "username")
    if len(user_bytes) > MAX_USERNAME_BYTES:
        raise SsoTokenError(f"username must be at most {MAX_USERNAME_BYTES} bytes of UTF-8")
    if timestamp is None:
        timestamp = int(time.time() * scale)
    if isinstance(timestamp, bool) or not isinstance(timestamp, int) or timestamp < 0:
        raise SsoTokenError(f"timestamp must be a non-negative integer of Unix {units}, not {timestamp!r}")
    stamp = str(timestamp).encode("ascii")
    return base64.b64encode(_digest(secret_bytes, user_bytes, stamp) + user_bytes + stamp).decode("ascii")


def _decode(token) -> bytes:
    if not isinstance(token, str) or not token:
        raise SsoTokenError("token must be non-empty text")
    try:
        raw = base64.b64decode(token.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise SsoTokenError("token is not base64") from None
    if len(raw) <= DIGEST_BYTES:
        raise SsoTokenError("token is too short to hold a digest, a username and a timestamp")
    return raw


def read_token(token: str, username: str | None = None, *, units: str = "seconds") -> TokenContents:
    """The username and timestamp a token carries (unverified: see :func:`verify_token`).

    The formula puts no separator between username and timestamp. With ``username`` given, the
    rest is the timestamp. Without it, the timestamp is read as the trailing 10 digits for
    seconds (Unix time from 2001 to 2286) or 13 for milliseconds.

    :raises SsoTokenUserError: with ``username`` given, the token is for another user.
    :raises SsoTokenError: garbage, or a token whose tail does not read as username + timestamp.
    """
    width = {"seconds": 10, "milliseconds": 13}[units] if units in UNITS else _units(units)
    tail = _decode(token)[DIGEST_BYTES:]
    if username is not None:
        prefix = _text(username, "username")
        if not tail.startswith(prefix):
            try:
                carried = read_token(token, units=units)
                claimed = {"username": carried.username, "timestamp": carried.timestamp}
            except SsoTokenError:
                claimed = {}
            raise SsoTokenUserError("token is for another user", **claimed)
        stamp = tail[len(prefix):]
    else:
        stamp = tail[-width:]
        prefix = tail[:-width]
    if not stamp.isdigit() or not prefix:
        raise SsoTokenError("token does not end in a username and a timestamp")
    try:
        name = prefix.decode("utf-8")
    except UnicodeDecodeError:
        raise SsoTokenError("token's username is not UTF-8") from None
    return TokenContents(name, int(stamp))


def verify_token(token: str, secret: str, username: str, *, max_age: int = 300, max_skew: int = 30,
                 units: str = "seconds", now: float | None = None) -> TokenContents:
    """Check a token for ``username``: signature (constant-time), age and clock skew.

    :param max_age: seconds a token stays valid after its timestamp.
    :param max_skew: seconds a timestamp may lie in the future (clocks differ).
    :param now: the current Unix time in seconds (for tests); the clock when omitted.
    :raises SsoTokenUserError: the token is for another user.
    :raises SsoTokenSignatureError: wrong secret, or tampering.
    :raises SsoTokenExpiredError: expired, or from the future beyond ``max_skew``.
    :raises SsoTokenError: garbage (the base class of the three above).
    """
    scale = _units(units)
    contents = read_token(token, username, units=units)
    raw = _decode(token)
    stamp = raw[DIGEST_BYTES + len(username.encode("utf-8")):]
    expected = _digest(_text(secret, "secret"), username.encode("utf-8"), stamp)
    claimed = {"username": contents.username, "timestamp": contents.timestamp}
    if not hmac.compare_digest(raw[:DIGEST_BYTES], expected):
        raise SsoTokenSignatureError("token signature does not match (wrong secret, or the token was altered)",
                                     **claimed)
    current = time.time() if now is None else now
    age = current - contents.timestamp / scale
    if age > max_age:
        raise SsoTokenExpiredError(f"token expired {age - max_age:.0f} s ago", **claimed)
    if -age > max_skew:
        raise SsoTokenExpiredError(f"token is {-age:.0f} s in the future (clock skew over {max_skew} s)", **claimed)
    return contents
