"""XUC personal contact update (PUT): the seed says "All fields are optional", so the fields sent
replace the contact's and the others are kept; the contact that results must still be one a
create would take (a name, a way to reach it, no duplicate), else it is refused unchanged."""

import pytest

from bridge.testing.fakes import XucFake

from xuc_fake_helpers import API, cti_client

CONTACTS = API + "/contact/personal"
SEED_ID = "28079dc0-2c6b-4332-9075-61da9229389f"  # the seed's contact: doe john 1111 ... corp


@pytest.fixture
def client():
    return cti_client(XucFake())  # the seed's CTI user, who owns the seed's contact


def test_a_partial_update_keeps_the_other_fields(client):
    before = client.get(f"{CONTACTS}/{SEED_ID}").json()
    answer = client.put(f"{CONTACTS}/{SEED_ID}", json={"company": "acme", "mobile": "5555"})
    assert answer.status_code == 200
    assert answer.json() == {**before, "company": "acme", "mobile": "5555"}
    assert client.get(f"{CONTACTS}/{SEED_ID}").json() == answer.json()


def test_an_empty_update_changes_nothing(client):
    before = client.get(f"{CONTACTS}/{SEED_ID}").json()
    answer = client.put(f"{CONTACTS}/{SEED_ID}", json={})
    assert answer.status_code == 200 and answer.json() == before


def test_an_update_leaving_no_name_is_refused_unchanged(client):
    before = client.get(f"{CONTACTS}/{SEED_ID}").json()
    answer = client.put(f"{CONTACTS}/{SEED_ID}", json={"firstname": "", "lastname": ""})
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidContact"
    assert client.get(f"{CONTACTS}/{SEED_ID}").json() == before


def test_an_update_with_an_unknown_field_is_refused(client):
    answer = client.put(f"{CONTACTS}/{SEED_ID}", json={"nickname": "jd"})
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidContact"


def test_an_update_making_a_duplicate_is_refused(client):
    seed = {k: v for k, v in client.get(f"{CONTACTS}/{SEED_ID}").json().items() if k != "id"}
    other = client.post(CONTACTS, json={**seed, "company": "other"}).json()
    answer = client.put(f"{CONTACTS}/{other['id']}", json={"company": seed["company"]})
    assert answer.status_code == 409 and answer.json()["error"] == "DuplicateContact"
