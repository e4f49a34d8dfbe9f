"""What an option accepts, declared once: each kind checks a value in Python, describes itself
for the docs, and becomes a JSON schema that the one JavaScript checker reads.

The options themselves are declared in :mod:`bridge.component.options`. The page shim and the
frame SDK check every option the moment they are given (``AgentBridge.start(config)``,
``AgentBridgeFrame.connect(options)``) with ``web/shared/check-options.js``, which knows these
kinds and nothing else: a new kind is added here and there, never a hand-written check for one
option. Python checks ``stateGating``, ``frameRate`` and ``apiOrigins`` with these same kinds
(:meth:`Kind.check`); ``frames`` it reads with :func:`bridge.frames.rules.read_frame_rules`,
which shares the origin grammar (:attr:`Origin.PATTERN`) but writes its own checks of ``allow``
and ``events``. ``tests/data/config_cases.json`` runs through both checkers, so a disagreement
shows there.

Some kinds only exist in JavaScript (functions, RegExps): their Python check refuses anything,
since such a value can never reach Python.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from ..errors import invalid_argument

# setTimeout treats a delay above 2^31 - 1 ms (about 24.8 days) as 0: a "longer" timeout would fire at once.
MAX_TIMER_MS = 2**31 - 1


def _got(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):  # as the JavaScript checker writes it: one message, whichever side refused
        return json.dumps(value) if len(value) <= 40 else "a string"
    return "an array" if isinstance(value, list) else "an object"


class Kind:
    """A kind of option value."""

    def schema(self) -> dict:
        """The JSON the JavaScript checker reads. What it must be, in words, is given once per
        option or field (its ``describe``), not per node: the shim is what every page downloads."""
        raise NotImplementedError

    def check(self, value, where: str, describe: str | None = None):
        """The value, normalised, or :class:`BridgeError` ``INVALID_ARGUMENT`` naming ``where``."""
        raise NotImplementedError

    def describe(self) -> str:
        """What the value must be, as the error messages and the docs say it."""
        raise NotImplementedError

    def _refuse(self, value, where: str, describe: str | None):
        # A value inside a list or an object is named by its path and described by the option or
        # field that holds it, as web/shared/check-options.js does.
        raise invalid_argument(f"{where} must be {describe or self.describe()}; got {_got(value)}")


@dataclass(frozen=True)
class Boolean(Kind):
    def schema(self) -> dict:
        return {"kind": "boolean"}

    def check(self, value, where: str, describe: str | None = None):
        if not isinstance(value, bool):
            self._refuse(value, where, describe)
        return value

    def describe(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Number(Kind):
    """A number from ``min`` (or above it, when ``exclusive_min``) to ``max``; ``integer`` for whole ones."""

    min: float
    max: float
    integer: bool = False
    exclusive_min: bool = False
    unit: str = ""

    def schema(self) -> dict:
        return {"kind": "number", "min": self.min, "max": self.max, "integer": self.integer,
                "exclusiveMin": self.exclusive_min}

    def check(self, value, where: str, describe: str | None = None):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if ok and self.integer:
            ok = float(value).is_integer()
        if ok:
            ok = (value > self.min if self.exclusive_min else value >= self.min) and value <= self.max
        if not ok:
            self._refuse(value, where, describe)
        return int(value) if self.integer else value

    def describe(self) -> str:
        what = "an integer" if self.integer else "a number"
        span = (f"above {_number(self.min)} and at most {_number(self.max)}" if self.exclusive_min
                else f"from {_number(self.min)} to {_number(self.max)}")
        unit = f" ({self.unit})" if self.unit else ""
        return f"{what} {span}{unit}"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class Text(Kind):
    """A non-empty string (``url``: one that is a URL, relative to the page or absolute)."""

    url: bool = False
    same_origin: bool = False  # with url: on the page's own origin

    def schema(self) -> dict:
        return {"kind": "string", "url": self.url, "sameOrigin": self.same_origin}

    def check(self, value, where: str, describe: str | None = None):
        if not isinstance(value, str) or not value:
            self._refuse(value, where, describe)
        return value

    def describe(self) -> str:
        if self.url:
            return "a URL on this page's origin" if self.same_origin else "a URL (absolute, or relative to the page)"
        return "a non-empty string"


@dataclass(frozen=True)
class OneOf(Kind):
    values: tuple

    def schema(self) -> dict:
        return {"kind": "oneOf", "values": list(self.values)}

    def check(self, value, where: str, describe: str | None = None):
        if isinstance(value, bool) or value not in self.values:
            self._refuse(value, where, describe)
        return value

    def describe(self) -> str:
        names = [f'"{v}"' for v in self.values]
        return "one of " + ", ".join(names) if len(names) > 2 else " or ".join(names)


@dataclass(frozen=True)
class Origin(Kind):
    """An exact origin (``regexp``: or an anchored RegExp without flags), as ``event.origin``
    spells it: scheme and host in lower case, a port only when it is not the scheme's default."""

    regexp: bool = False
    opaque: bool = True  # "null", the origin of sandboxed frames, is allowed spelled out

    # scheme://host[:port], IPv6 in brackets: the one spelling of the origin grammar, read alike by
    # Python (bridge/frames/rules.py) and JavaScript (web/shared/check-options.js). Groups, by
    # number (JavaScript and Python name groups differently): 1 scheme, 2 host, 3 port.
    PATTERN = r"^(https?)://([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::([0-9]{1,5}))?$"

    def schema(self) -> dict:
        return {"kind": "origin", "pattern": self.PATTERN, "regexp": self.regexp, "opaque": self.opaque}

    def check(self, value, where: str, describe: str | None = None):
        # A RegExp never reaches Python as one (frames' patterns come as {"pattern": source}).
        if not isinstance(value, str) or not (re.fullmatch(self.PATTERN[1:-1], value) or (self.opaque and value == "null")):
            self._refuse(value, where, describe)
        return value

    def describe(self) -> str:
        what = "an origin like https://forms.example.com (scheme, host, optional port, nothing else)"
        if self.opaque:
            what += ', or "null"'
        if self.regexp:
            what += ", or a RegExp anchored with ^ and $ and no flags"
        return what


