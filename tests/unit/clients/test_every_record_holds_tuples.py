"""Every vendor's records hold their arrays as tuples: no field is declared a list, and each field
declared a tuple reads an array (empty, or of one object) into one, whatever its converter."""

import dataclasses
import importlib
import inspect
import types
import typing

import pytest

from bridge.clients.records import ApiRecord

MODULES = ["bridge.clients.ucs.models", "bridge.clients.xuc.models", "bridge.clients.xuc.events",
           "bridge.clients.udesk.models"]


def records():
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        found += [kind for _, kind in inspect.getmembers(module, inspect.isclass)
                  if issubclass(kind, ApiRecord) and kind is not ApiRecord and kind.__module__ == name]
    return found


def declared(kind, origin):
    hints = typing.get_type_hints(kind)
    return [f.name for f in dataclasses.fields(kind) if f.name != "extra" and origin in _origins(hints[f.name])]


def _origins(hint):
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return {origin for arg in typing.get_args(hint) for origin in _origins(arg)}
    return {hint if typing.get_origin(hint) is None else typing.get_origin(hint)}


def test_the_records_are_found():
    assert len(records()) > 30


@pytest.mark.parametrize("kind", records(), ids=lambda kind: f"{kind.__module__.split('.')[2]}.{kind.__name__}")
def test_no_field_is_a_list_and_every_array_field_reads_a_tuple(kind):
    assert declared(kind, list) == []
    for name in declared(kind, tuple):
        for value in ([], [{"id": 1}]):
            read = getattr(kind.from_api({name: value}), name)
            assert type(read) is tuple and len(read) == len(value), (name, read)
            built = getattr(kind(**{name: list(value)}), name)  # by hand: kept as a tuple too
            assert type(built) is tuple and len(built) == len(value), (name, built)
