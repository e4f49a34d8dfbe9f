"""Typed views of the objects an API returns, read leniently.

A record is a frozen dataclass: the documented fields as attributes (None when absent),
everything the document does not name kept in ``extra``, documented enums mapped onto their
Enum while an unknown value is kept as it came (a newer server adds values before a client
learns them). A JSON array is read into a tuple, as frozen as the record that holds it (a field
declared ``tuple[...]``; its items read by the field's converter when it has one, :func:`each`):
a record of hashable values can be hashed (the objects of an array are records, or dicts as they came).
Nothing is lost: ``record.to_api()`` gives back every key it was read from (a null as an absent
key, a tuple as a list).
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
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


def kept_as(kind: type) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Marks a converter that gives a value of type ``kind`` back as it came (a boolean flag
    reading ``"true"`` as True keeps a JSON boolean): the generated reader of a record
    (``adopt_all``) does not call it for one, since what is left of reading a field is mostly
    the call of its converter. The field-by-field reader of an object with undocumented keys
    still calls it, to the same result."""
    def mark(convert):
        convert.kept_as = kind
        return convert
    return mark


def each(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A converter for an array whose items ``convert`` reads: the tuple of them (anything but an
    array kept as it came)."""
    def convert_array(value):
        return tuple(map(convert, value)) if isinstance(value, (list, tuple)) else value
    convert_array.array_items = convert  # records read a list in place (_Reading)
    return convert_array


def array(value: Any) -> Any:
    """The converter of a field declared as a tuple with no converter of its own: an array as the
    tuple of its items (anything else as it came)."""
    return tuple(value) if isinstance(value, (list, tuple)) else value


_NOT_AN_ARRAY = object()
array.array_items = None  # a list's items as they came


def _declares_tuple(annotation: Any) -> bool:
    """Whether a field's annotation is ``tuple[X, ...]``, alone or in a union (``| None``).

    Read as it was written, not evaluated: under ``from __future__ import annotations`` it is a
    string, and evaluating it fails for a name only a type checker sees (a ``TYPE_CHECKING``
    import, a class defined in a function)."""
    if isinstance(annotation, str):
        return any(part == "tuple" or part.startswith("tuple[") for part in _union_parts(annotation))
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_declares_tuple(arg) for arg in typing.get_args(annotation))
    return annotation is tuple or typing.get_origin(annotation) is tuple


def _union_parts(annotation: str) -> list[str]:
    # "tuple[dict[str, int | None], ...] | None" -> ["tuple[dict[str, int | None], ...]", "None"]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(annotation):
        depth += (char == "[") - (char == "]")
        if char == "|" and depth == 0:
            parts.append(annotation[start:index].strip())
            start = index + 1
    return [*parts, annotation[start:].strip()]


class _Reading:
    """How the objects of one record class are read: each field's default (None for every
    declared one), each field's converter (CONVERT's, then :func:`array` for each other field
    declared as a tuple), and ``adopt_all``, a function written for the class.

    A record is filled in directly, not through the frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field): a field that did not come is read from the class (every
    field's default is None, a class attribute, and ``extra``'s is NO_EXTRA), so an object with
    documented fields only
    becomes the record's state as it is, its fields to convert replaced in place. Copying it
    field by field (:meth:`ApiRecord._read_each`, kept for objects with undocumented keys) cost
    as much again as parsing the JSON for a page of Udesk agents. ``adopt_all`` is generated,
    as dataclasses generates ``__init__``: one line per converted field instead of a loop over
    them, and an array read in the line (a list as the tuple of its items, each read by the
    item converter of :func:`each`), not through a call, so the empty lists most objects carry
    (four on each Udesk agent) cost no call of ours. Together that halved the cost of reading
    an agent, which a walk of 10,000 does for each.

    Then what is left is mostly calls and lookups: the documented-keys check runs once per key
    layout, not per object (the objects of one answer come with the same keys, the same key
    objects even), and a converter marked :func:`kept_as` is not called for the values it keeps
    (every agent's JSON boolean ``Enable``). Reading an agent went from 16,900 to 12,900
    instructions (valgrind, against 36,800 for parsing it)."""

    def __init__(self, cls: type):
        self.defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.name != "extra"}
        if any(value is dataclasses.MISSING for value in self.defaults.values()):
            raise TypeError(f"{cls.__name__}: every field of a record needs a default")
        declared_tuples = [f.name for f in dataclasses.fields(cls) if f.name != "extra" and _declares_tuple(f.type)]
        self.converters = dict(cls.CONVERT)
        for name in declared_tuples:
            self.converters.setdefault(name, array)
        unknown = self.converters.keys() - self.defaults.keys()
        if unknown:
            raise TypeError(f"{cls.__name__}: CONVERT names fields it does not declare: {sorted(unknown)}")
        # What the constructor keeps as a tuple when given a list: the fields declared tuples,
        # and those read by each() whatever their annotation.
        self.arrays = tuple(dict.fromkeys(
            [*declared_tuples, *(key for key, convert in self.converters.items() if hasattr(convert, "array_items"))]))
        self.adopt_all = self._adopter(cls)

    def _adopter(self, cls: type) -> Callable[[Any], list]:
        documented = frozenset(self.defaults)
        names: dict[str, Any] = {
            "from_api": cls.from_api, "read_each": cls._read_each, "documented": documented.issuperset,
            "as_they_come": (documented - self.converters.keys()).issuperset,
            "new": object.__new__, "set_dict": ApiRecord.__dict__["__dict__"].__set__, "cls": cls}
        lines = ["def adopt_all(items):",
                 "    records = []",
                 "    append = records.append",
                 "    layout = None",
                 "    for data in items:",
                 "        if type(data) is not dict:",
                 "            append(from_api(data))  # a TypeError for anything but an object",
                 "            continue",
                 # The objects of one answer come with the same keys in the same order, the
                 # same key objects even (json.loads makes each key once per document): their
                 # tuple compares equal to the last one's item by identity, a fraction of the
                 # cost of looking each key up among the documented ones again.
                 "        keys = tuple(data)",
                 "        if keys != layout:",
                 "            if not documented(keys):",
                 "                append(read_each(data))",
                 "                continue",
                 "            layout = keys"]
        # An object whose keys all come as they are (a list's items often lack the fields to
        # convert: a UCS person's contacts) is adopted as it is; another is converted first.
        if self.converters:
            lines += ["            convert = not as_they_come(keys)",
                      "        if convert:"]
        indent = "            " if self.converters else "        "
        for number, (key, convert) in enumerate(self.converters.items()):
            names[f"convert_{number}"] = convert
            lines.append(f"{indent}value = data.get({key!r})")
            items = getattr(convert, "array_items", _NOT_AN_ARRAY)
            if items is _NOT_AN_ARRAY:
                kept = getattr(convert, "kept_as", None)
                if kept is None:
                    lines.append(f"{indent}if value is not None:")
                else:  # most values need no call: a call is most of what a converter costs
                    names[f"kept_{number}"] = kept
                    lines.append(f"{indent}if value is not None and type(value) is not kept_{number}:")
                lines.append(f"{indent}    data[{key!r}] = convert_{number}(value)")
                continue
            lines.append(f"{indent}if type(value) is list:")
            if items is None:
                lines.append(f"{indent}    data[{key!r}] = tuple(value) if value else ()")
            else:
                names[f"items_{number}"] = items
                lines.append(f"{indent}    data[{key!r}] = tuple(map(items_{number}, value)) if value else ()")
            lines += [f"{indent}elif value is not None:",
                      f"{indent}    data[{key!r}] = convert_{number}(value)"]
        lines += ["        record = new(cls)",
                  "        set_dict(record, data)  # past the frozen __setattr__, and no attribute looked up",
                  "        append(record)",
                  "    return records"]
        exec("\n".join(lines), names)  # noqa: S102 - our own lines; keys are field names
        return names["adopt_all"]


@dataclasses.dataclass(frozen=True)
class ApiRecord:
    """Base of every record: subclasses declare fields with defaults of None and may name a
    converter per field in ``CONVERT``."""

    CONVERT: ClassVar[dict[str, Callable[[Any], Any]]] = {}

    # What came beyond the documented fields, read-only (a record is frozen).
    extra: Mapping[str, Any] = dataclasses.field(default=NO_EXTRA, kw_only=True, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A list given to the constructor for an array field is kept as a tuple, as one read
        # from JSON is (the constructor runs no converter: the items stay as they were given).
        # A subclass with a __post_init__ of its own calls this one.
        for key in self._reading().arrays:
            value = self.__dict__.get(key)
            if type(value) is list:
                object.__setattr__(self, key, tuple(value))

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
        readers use it for lists."""
        return cls._reading().adopt_all(items)

    @classmethod
    def _read(cls: type[R], data: dict) -> R:
        # ``data`` is always one nobody else holds (from_api copies the caller's).
        return cls._reading().adopt_all((data,))[0]

    @classmethod
    def _read_each(cls: type[R], data: dict) -> R:
        """The record of an object with keys beyond the documented fields: field by field, the
        others kept in ``extra``."""
        reading = cls._reading()
        record = object.__new__(cls)
        state = record.__dict__
        state.update(reading.defaults)
        extra = {}
        for key, value in data.items():
            if key not in reading.defaults:
                extra[key] = value
            elif value is not None and key in reading.converters:
                state[key] = reading.converters[key](value)
            else:
                state[key] = value
        state["extra"] = Extra(extra) if extra else NO_EXTRA
        return record

    @classmethod
    def _reading(cls) -> _Reading:
        # Once per class (its own, not a base class's): what reading its objects takes.
        reading = cls.__dict__.get("_reading_of_class")
        if reading is None:
            reading = _Reading(cls)
            type.__setattr__(cls, "_reading_of_class", reading)
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