@dataclass(frozen=True)
class Function(Kind):
    signature: str = "a function"

    def schema(self) -> dict:
        return {"kind": "function"}

    def check(self, value, where: str, describe: str | None = None):
        self._refuse(value, where, describe)

    def describe(self) -> str:
        return self.signature


@dataclass(frozen=True)
class PageValue(Kind):
    """A value only the page has (an object of callbacks, a window): JavaScript checks it."""

    noun: str

    def schema(self) -> dict:
        return {"kind": "page"}

    def check(self, value, where: str, describe: str | None = None):
        self._refuse(value, where, describe)

    def describe(self) -> str:
        return self.noun


@dataclass(frozen=True)
class Data(Kind):
    """JSON data of one shape (``"object"`` or ``"array"``), checked further by whoever reads it."""

    noun: str
    shape: str = "object"

    def schema(self) -> dict:
        return {"kind": "data", "shape": self.shape}

    def check(self, value, where: str, describe: str | None = None):
        if not isinstance(value, dict if self.shape == "object" else list) or not value:
            self._refuse(value, where, describe)
        return value

    def describe(self) -> str:
        return self.noun


def _kind_of(value) -> str:
    """What a value is, never what it says: for values that may be secrets (request headers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


@dataclass(frozen=True)
class RequestHeaders(Kind):
    """An object of extra request headers, name -> value, for a ``fetch()`` the bridge makes
    (the SSO token request: a CSRF token). Values are CSRF tokens and the like: no message,
    here or in web/shared/check-options.js, ever says one (or any part of one); names are said.

    Refused names, compared in lower case:

    - the Fetch standard's forbidden request headers (fetch.spec.whatwg.org, "forbidden request-header"):
      the browser's own, which ``fetch()`` would drop without a word, so a page that "sets" them is
      wrong about what is sent;
    - ``X-HTTP-Method``, ``X-HTTP-Method-Override``, ``X-Method-Override``: the standard forbids them
      with a forbidden method; any method override would turn the bridge's POST into something else;
    - ``Content-*``: the body ("{}", JSON) is the bridge's, and so is what describes it
      (``Content-Type``, ``Content-Encoding``...).

    ``Authorization`` is allowed: the token URL is checked to be on the page's own origin, so it only
    reaches the CRM's own server, and a CRM whose session is a bearer token (not a cookie) needs it.

    Values: strings of printable ASCII and tabs (what a header value may portably carry: ``fetch()``
    throws at request time on characters above U+00FF and on CR, LF and NUL, which would fail every
    attempt) of at most ``max_length`` characters. An empty value is allowed (HTTP allows it): an empty
    CSRF token is the data of the moment (no cookie yet), not a mistake in the code, and refusing it
    would stop the whole bridge, where the endpoint's 403 fails the sign-on only and leaves password
    login. Header names are case-insensitive: one given twice in two spellings is refused (fetch
    would join the two values with a comma).
    """

    max_items: int = 16
    max_length: int = 4096

    # RFC 9110 5.1: field-name = token; tchar.
    NAME = r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$"
    VALUE = r"^[\t\x20-\x7e]*$"
    FORBIDDEN = ("accept-charset", "accept-encoding", "access-control-request-headers",
                 "access-control-request-method", "connection", "content-length", "cookie", "cookie2", "date",
                 "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te", "trailer",
                 "transfer-encoding", "upgrade", "via",
                 "x-http-method", "x-http-method-override", "x-method-override")
    FORBIDDEN_PREFIXES = ("proxy-", "sec-", "content-")

    def schema(self) -> dict:
        return {"kind": "headers", "maxItems": self.max_items, "maxLength": self.max_length, "name": self.NAME,
                "value": self.VALUE, "forbidden": list(self.FORBIDDEN), "forbiddenPrefixes": list(self.FORBIDDEN_PREFIXES)}

    def check(self, value, where: str, describe: str | None = None):
        # The messages are web/shared/check-options.js's (checkHeaders), word for word.
        describe = describe or self.describe()
        if not isinstance(value, dict):
            raise invalid_argument(f"{where} must be {describe}; got {_kind_of(value)}")
        if len(value) > self.max_items:
            raise invalid_argument(f"{where} must be {describe}; got {len(value)} headers")
        seen = set()
        out = {}
        for name, text in value.items():
            quoted = json.dumps(name, ensure_ascii=False) if len(name) <= 40 else "a name"
            if not re.fullmatch(self.NAME[1:-1], name):
                raise invalid_argument(f"{where}: {quoted} is not a header name (an HTTP token: letters, digits "
                                       "and !#$%&'*+-.^_`|~)")
            lower = name.lower()
            if lower in self.FORBIDDEN or lower.startswith(self.FORBIDDEN_PREFIXES):
                raise invalid_argument(f"{where}: {quoted} is not a header the page may set (the browser's or "
                                       "the bridge's own)")
            if lower in seen:
                raise invalid_argument(f"{where}: {quoted} is given twice (header names are case-insensitive)")
            seen.add(lower)
            at = f"{where}[{quoted}]"
            if not isinstance(text, str):
                raise invalid_argument(f"{at} must be a string; got {_kind_of(text)}")
            if len(text) > self.max_length:
                raise invalid_argument(f"{at} must be at most {self.max_length:,} characters; got {len(text):,}")
            if not re.fullmatch(self.VALUE[1:-1], text):
                raise invalid_argument(f"{at} must be printable ASCII (no CR, LF, NUL or other control "
                                       "characters); got a string that is not")
            out[name] = text
        return out

    def describe(self) -> str:
        return (f"an object of at most {self.max_items} request headers, name -> value: names HTTP tokens other "
                "than the browser's own and Content-* (Cookie, Origin, Host, Sec-*...), values strings of at "
                f"most {self.max_length:,} printable ASCII characters")


@dataclass(frozen=True)
class Nullable(Kind):
    of: Kind

    def schema(self) -> dict:
        return {"kind": "nullable", "of": self.of.schema()}

    def check(self, value, where: str, describe: str | None = None):
        return None if value is None else self.of.check(value, where, describe or self.describe())

    def describe(self) -> str:
        return f"{self.of.describe()}, or null"


@dataclass(frozen=True)
class ListOf(Kind):
    of: Kind
    max_items: int = 1000

    def schema(self) -> dict:
        return {"kind": "list", "of": self.of.schema(), "maxItems": self.max_items}

    def check(self, value, where: str, describe: str | None = None):
        if not isinstance(value, list) or len(value) > self.max_items:
            self._refuse(value, where, describe)
        return [self.of.check(item, f"{where}[{i}]", describe or self.describe()) for i, item in enumerate(value)]

    def describe(self) -> str:
        return f"a list (at most {self.max_items:,}) of {self.of.describe()}"


@dataclass(frozen=True)
class Field:
    """One field of a :class:`Record`: its kind, its default (``required``: no default), its doc."""

    name: str
    kind: Kind
    ts: str
    default: object = None
    doc: str = ""
    required: bool = False

    def schema(self) -> dict:
        return {"name": self.name, "kind": self.kind.schema(), "default": self.default, "required": self.required,
                "describe": self.kind.describe()}


@dataclass(frozen=True)
class Record(Kind):
    """A plain object with these fields and no others."""

    fields: tuple[Field, ...]
    noun: str = "an object"

    def schema(self) -> dict:
        return {"kind": "record", "fields": [f.schema() for f in self.fields]}

    def check(self, value, where: str, describe: str | None = None):
        if not isinstance(value, dict):
            self._refuse(value, where, describe)
        known = {f.name for f in self.fields}
        unknown = sorted(set(value) - known)
        if unknown:
            raise invalid_argument(f"unknown field of {where}: {json.dumps(unknown[0])} "
                                   f"(known: {', '.join(f.name for f in self.fields)})")
        out = {}
        for f in self.fields:
            if value.get(f.name) is None:
                if f.required:
                    raise invalid_argument(f"{where}.{f.name} is required: {f.kind.describe()}")
                out[f.name] = f.default
            else:
                out[f.name] = f.kind.check(value[f.name], f"{where}.{f.name}", f.kind.describe())
        return out

    def describe(self) -> str:
        required = [f.name for f in self.fields if f.required]
        return f"{self.noun} {{{', '.join(f.name for f in self.fields)}}}" + (
            f" ({', '.join(required)} required)" if required else "")


@dataclass(frozen=True)
class Option:
    """One option: its kind, its default (JSON data), the docs' words, and its TypeScript type."""

    name: str
    kind: Kind
    default: object
    doc: str
    ts: str
    default_doc: str = field(default="")
    required: bool = False

    def schema(self) -> dict:
        return {"name": self.name, "kind": self.kind.schema(), "default": self.default, "required": self.required,
                "describe": self.kind.describe()}

    @property
    def shown_default(self) -> str:
        if self.default_doc:
            return self.default_doc
        return json.dumps(self.default)
