"""Call records (the seed's, and those a test or the demo registers with add_call), their
metadata (a differential update, null deletes), and shared data."""

import pytest

from bridge.testing.fakes.ucs import CALL_KEYS

from fake_helpers import API

SEED_CALL = "1723018607.115"


def test_metadata_update_is_differential_and_answers_the_result(api):
    answer = api.post(f"{API}/metadata/{SEED_CALL}", json={"outbound_id": None, "pokus": "hokus"}).json()
    assert answer == {"success": True, "data": {"ucrm_interaction_id": 30391, "pokus": "hokus"}}
    api.post(f"{API}/metadata/{SEED_CALL}", json={"ticket": {"id": 7}, "gone": None})
    assert api.get(f"{API}/metadata/{SEED_CALL}").json()["data"] == {"ucrm_interaction_id": 30391, "pokus": "hokus",
                                                                    "ticket": {"id": 7}}
    assert api.get(f"{API}/call/{SEED_CALL}").json()["data"]["metadata"]["ticket"] == {"id": 7}


@pytest.mark.parametrize("path", ["call", "metadata"])
def test_an_unknown_call(api, path):
    assert api.get(f"{API}/{path}/1.1").json() == {"success": False, "data": None, "error": "Unknown call uniqueid"}


def test_metadata_takes_an_object(api):
    assert api.post(f"{API}/metadata/{SEED_CALL}", json=["x"]).json()["error"] == "Payload must be a JSON object"
    assert api.post(f"{API}/metadata/1.1", json={}).json()["error"] == "Unknown call uniqueid"


def test_add_call_defaults(fake, api):
    record = fake.add_call("1732441200.17")
    answer = api.get(f"{API}/call/1732441200.17").json()
    assert answer == {"success": True, "data": record}
    assert set(record) == set(CALL_KEYS)
    assert (record["calldate"], record["connected"], record["disconnected"]) == (
        "2024-11-24 09:40:00", "2024-11-24 09:40:04", "2024-11-24 09:41:04")
    assert (record["duration"], record["talk_time"], record["recording"], record["recording_duration"],
            record["cause"], record["metadata"]) == (60, 60, True, 60, 3, {})
    assert [step["type"] for step in record["path"]] == [1, 10002, 10]
    assert api.get(f"{API}/metadata/1732441200.17").json()["data"] == {}


def test_add_call_overrides_and_the_times_follow(fake, api):
    record = fake.add_call("1732441200.18", duration=524, ring_time=10, recording=False, cause=17,
                           dst_number="1801", metadata={"crm_ticket": "T-1"})
    assert (record["connected"], record["disconnected"]) == ("2024-11-24 09:40:10", "2024-11-24 09:48:54")
    assert (record["talk_time"], record["recording_duration"], record["cause"]) == (524, 0, 17)
    assert record["path"][1]["number"] == "1801"
    api.post(f"{API}/metadata/1732441200.18", json={"crm_ticket": None})
    assert api.get(f"{API}/metadata/1732441200.18").json()["data"] == {}
    # What add_call returned is a copy: changing it changes nothing in the fake.
    record["duration"] = 1
    assert api.get(f"{API}/call/1732441200.18").json()["data"]["duration"] == 524


@pytest.mark.parametrize("uniqueid, fields", [
    ("1732441200", {}), ("abc.1", {}), (1732441200.17, {}),
    ("1732441200.19", {"durration": 5}), ("1732441200.19", {"uniqueid": "x"}),
    ("1732441200.19", {"duration": -1}), ("1732441200.19", {"metadata": None}),
    (SEED_CALL, {}),  # already there
])
def test_add_call_refuses(fake, uniqueid, fields):
    with pytest.raises(ValueError):
        fake.add_call(uniqueid, **fields)


def test_shared_data_is_overwritten_and_read_back(api):
    value = {"type": "osl", "data": {"SWS": {"OneSolution": {"Waiting": 4, "Processed": 1}}}}
    assert api.post(API + "/shared/osl_chats", json=value).json() == {"success": True, "data": None}
    assert api.get(API + "/shared/osl_chats").json() == {"success": True, "data": value}
    api.post(API + "/shared/new_board", json=[1, 2])
    assert api.get(API + "/shared/new_board").json()["data"] == [1, 2]
    assert api.get(API + "/shared/never").json() == {"success": False, "data": None,
                                                     "error": "Unknown shared data identifier"}
