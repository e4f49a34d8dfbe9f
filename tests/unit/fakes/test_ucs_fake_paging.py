"""Paging persons and companies: limit, offset, total, in a stable order; synthetic records for scale."""

import time

import pytest

from bridge.testing.fakes import UcsFake

from fake_helpers import API, client_for, log_in

PERSONS, COMPANIES = API + "/crm/persons", API + "/crm/companies"


@pytest.fixture
def big():
    fake = UcsFake(persons=2_500, companies=300)
    client = client_for(fake)
    log_in(client, fake)
    return client


def every(client, path, limit):
    records, offset = [], 0
    while True:
        page = client.get(path, params={"limit": limit, "offset": offset}).json()
        records += page["data"]
        offset += limit
        if offset >= page["total"]:
            return records, page["total"]


def test_pages_cover_every_record_once_in_order(big):
    persons, total = every(big, PERSONS, 100)
    assert total == 2_504 and len(persons) == 2_504 and len({p["id"] for p in persons}) == 2_504
    keys = [(p["displayname"].casefold(), p["id"]) for p in persons]
    assert keys == sorted(keys)
    companies, total = every(big, COMPANIES, 64)
    assert total == 304 and len({c["id"] for c in companies}) == 304


def test_limit_and_offset(big):
    first = big.get(PERSONS, params={"limit": 10}).json()["data"]
    assert [p["id"] for p in big.get(PERSONS, params={"limit": 3, "offset": 4}).json()["data"]] == \
        [p["id"] for p in first[4:7]]
    assert big.get(PERSONS, params={"offset": 2_504}).json() == {"success": True, "data": [], "total": 2_504}
    assert big.get(PERSONS, params={"limit": 0}).json()["data"] == []


def test_the_default_limit_is_100(big):
    assert len(big.get(PERSONS).json()["data"]) == 100
    assert len(big.get(COMPANIES).json()["data"]) == 100


def test_list_items_have_the_seeds_keys(big):
    assert set(big.get(PERSONS).json()["data"][0]) == {"id", "group_id", "displayname", "firstname", "lastname",
                                                        "external_id"}
    assert set(big.get(COMPANIES).json()["data"][0]) == {"id", "group_id", "name", "external_id"}


@pytest.mark.parametrize("query", ["limit=-1", "limit=abc", "offset=1.5", "limit=", "offset=%C2%B2",
                                   "limit=1&limit=2"])
def test_bad_paging_values_are_refused(api, query):
    name = query.split("=")[0]
    assert api.get(f"{PERSONS}?{query}").json() == {"success": False, "data": None,
                                                    "error": f"{name} must be a non-negative integer"}


def test_a_created_or_renamed_person_takes_its_place_in_the_order(api):
    api.post(API + "/crm/person", json={"group_id": 1, "displayname": "Aaron Zed"})
    api.patch(API + "/crm/person/59233", json={"displayname": "Aardvark"})
    names = [p["displayname"] for p in api.get(PERSONS).json()["data"]]
    assert names == ["Aardvark", "Aaron Zed", "Abrhám Václav", "Adamec Lukáš", "Albert Antonín"]


def test_synthetic_persons_are_deterministic_and_readable_by_external_id():
    one, two = UcsFake(persons=50), UcsFake(persons=50)
    assert one.persons == two.persons
    assert one.persons[1_000_007]["external_id"] == "synthetic-7"
    client = client_for(one)
    log_in(client, one)
    assert client.get(API + "/crm/person/external/synthetic-7").json()["data"]["id"] == 1_000_007
    assert client.get(API + "/crm/company/external/synthetic-company-1").json()["success"] is False  # none made


def test_27000_persons_are_quick_to_make_and_to_page():
    start = time.perf_counter()
    fake = UcsFake(persons=27_000)
    client = client_for(fake)
    log_in(client, fake)
    persons, total = every(client, PERSONS, 100)
    assert total == len(persons) == 27_004
    # A generous bound (under a second here): per request the fake slices a list, it does not sort.
    assert time.perf_counter() - start < 5
