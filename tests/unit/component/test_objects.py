import re

import pytest
from pathlib import Path

from bridge.component.objects import (CALL_FIELDS, QUEUE_FIELDS, USER_FIELDS, AgentStatus, Call, CallState, Direction,
                            HangupCause, Queue, QueueType, User)

# The vendor document's "Structure of objects" (shared/seeds/002_...), kept in the repository so
# the test runs in any clone.
SEED = Path(__file__).resolve().parents[2] / "data" / "ucs_component_objects.txt"


def test_call_is_read_into_enums_and_keeps_what_it_does_not_know():
    call = Call.read({"uniqueid": "1.1", "direction": "INCOMING", "state": 5, "cause": 8, "id": 7.0,
                      "vendor_extra": {"a": 1}, "caller_type": "pstn"})
    assert call.state is CallState.HELD
    assert call.cause is HangupCause.TRANSFER
    assert call.direction is Direction.INCOMING
    assert call.id == 7 and type(call.id) is int
    assert call.caller_type == "pstn"  # not a documented value: kept as it came
    assert call.extra == {"vendor_extra": {"a": 1}}
    assert call.ended
    assert call.called_name is None
    assert call.to_json()["vendor_extra"] == {"a": 1}


def test_call_not_ended_until_cause_or_disconnected():
    assert not Call.read({"uniqueid": "1", "cause": -1}).ended
    assert Call.read({"uniqueid": "1", "cause": -1, "disconnected": 1700000000}).ended


def test_user_and_queue():
    user = User.read({"id": 1, "status": "ACW", "queues": {"5": {"queue_id": 5, "type": 1}}})
    assert user.status is AgentStatus.ACW
    queue = Queue.read(user.queues["5"])
    assert queue.type is QueueType.INCOMING


def test_enum_values_are_the_vendor_documents():
    assert [c.value for c in CallState] == [0, 1, 2, 3, 4, 5]
    assert [c.value for c in HangupCause] == list(range(-1, 9))


def _documented(section_start, section_end):
    text = SEED.read_text()
    section = text[text.index(section_start):text.index(section_end) if section_end else None]
    return {m.group(1) for m in re.finditer(r"^- (?:obj )?([a-z_]+)[: ]", section, re.M)}


def test_every_documented_field_is_declared():
    call_doc = _documented("Call (v4.0.0)", "User {#obj-user}")
    user_doc = _documented("User {#obj-user}", "Queue (v4.0.0)")
    queue_doc = _documented("Queue (v4.0.0)", None)
    enum_values = {"line", "trunk"}  # enum rows under caller_type/connected_type
    assert call_doc - enum_values <= {f.name for f in CALL_FIELDS}
    assert user_doc - {"key", "value"} <= {f.name for f in USER_FIELDS}
    assert queue_doc <= {f.name for f in QUEUE_FIELDS}
