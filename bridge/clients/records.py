"""Typed views of the objects an API returns, read leniently.

A record is a frozen dataclass: the documented fields as attributes (None when absent),
everything the document does not name kept in ``extra``, documented enums mapped onto their
Enum while an unknown value is kept as it came (a newer server adds values before a client
learns them). Nothing is lost: ``record.to_api()`` gives back every key it was read from (a null as an absent key).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from typing import Any, Callable, ClassVar, TypeVar

R = TypeVar("R", bound="ApiRecord")



class Extra(Mapping):
    """The fields a record got beyond its documented ones: read-only (a record is frozen), and
    unlike a ``MappingProxyType``, picklable."""

    __slots__ = ("_fields",)

    def __init__(self, fields: dict | None = None):
        object.__setattr__(self, "_fields", dict(fields or {}))

    def __getitem__(self, key):
        return self._fields[key]

    def __iter__(self):
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __setattr__(self, name, value):
        raise AttributeError("a record's extra fields are read-only")

    def __reduce__(self):
        return (Extra, (self._fields,))

    def __hash__(self) -> int:
        # As a tuple's: hashable when every value is (a record's compare leaves extra out).
        return hash(frozenset(self._fields.items()))

    def __repr__(self) -> str:
        return f"Extra({self._fields!r})"


# One shared empty Extra: most records (a list's items) have nothing beyond the documented fields.
NO_EXTRA = Extra()


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
        # An empty list is kept as it came (no new one made: most agents are in no queue).
        return [convert(item) for item in value] if isinstance(value, list) and value else value
    return convert_list


@dataclasses.dataclass(frozen=True)
class ApiRecord:
    """Base of every record: subclasses declare fields with defaults of None and may name a
    converter per field in ``CONVERT``."""

    CONVERT: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    # What came beyond the documented fields, read-only (a record is frozen).
    extra: Mapping[str, Any] = dataclasses.field(default=NO_EXTRA, kw_only=True, repr=False, compare=False)

    @classmethod
    def from_api(cls: type[R], data: Any) -> R:
        """The record read from one JSON object. Anything but an object is a ``TypeError``
        (the vendor readers turn it into a MalformedResponseError)."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}")
        return cls._read(dict(data))

    @classmethod
    def adopt_all(cls: type[R], items: list) -> list[R]:
        """:meth:`from_api` for each JSON object of a list nobody else holds (just parsed from an
        answer): each record takes its object over as its own state, uncopied. The vendor
        readers use it for lists: a 27,000-person walk builds every record, so the common case
        is inlined here."""
        _, plain = cls.__dict__.get("_reading") or cls._prepare()
        new, set_state, read = object.__new__, object.__setattr__, cls._read
        records = []
        for item in items:
            if type(item) is dict and item.keys() <= plain:
                item["extra"] = NO_EXTRA
                record = new(cls)
                set_state(record, "__dict__", item)
                records.append(record)
            elif type(item) is dict:
                records.append(read(item))
            else:
                records.append(cls.from_api(item))  # a TypeError for anything but an object
        return records

    @classmethod
    def _read(cls: type[R], data: dict) -> R:
        defaults, plain = cls.__dict__.get("_reading") or cls._prepare()
        # Filled in directly, not through the frozen dataclass's __init__ (one object.__setattr__
        # per field). A field that did not come is read from the class (every field's default
        # is None, a class attribute), so the common case, a list item with documented fields
        # only, is the parsed object itself, its fields to convert replaced in place: ``data``
        # is always one nobody else holds (from_api copies the caller's, adopt_all takes objects
        # just parsed). Copying field by field (:meth:`_read_each`) cost as much again as
        # parsing the JSON for a page of Udesk agents, whose AgentId every agent converts.
        if data.keys() <= plain:
            data["extra"] = NO_EXTRA
        elif data.keys() <= defaults.keys():
            for key, convert in cls.CONVERT.items():
                value = data.get(key)
                if value is not None:
                    data[key] = convert(value)
            data["extra"] = NO_EXTRA
        else:
            return cls._read_each(data)
        record = object.__new__(cls)
        object.__setattr__(record, "__dict__", data)
        return record

    @classmethod
    def _read_each(cls: type[R], data: dict) -> R:
        """The record of an object with keys beyond the documented fields: field by field, the
        others kept in ``extra``."""
        defaults, _ = cls.__dict__.get("_reading") or cls._prepare()
        record = object.__new__(cls)
        state = record.__dict__
        state.update(defaults)
        convert = cls.CONVERT
        extra = {}
        for key, value in data.items():
            if key not in defaults:
                extra[key] = value
            elif value is not None and key in convert:
                state[key] = convert[key](value)
            else:
                state[key] = value
        state["extra"] = Extra(extra) if extra else NO_EXTRA
        return record

    @classmethod
    def _prepare(cls) -> tuple[dict[str, Any], frozenset[str]]:
        # Once per class: each field's default (None for every declared one), and the fields
        # read as they come (no converter).
        defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.name != "extra"}
        if any(value is dataclasses.MISSING for value in defaults.values()):
            raise TypeError(f"{cls.__name__}: every field of a record needs a default")
        reading = (defaults, frozenset(defaults) - cls.CONVERT.keys())
        type.__setattr__(cls, "_reading", reading)
        return reading

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
    if isinstance(value, str):
        # A str subclass that came in another form gives it back (Udesk's ScopedId: "355@app").
        return value if type(value) is str or not hasattr(value, "to_api") else value.to_api()
    if isinstance(value, ApiRecord):
        return value.to_api()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):  # a map of records or enums (members by id, say)
        return {key: _plain(item) for key, item in value.items()}
    return value
