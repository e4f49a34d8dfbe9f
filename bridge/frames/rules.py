"""Which iframes may talk to the bridge, and how much.

The page's shim checks every ``message`` event first (its origin matches a configured rule,
and its source is a frame of the page), then hands the data to the session with the index
of the rule that matched (and only when the origin is within ``frameRate``: the shim's
rate-limit.js counts, so that a flood stops on the page). This module holds the rules (checked
once, at start) and what each rule allows. By default no frame may do anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import invalid_argument
from ..component.optiontypes import Origin
from ..component.spec import METHODS_BY_NAME

# What a frame may be allowed beyond the component's own methods: the uContact actions.
FRAME_ACTIONS = ("dispositionCall", "closeTab")
CAPABILITIES = frozenset(METHODS_BY_NAME) | frozenset(FRAME_ACTIONS)

# scheme://host[:port], lower-case scheme and host, no path: what event.origin looks like.
_ORIGIN = re.compile(Origin.PATTERN)
_SCHEME, _PORT = 1, 3
# event.origin leaves out the scheme's default port: a rule that writes it never matches.
_DEFAULT_PORTS = {"https": "443", "http": "80"}
OPAQUE_ORIGIN = "null"  # sandboxed frames, data: and file: documents


@dataclass(frozen=True)
class FrameRule:
    """One allowed origin (exact, or an anchored regular expression) and what it may do."""

    origin: str
    pattern: re.Pattern | None
    allow: frozenset
    events: bool

    def matches(self, origin: str) -> bool:
        """The page's first check means the same (web/page/frame-rules.js): a pattern matches
        the whole origin, whatever alternatives it has (fullmatch, not search between ^ and $)."""
        if self.pattern is None:
            return origin == self.origin
        # A pattern never admits an opaque origin: "null" frames need a rule of their own.
        return origin != OPAQUE_ORIGIN and self.pattern.fullmatch(origin) is not None


def read_frame_rules(raw) -> tuple[FrameRule, ...]:
    """Check the ``frames`` config as the shim passes it on.

    Each entry: ``{"origin": "https://forms.example.com"}`` or ``{"pattern": "^https://...$"}``
    (the source of a JavaScript RegExp; it must be anchored at both ends), ``"allow"``: the
    capabilities (component method names, ``dispositionCall``, ``closeTab``), ``"events"``:
    whether the frame may receive events.

    :raises BridgeError: ``INVALID_ARGUMENT`` naming the entry.
    """
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise invalid_argument("config.frames must be a list")
    return tuple(_read_rule(entry, f"config.frames[{i}]") for i, entry in enumerate(raw))


def _read_rule(entry, where: str) -> FrameRule:
    if not isinstance(entry, dict) or set(entry) - {"origin", "pattern", "allow", "events"}:
        raise invalid_argument(f"{where} must be an object with origin (or pattern), allow and events")
    origin, source = entry.get("origin"), entry.get("pattern")
    if (origin is None) == (source is None):
        raise invalid_argument(f"{where} needs exactly one of origin and pattern")
    pattern = None
    if origin is not None:
        match = _ORIGIN.fullmatch(origin) if isinstance(origin, str) else None
        if origin != OPAQUE_ORIGIN and (match is None or int(match[_PORT] or 0) > 65535):
            raise invalid_argument(f"{where}.origin must be an origin like https://forms.example.com "
                                   f"(scheme, host, optional port, nothing else) or \"null\"; got {origin!r}")
        port = match[_PORT] if match else None
        if port is not None:
            plain = str(int(port))
            written = origin[:match.start(_PORT) - 1] + ("" if plain == _DEFAULT_PORTS[match[_SCHEME]] else f":{plain}")
            if written != origin:
                raise invalid_argument(f"{where}.origin {origin!r} can never match: a frame's origin is written "
                                       f"without its scheme's default port and without leading zeros; write {written!r}")
    else:
        if not isinstance(source, str) or not source.startswith("^") or not source.endswith("$") \
                or source.endswith("\\$"):
            raise invalid_argument(f"{where}.pattern must be anchored: start with ^ and end with $")
        try:
            pattern = re.compile(source[1:-1])
        except re.error as error:
            raise invalid_argument(f"{where}.pattern is not a valid regular expression: {error}") from None
        origin = source
    allow = entry.get("allow", [])
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise invalid_argument(f"{where}.allow must be a list of names")
    unknown = [a for a in allow if a not in CAPABILITIES]
    if unknown:
        raise invalid_argument(f"{where}.allow: unknown capability {unknown[0]!r}")
    events = entry.get("events", False)
    if not isinstance(events, bool):
        raise invalid_argument(f"{where}.events must be true or false")
    return FrameRule(origin, pattern, frozenset(allow), events)
