"""Typed views of the objects an API returns, read leniently.

A record is a frozen dataclass: the documented fields as attributes (None when absent),
everything the document does not name kept in ``extra``, documented enums mapped onto their
Enum while an unknown value is kept as it came (a newer server adds values before a client
learns them). Nothing is lost: ``record.to_api()`` gives back every key it was read from (a null as an absent key).
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, Callable, ClassVar, TypeVar

R = TypeVar("R", bound="ApiRecord")


def lenient(enum_type: type[enum.Enum]) -> Callable[[Any], Any]:
    """A converter: the member of ``enum_type`` with that value, or the value as it came."""
    def convert(value):
        try:
            return enum_type(value)
        except ValueError:
            return value
    convert.__name__ = f"lenient_{enum_type.__name__}"
    return convert


def each(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A converter for a list whose items ``convert`` reads (anything but a list kept as it came)."""
    def convert_list(value):
        return [convert(item) for item in value] if isinstance(value, list) else value
    return convert_list


@dataclasses.dataclass(frozen=True)
class ApiRecord:
    """Base of every record: subclasses declare fields with defaults of None and may name a
    converter per field in ``CONVERT``."""

    CONVERT: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    extra: dict = dataclasses.field(default_factory=dict, kw_only=True, repr=False, compare=False)

    @classmethod
    def from_api(cls: type[R], data: Any) -> R:
        """The record read from one JSON object. Anything but an object is a ``TypeError``
        (the vendor readers turn it into a MalformedResponseError)."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}")
        defaults = cls._defaults()
        record = object.__new__(cls)
        # Filled in directly, not through the frozen dataclass's __init__ (one object.__setattr__
        # per field): a 27,000-person walk builds every record, and this is 4x cheaper.
        state = record.__dict__
        state.update(defaults)
        extra = {}
        convert = cls.CONVERT
        for key, value in data.items():
            if key not in defaults:
                extra[key] = value
            elif value is not None and key in convert:
                state[key] = convert[key](value)
            else:
                state[key] = value
        state["extra"] = extra
        return record

    @classmethod
    def _defaults(cls) -> dict[str, Any]:
        # Each field's default (None for every declared field), computed once per class.
        defaults = cls.__dict__.get("_field_defaults")
        if defaults is None:
            defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.name != "extra"}
            if any(value is dataclasses.MISSING for value in defaults.values()):
                raise TypeError(f"{cls.__name__}: every field of a record needs a default")
            type.__setattr__(cls, "_field_defaults", defaults)
        return defaults

    def to_api(self) -> dict:
        """The JSON object again: known fields that came (or were set), then ``extra``."""
        out = {}
        for f in dataclasses.fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = _plain(value)
        out.update(self.extra)
        return out


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, ApiRecord):
        return value.to_api()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):  # a map of records or enums (members by id, say)
        return {key: _plain(item) for key, item in value.items()}
    return value
