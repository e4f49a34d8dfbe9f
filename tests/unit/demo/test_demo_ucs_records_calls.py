"""The demo's UCS stand-in writes the record of each of the simulator's calls that ended into the
UCS REST fake, as UCS writes the call records of its own calls."""

import json

import pytest

from bridge.testing.fakes.ucs import UcsFake
from demo import ucs_calls
from demo.server import UCS_CLIENT_ID
from demo.ucs_calls import call_record_fields
from demo_client import Client, routes
from simulated_calls import CREATED, answered_and_ended, incoming_call

SEEDS_CALL = "1723018607.115"  # the one call record the fake starts with


@pytest.fixture
def fake():
    return UcsFake(client_id=UCS_CLIENT_ID, client_secret="s")


@pytest.fixture
def page(fake):
    return Client(routes(ucs_fake=fake))


def report(page, call, **kwargs):
    body = call if isinstance(call, bytes) else json.dumps(call).encode()
    kwargs.setdefault("content_type", "application/json")
    status, _, answer = page.request("POST", "/ucs/calls", body, **kwargs)
    return status, json.loads(answer)


def test_an_ended_call_is_recorded_with_its_duration_cause_recording_and_metadata(page, fake):
    assert report(page, answered_and_ended(65)) == (200, {"uniqueid": f"{CREATED}.1"})
    record = fake.calls[f"{CREATED}.1"]
    assert (record["duration"], record["talk_time"], record["ring_time"], record["cause"]) == (65, 65, 4, 3)
    assert (record["recording"], record["recording_duration"]) == (True, 65)  # the demo records answered calls
    assert record["metadata"] == {"crm_contact": "Alan Turing"}  # the component's call data
    assert (record["calldate"], record["connected"], record["disconnected"]) == (
        "2024-11-24 09:40:00", "2024-11-24 09:40:04", "2024-11-24 09:41:09")
    assert (record["src_number"], record["src_internal"], record["dst_number"], record["dst_internal"]) == (
        "0800123456", False, "1001", True)
    assert (record["src_type"], record["dst_type"], record["dst_user_id"]) == ("trunk", "phone", 1)
    # Nothing of the fake's example call (Bob's phone 75, the seed's trunk) is left in it.
    assert (record["src_extension_id"], record["dst_extension_id"], record["pilot_number"]) == (None, None, None)
    assert (record["src_group_id"], record["dst_group_id"]) == (None, 1)
    assert record["path"] == [
        {"date": "2024-11-24 09:40:00", "type": 1, "number": "0800123456", "name": ""},
        {"date": "2024-11-24 09:40:04", "type": 10002, "number": "1001", "name": "Ada Agent"},
        {"date": "2024-11-24 09:41:09", "type": 10, "number": "0800123456", "name": ""}]


def test_a_call_is_recorded_once(page, fake):
    report(page, answered_and_ended(65))
    status, answer = report(page, answered_and_ended(70))
    assert status == 409 and "already" in answer["error"] and fake.calls[f"{CREATED}.1"]["duration"] == 65


def test_fields_the_fake_refuses_are_the_servers_error_not_a_conflict(page, fake, monkeypatch):
    def with_a_bad_field(call):
        uniqueid, fields = call_record_fields(call)
        return uniqueid, {**fields, "not_a_cdr_key": 1}

    monkeypatch.setattr(ucs_calls, "call_record_fields", with_a_bad_field)
    with pytest.raises(ValueError, match="not_a_cdr_key"):  # the server answers 500
        report(page, answered_and_ended(65))
    assert list(fake.calls) == [SEEDS_CALL]


def test_an_unanswered_call_has_no_recording_no_duration_and_no_answer_in_its_path(page, fake):
    assert report(page, incoming_call(state=2, disconnected=CREATED + 9, cause=5))[0] == 200
    record = fake.calls[f"{CREATED}.1"]
    assert (record["duration"], record["recording"], record["recording_duration"], record["ring_time"],
            record["cause"], record["connected"]) == (0, False, 0, 9, 5, None)
    assert [step["type"] for step in record["path"]] == [1, 10]


BAD_CALLS = [
    {"disconnected": None}, {"uniqueid": "1732441200"}, {"uniqueid": "../1.2"}, {"uniqueid": "1.2/metadata"}, {"uniqueid": 1.5},
    {"direction": "SIDEWAYS"}, {"created": "now"}, {"created": True}, {"connected": CREATED - 1},
    {"disconnected": CREATED - 1}, {"cause": 9}, {"recorded": "yes"}, {"caller_number": 5},
    {"caller_name": "x" * 129}, {"data": ["not", "an", "object"]}, {"caller_internal": None},
]


@pytest.mark.parametrize("change", BAD_CALLS, ids=[json.dumps(c)[:40] for c in BAD_CALLS])
def test_a_call_object_the_component_would_not_give_is_refused(page, fake, change):
    status, answer = report(page, {**answered_and_ended(10), **change})
    assert status == 400 and answer["error"] and list(fake.calls) == [SEEDS_CALL]


def test_only_json_from_the_demos_own_page_is_taken(page, fake):
    call = answered_and_ended(10)
    assert report(page, call, origin="http://evil.example", site="cross-site")[0] == 403
    assert report(page, call, origin="http://127.0.0.1:8001", site="same-site")[0] == 403  # the form's origin
    assert report(page, json.dumps(call).encode(), content_type="text/plain")[0] == 415
    assert report(page, b"[1, 2]")[0] == 400
    assert report(page, b"{" + b" " * 5000 + b"}")[0] == 413
    assert page.request("GET", "/ucs/calls", origin=None)[0] == 405
    assert list(fake.calls) == [SEEDS_CALL]
