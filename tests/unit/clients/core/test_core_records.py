"""Records read an API's objects leniently: documented fields typed, unknown fields kept,
unknown enum values kept as they came, and nothing lost on the way back (to_api)."""

import dataclasses
import enum
import json

import pytest

from bridge.clients.records import ApiRecord, each, kept_as, lenient


class State(enum.Enum):
    ACTIVE = "active"
    PAUSED = "paused"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@dataclasses.dataclass(frozen=True)
class Member(ApiRecord):
    id: int | None = None
    state: State | str | None = None

    CONVERT = {"state": lenient(State)}


@dataclasses.dataclass(frozen=True)
class Team(ApiRecord):
    name: str | None = None
    level: Level | int | None = None
    members: tuple | None = None
    lead: Member | None = None
    by_queue: dict | None = None

    CONVERT = {"level": lenient(Level), "members": each(Member.from_api), "lead": Member.from_api,
               "by_queue": lambda value: {k: Member.from_api(v) for k, v in value.items()}}


TEAM = {"name": "Support", "level": 2, "members": [{"id": 1, "state": "active"}, {"id": 2, "state": "on_break",
        "since": "10:00"}], "lead": {"id": 1, "state": "paused"}, "by_queue": {"9001": {"id": 2}},
        "color": "#ff0", "extra": "a field the vendor happens to call extra"}


def test_documented_fields_are_typed_and_unknown_fields_are_kept_in_extra():
    team = Team.from_api(TEAM)
    assert team.name == "Support" and team.level is Level.HIGH
    assert team.members[0] == Member(1, State.ACTIVE)
    assert team.lead.state is State.PAUSED
    assert team.by_queue == {"9001": Member(2)}
    assert team.extra == {"color": "#ff0", "extra": "a field the vendor happens to call extra"}
    assert team.members[1].extra == {"since": "10:00"}


def test_an_unknown_enum_value_is_kept_as_it_came():
    member = Team.from_api(TEAM).members[1]
    assert member.state == "on_break" and not isinstance(member.state, State)
    assert lenient(Level)(3) == 3 and lenient(Level)(1) is Level.LOW
    assert lenient(State)(["not", "hashable"]) == ["not", "hashable"]
    assert lenient(State).__name__ == "lenient_State"


def test_each_reads_every_item_of_an_array_into_a_tuple_and_leaves_anything_else_alone():
    read = each(lenient(State))
    assert read(["active", "gone"]) == (State.ACTIVE, "gone")
    assert read([]) == () and read(("gone",)) == ("gone",)
    assert read("active") == "active" and read({"a": 1}) == {"a": 1}


def test_missing_and_null_fields_are_none_and_not_converted():
    team = Team.from_api({"name": None, "lead": None})
    assert team == Team() and team.extra == {}


def test_to_api_gives_back_every_key_it_was_read_from():
    assert Team.from_api(TEAM).to_api() == TEAM


def test_to_api_drops_a_null_field_as_an_absent_key():
    assert Member.from_api({"id": 3, "state": None}).to_api() == {"id": 3}


def test_a_record_built_in_code_goes_out_as_the_api_writes_it():
    assert Team(name="Sales", level=Level.LOW, lead=Member(4, State.ACTIVE)).to_api() == {
        "name": "Sales", "level": 1, "lead": {"id": 4, "state": "active"}}


@pytest.mark.parametrize("data", [None, [], "team", 7])
def test_anything_but_an_object_is_a_type_error(data):
    with pytest.raises(TypeError, match="Team: expected a JSON object"):
        Team.from_api(data)


def test_reading_a_record_again_gives_it_back():
    team = Team.from_api(TEAM)
    assert Team.from_api(team) is team


def test_extra_does_not_take_part_in_equality_and_records_are_frozen():
    assert Member.from_api({"id": 1, "x": 1}) == Member.from_api({"id": 1, "x": 2})
    with pytest.raises(dataclasses.FrozenInstanceError):
        Member(1).id = 2


def test_a_list_read_by_adopt_all_equals_one_read_by_from_api():
    items = [{"id": 1}, {"id": 2, "state": "paused"}, {"id": 3, "new": "field"}, {"id": 4, "state": "gone"}]
    copies = [dict(item) for item in items]
    adopted = Member.adopt_all(items)
    assert adopted == [Member.from_api(item) for item in copies]
    assert [m.extra for m in adopted] == [{}, {}, {"new": "field"}, {}]
    assert adopted[1].state is State.PAUSED and adopted[3].state == "gone"
    assert [m.to_api() for m in adopted] == copies


def test_adopt_all_checks_again_each_object_whose_keys_differ_from_the_last_ones():
    # Parsed from one document, the objects share their key objects: one with the last one's keys
    # is read as it was, any other is checked for undocumented keys and for keys to convert.
    items = json.loads('''[{"id": 0}, {"id": 1, "state": "active"}, {"id": 2, "state": "paused"}, {"id": 3},
        {"id": 4, "state": "active"}, {"state": "paused", "id": 5}, {"id": 6, "state": "active", "new": 1},
        {"id": 7, "other": "x"}, {"id": 8, "state": "paused"}, {"id": 9, "other": "y"}, {"id": 10}]''')
    copies = json.loads(json.dumps(items))
    adopted = Member.adopt_all(items)
    assert adopted == [Member.from_api(item) for item in copies]
    assert [m.state for m in adopted] == [None, State.ACTIVE, State.PAUSED, None, State.ACTIVE, State.PAUSED,
                                          State.ACTIVE, None, State.PAUSED, None, None]
    assert [dict(m.extra) for m in adopted] == [{}, {}, {}, {}, {}, {}, {"new": 1}, {"other": "x"}, {}, {"other": "y"}, {}]
    assert [m.to_api() for m in adopted] == copies


CALLS = []


@kept_as(bool)
def switch(value):
    CALLS.append(value)
    return {"on": True, "off": False}.get(value, value)


@dataclasses.dataclass(frozen=True)
class Lamp(ApiRecord):
    on: bool | None = None

    CONVERT = {"on": switch}


def test_a_converter_kept_as_a_type_is_not_called_for_a_value_of_that_type():
    CALLS.clear()
    lamps = Lamp.adopt_all([{"on": True}, {"on": "off"}, {"on": False}, {"on": None}, {"on": 1}, {}])
    assert [lamp.on for lamp in lamps] == [True, False, False, None, 1, None]
    assert CALLS == ["off", 1]  # not True, False or the null
    assert Lamp.from_api({"on": "on"}).on is True and switch.kept_as is bool


def test_adopt_all_refuses_what_is_not_an_object_as_from_api_does():
    with pytest.raises(TypeError, match="expected a JSON object"):
        Member.adopt_all([{"id": 1}, ["not", "an", "object"]])


def test_from_api_never_takes_the_callers_object_over():
    # adopt_all is for objects just parsed from an answer; from_api may be given the caller's own.
    given = {"id": 1}
    member = Member.from_api(given)
    assert given == {"id": 1} and member.to_api() == {"id": 1}


def test_extra_fields_are_read_only_and_pickle():
    import pickle

    member = Member.from_api({"id": 1, "new": [1, 2]})
    with pytest.raises(TypeError):
        member.extra["new"] = "changed"
    with pytest.raises(AttributeError):
        member.extra._fields = {}
    again = pickle.loads(pickle.dumps(member))
    assert again == member and again.extra == {"new": [1, 2]}
    assert pickle.loads(pickle.dumps(Member.adopt_all([{"id": 2}])[0])).to_api() == {"id": 2}
