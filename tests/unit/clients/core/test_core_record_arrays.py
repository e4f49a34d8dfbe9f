"""A record's arrays are tuples, as frozen as the record: a field declared ``tuple[...]`` reads a
JSON array into one (through its converter's item reader when it has one, ``each``), whether the
record is read field by field, in place (adopt_all, from_api) or built by hand; anything but an
array is kept as it came; and ``to_api`` gives lists back."""

from __future__ import annotations  # as in the vendors' models: every annotation a string

import copy
import dataclasses
import typing

import pytest

from bridge.clients.records import ApiRecord, array, each


def tag(value):
    return f"#{value}" if isinstance(value, str) else value


@dataclasses.dataclass(frozen=True)
class Item(ApiRecord):
    id: int | None = None


@dataclasses.dataclass(frozen=True)
class Box(ApiRecord):
    CONVERT = {"items": each(Item.from_api), "tags": each(tag), "label": tag}

    label: str | None = None
    names: tuple[str, ...] | None = None  # no converter: an array of the values as they came
    items: tuple[Item, ...] | None = None
    tags: tuple[str, ...] | None = None
    note: list | None = None  # declared a list, no converter: left as it came


SHAPES = [
    {"label": "a", "names": ["x", "y"], "items": [{"id": 1}, {"id": 2}], "tags": ["t"], "note": [1]},
    {"names": [], "items": [], "tags": []},
    {"names": None, "items": None, "label": None},
    {"names": "not an array", "items": {"id": 1}, "tags": 7},
    {"names": ("already", "a tuple"), "items": ({"id": 3},)},
]


def read_each(data):
    return ApiRecord._read_each.__func__(Box, copy.deepcopy(data))


def typed(record):
    # Each field's value and its type: equality alone takes a str for a tagged one's subclass.
    return {f.name: (type(getattr(record, f.name)), getattr(record, f.name)) for f in dataclasses.fields(record)}


@pytest.mark.parametrize("data", SHAPES)
def test_every_way_of_reading_gives_the_same_record(data):
    by_field = read_each(data)
    assert Box.from_api(data) == by_field
    assert Box.adopt_all([copy.deepcopy(data)]) == [by_field]
    assert typed(Box.from_api(data)) == typed(by_field) == typed(Box.adopt_all([copy.deepcopy(data)])[0])


def test_arrays_are_tuples_their_items_read_and_other_lists_stay():
    box = Box.from_api(SHAPES[0])
    assert box.names == ("x", "y") and box.items == (Item(1), Item(2)) and box.tags == ("#t",)
    assert box.label == "#a" and box.note == [1]
    empty = Box.from_api(SHAPES[1])
    assert empty.names == () and empty.items == () and empty.tags == ()


def test_what_is_not_an_array_is_kept_as_it_came():
    odd = Box.from_api(SHAPES[3])
    assert odd.names == "not an array" and odd.items == {"id": 1} and odd.tags == 7
    assert array("text") == "text" and each(tag)(None) is None


def test_to_api_gives_lists_back():
    assert Box.from_api(SHAPES[0]).to_api() == {"label": "#a", "names": ["x", "y"], "items": [{"id": 1}, {"id": 2}],
                                                "tags": ["#t"], "note": [1]}


def test_an_edit_of_the_callers_list_does_not_reach_the_record():
    given = {"names": ["x"], "tags": ["t"]}
    box = Box.from_api(given)
    given["names"].append("y")
    given["tags"].clear()
    assert box.names == ("x",) and box.tags == ("#t",)


def test_a_record_built_by_hand_with_a_list_equals_the_one_read():
    # The constructor does not read (no converters run), but an array is kept as a tuple.
    assert Box(names=["x", "y"]) == Box.from_api({"names": ["x", "y"]})
    assert Box(names=["x"]).names == ("x",) and Box(note=[1]).note == [1]


def test_a_record_of_hashable_values_can_be_hashed():
    box = Box.from_api({"label": "a", "names": ["x"], "items": [{"id": 1}]})
    assert {box: 1}[Box.from_api({"label": "a", "names": ["x"], "items": [{"id": 1}]})] == 1


def test_a_converter_for_a_field_the_record_lacks_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Wrong(ApiRecord):
        CONVERT = {"nmae": tag}
        name: str | None = None

    with pytest.raises(TypeError, match="nmae"):
        Wrong.from_api({"name": "x"})


def test_annotations_are_read_as_written_not_evaluated():
    # Under `from __future__ import annotations` a field's type is a string; a class defined in a
    # function (or a TYPE_CHECKING import) cannot be evaluated, and need not be.
    @dataclasses.dataclass(frozen=True)
    class Local(ApiRecord):
        id: int | None = None

    @dataclasses.dataclass(frozen=True)
    class Holder(ApiRecord):
        CONVERT = {"locals": each(Local.from_api)}
        locals: tuple[Local, ...] | None = None
        nested: tuple[dict[str, int | None], ...] | None = None
        by_key: dict[str, int | tuple[int, ...]] | None = None  # a tuple only inside: not an array field
        one: Local | None = None

    held = Holder.from_api({"locals": [{"id": 1}], "nested": [{"a": 1}], "one": {"id": 2}, "by_key": [3]})
    assert held.locals == (Local(1),) and held.nested == ({"a": 1},) and held.one == {"id": 2}
    assert held.by_key == [3]
    assert Holder(nested=[{"a": 1}]).nested == ({"a": 1},)


def test_annotations_that_are_types_are_read_too():
    # A record declared without the future import: its annotations are the types themselves.
    fields = [("names", tuple[str, ...] | None), ("maybe", typing.Optional[tuple]), ("note", list | None)]
    Typed = dataclasses.make_dataclass("Typed", [(name, kind, dataclasses.field(default=None)) for name, kind in fields],
                                       bases=(ApiRecord,), frozen=True)
    typed = Typed.from_api({"names": ["x"], "maybe": [1], "note": [2]})
    assert typed.names == ("x",) and typed.maybe == (1,) and typed.note == [2]
