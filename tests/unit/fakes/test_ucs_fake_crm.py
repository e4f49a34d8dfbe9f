"""µCRM persons and companies: create, read (by id and external_id), update (contacts and
company persons replaced when given), delete."""

import pytest

from fake_helpers import API

PERSON, COMPANY = API + "/crm/person", API + "/crm/company"


def test_the_seeds_person_create_then_read(api):
    created = api.post(PERSON, json={"group_id": 1, "displayname": "Martin Dvořák", "external_id": "321654987",
                                     "contacts": [{"type": 1, "contact": "+420222333444", "label": "kancelář"}]})
    assert created.json() == {"success": True, "data": 123456}
    detail = api.get(PERSON + "/external/321654987").json()["data"]
    assert detail == {
        "id": 123456, "group_id": 1, "displayname": "Martin Dvořák", "firstname": None, "lastname": None,
        "note": None, "external_id": "321654987", "data": {},
        "contacts": [{"id": 71617, "type": 1, "contact": "+420222333444", "label": "kancelář"}],
        # The seed's company 10764 names person 123456 as its owner (majitel).
        "interactions": [], "companies": [{"company_id": 10764, "role": "majitel"}], "tasks": [],
    }
    assert api.get(PERSON + "/123456").json()["data"] == detail
    assert api.post(PERSON, json={"group_id": 1}).json()["data"] == 123457


def test_an_update_keeps_contacts_unless_given_and_then_replaces_them(api):
    api.patch(PERSON + "/59233", json={"firstname": "Pavel"})
    detail = api.get(PERSON + "/59233").json()["data"]
    assert detail["firstname"] == "Pavel" and [c["id"] for c in detail["contacts"]] == [71615, 71616]
    api.patch(PERSON + "/59233", json={"contacts": [{"type": 3, "contact": "https://novak.example"}]})
    assert api.get(PERSON + "/59233").json()["data"]["contacts"] == [
        {"id": 71617, "type": 3, "contact": "https://novak.example", "label": None}]
    api.patch(PERSON + "/59233", json={"contacts": []})
    assert api.get(PERSON + "/59233").json()["data"]["contacts"] == []


@pytest.mark.parametrize("changes, errors", [
    ({"contacts": [{"type": 7, "contact": "x"}]}, {"contacts": "item 0: type must be one of 0, 1, 2, 3"}),
    ({"contacts": [{"type": 1}]}, {"contacts": "item 0: contact must be a non-empty string"}),
    ({"contacts": ["x"]}, {"contacts": "item 0: must be object"}),
    ({"contacts": {}}, {"contacts": "value must be array"}),
    ({"firstname": 5, "external_id": "16943"}, {"firstname": "value must be string", "external_id": "value already exists"}),
    ({"interactions": [], "tasks": []}, {"interactions": "read-only attribute", "tasks": "read-only attribute"}),
    ({"group_id": None}, {"group_id": "value must be integer number"}),
])
def test_a_refused_person_update_changes_nothing(api, changes, errors):
    before = api.get(PERSON + "/59233").json()
    assert api.patch(PERSON + "/59233", json={"note": "changed", **changes}).json() == {"success": False, "data": errors}
    assert api.get(PERSON + "/59233").json() == before


def test_person_create_needs_a_group(api):
    assert api.post(PERSON, json={"displayname": "x"}).json() == {"success": False,
                                                                  "data": {"group_id": "value is required"}}


def test_person_external_id_is_case_sensitive(api):
    assert api.get(PERSON + "/external/ABC123").json() == {"success": False, "data": None,
                                                          "error": "Unknown person external_id"}


def test_person_delete(api):
    assert api.delete(PERSON + "/59233").json() == {"success": True, "data": None}
    assert api.get(PERSON + "/external/abc123").json()["error"] == "Unknown person external_id"
    assert api.delete(PERSON + "/59233").json()["error"] == "Unknown person id"
    assert api.get(API + "/crm/persons").json()["total"] == 3
    # Its external_id is free again.
    assert api.post(PERSON, json={"group_id": 1, "external_id": "abc123"}).json()["success"] is True


def test_a_person_detail_lists_its_companies(api):
    api.patch(COMPANY + "/5313", json={"persons": [{"person_id": 59233, "role": "jednatel"}]})
    assert api.get(PERSON + "/59233").json()["data"]["companies"] == [{"company_id": 5313, "role": "jednatel"}]


def test_company_create_read_update_delete(api):
    assert api.post(COMPANY, json={"group_id": 1, "name": "Společnost a.s."}).json() == {"success": True, "data": 10765}
    assert api.get(COMPANY + "/10765").json()["data"] == {
        "id": 10765, "group_id": 1, "name": "Společnost a.s.", "external_id": None, "data": {}, "persons": [],
        "tasks": []}
    # The seed's company update example, on a company that exists.
    persons = [{"person_id": 123456, "role": "dodavatel"}, {"person_id": 123457, "role": "jednatel"}]
    assert api.patch(COMPANY + "/10764", json={"persons": persons}).json() == {"success": True, "data": None}
    detail = api.get(COMPANY + "/external/ins").json()["data"]
    assert detail["persons"] == persons and detail["data"] == {"ico": "04110889"}  # replaced; the rest kept
    api.patch(COMPANY + "/10764", json={"name": "INSOFT a.s."})
    assert api.get(COMPANY + "/10764").json()["data"]["persons"] == persons
    assert api.delete(COMPANY + "/10764").json() == {"success": True, "data": None}
    assert api.get(COMPANY + "/10764").json() == {"success": False, "data": None, "error": "Unknown company id"}


@pytest.mark.parametrize("changes, errors", [
    ({"persons": [{"person_id": "1"}]}, {"persons": "item 0: person_id must be integer number"}),
    ({"persons": [{"person_id": 1, "boss": True}]}, {"persons": "item 0: unknown attribute boss"}),
    ({"name": ["x"], "external_id": "74"}, {"name": "value must be string", "external_id": "value already exists"}),
    ({"tasks": []}, {"tasks": "read-only attribute"}),
])
def test_a_refused_company_update_changes_nothing(api, changes, errors):
    before = api.get(COMPANY + "/10764").json()
    assert api.patch(COMPANY + "/10764", json={"name": "changed", **changes}).json() == {"success": False,
                                                                                        "data": errors}
    assert api.get(COMPANY + "/10764").json() == before


def test_persons_and_companies_by_external_id_are_read_only_paths(api):
    assert api.patch(PERSON + "/external/abc123", json={"note": "x"}).status_code == 405
    assert api.delete(COMPANY + "/external/ins").status_code == 405
