"""Value types for the component's parameters: each checks a value and describes itself.

A type is declared once in the spec (:mod:`bridge.component.spec`) and gives three things: the check
run before a call reaches the component, the TypeScript type in ``agent-bridge.d.ts``, and
the wording of the documentation table.

Values arrive as JSON data (from the page, through ``postMessage``), so a check only has to
deal with ``None``, ``bool``, ``int``, ``float``, ``str``, ``list`` and ``dict``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from ..errors import BridgeError, invalid_argument

# Keys that mean something to JavaScript's object model. Component code may merge data objects
# into its own (Object.assign, spread, lodash.merge): refusing these keys keeps message data
# from ever reaching a prototype (see Comlink #603 for what happens otherwise).
FORBIDDEN_KEYS = frozenset({"__proto__", "constructor", "prototype"})


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _ts_string(value: str) -> str:
    return json.dumps(value)


@dataclass(frozen=True)
class Text:
    """A string, optionally with a length range, a regular expression, or a set of choices."""

    min_length: int = 0
    max_length: int = 1000
    pattern: str | None = None
    pattern_hint: str = ""

    def check(self, value, where: str):
        if not isinstance(value, str):
            raise invalid_argument(f"{where} must be a string, got {_type_name(value)}")
        if len(value) < self.min_length:
            raise invalid_argument(
                f"{where} must not be empty" if self.min_length == 1
                else f"{where} must be at least {self.min_length} characters")
        if len(value) > self.max_length:
            raise invalid_argument(f"{where} must be at most {self.max_length} characters")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise invalid_argument(f"{where} {self.pattern_hint or 'has an invalid format'}: {value!r}")
        return value

    def ts(self) -> str:
        return "string"

    def describe(self) -> str:
        return "string"


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of strings (an enum of the component)."""

    values: tuple[str, ...]

    def check(self, value, where: str):
        if not isinstance(value, str) or value not in self.values:
            shown = repr(value) if isinstance(value, (str, int, float)) else _type_name(value)
            raise invalid_argument(f"{where} must be one of {', '.join(self.values)}; got {shown}")
        return value

    def ts(self) -> str:
        return " | ".join(_ts_string(v) for v in self.values)

    def describe(self) -> str:
        return " | ".join(f'"{v}"' for v in self.values)


@dataclass(frozen=True)
class Integer:
    """A whole number. JSON turns JavaScript's ``5.0`` into ``5``, so floats with no fraction pass."""

    # JavaScript counts integers exactly up to 2**53 - 1; beyond, the component would get a
    # different number than the caller wrote.
    minimum: int | None = -(2**53 - 1)
    maximum: int | None = 2**53 - 1

    def check(self, value, where: str):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise invalid_argument(f"{where} must be an integer, got {_type_name(value)}")
        if isinstance(value, float):
            if not math.isfinite(value) or not value.is_integer():
                raise invalid_argument(f"{where} must be an integer, got {value!r}")
            value = int(value)
        if self.minimum is not None and value < self.minimum:
            raise invalid_argument(f"{where} must be at least {self.minimum}, got {value}")
        if self.maximum is not None and value > self.maximum:
            raise invalid_argument(f"{where} must be at most {self.maximum}, got {value}")
        return value

    def ts(self) -> str:
        return "number"

    def describe(self) -> str:
        return "integer"


@dataclass(frozen=True)
class Boolean:
    def check(self, value, where: str):
        if not isinstance(value, bool):
            raise invalid_argument(f"{where} must be true or false, got {_type_name(value)}")
        return value

    def ts(self) -> str:
        return "boolean"

    def describe(self) -> str:
        return "boolean"


@dataclass(frozen=True)
class JsonObject:
    """A plain object of JSON data, bounded in size and depth, with no prototype-related keys."""

    max_bytes: int = 16_384
    max_depth: int = 8

    def check(self, value, where: str):
        if not isinstance(value, dict):
            raise invalid_argument(f"{where} must be an object, got {_type_name(value)}")
        self._walk(value, where, 0)
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if size > self.max_bytes:
            raise invalid_argument(f"{where} is {size} bytes of JSON; at most {self.max_bytes} are allowed")
        return value

    def _walk(self, value, where: str, depth: int):
        if depth > self.max_depth:
            raise invalid_argument(f"{where} is nested deeper than {self.max_depth} levels")
        if isinstance(value, dict):
            for key, item in value.items():
                if key in FORBIDDEN_KEYS:
                    raise invalid_argument(f"{where} must not contain the key {key!r}")
                self._walk(item, f"{where}.{key}", depth + 1)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._walk(item, f"{where}[{index}]", depth + 1)
        elif isinstance(value, float) and not math.isfinite(value):
            raise invalid_argument(f"{where} must be a finite number")

    def ts(self) -> str:
        return "Record<string, unknown>"

    def describe(self) -> str:
        return "object"


@dataclass(frozen=True)
class Literal:
    """Exactly one string value (used inside a union, e.g. the queue's ``"directCall"``)."""

    value: str

    def check(self, value, where: str):
        if value != self.value or not isinstance(value, str):
            raise invalid_argument(f"{where} must be {self.value!r}")
        return value

    def ts(self) -> str:
        return _ts_string(self.value)

    def describe(self) -> str:
        return f'"{self.value}"'


@dataclass(frozen=True)
class Union:
    """The first member type that accepts the value wins."""

    members: tuple

    def check(self, value, where: str):
        for member in self.members:
            try:
                return member.check(value, where)
            except BridgeError:
                continue  # try the next member; the message below names them all
        expected = " or ".join(m.describe() for m in self.members)
        raise invalid_argument(f"{where} must be {expected}; got {value!r}")

    def ts(self) -> str:
        return " | ".join(m.ts() for m in self.members)

    def describe(self) -> str:
        return " | ".join(m.describe() for m in self.members)


@dataclass(frozen=True)
class Nullable:
    """The wrapped type, or ``null`` where the component gives null a meaning (e.g. "never")."""

    inner: object

    def check(self, value, where: str):
        return None if value is None else self.inner.check(value, where)

    def ts(self) -> str:
        return f"{self.inner.ts()} | null"

    def describe(self) -> str:
        return f"{self.inner.describe()} | null"
