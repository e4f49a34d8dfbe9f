"""XUC personal contacts, a CTI user's own: list (the seed's entries/headers shape), get, create,
update, delete one, delete all, CSV export and import, with the seed's error codes."""

import pytest

from bridge.testing.fakes import XucFake

from xuc_fake_helpers import API, cti_client

CONTACTS = API + "/contact/personal"
SEED_ID = "28079dc0-2c6b-4332-9075-61da9229389f"
NEW = {"firstname": "jane", "lastname": "roe", "number": "4444"}
CSV_HEADER = "company,email,fax,firstname,lastname,mobile,number"


@pytest.fixture
def fake():
    return XucFake()


@pytest.fixture
def client(fake):
    return cti_client(fake)


def test_the_list_has_the_seeds_shape(client):
    answer = client.get(CONTACTS).json()
    assert answer["headers"] == ["Firstname", "Lastname", "Number", "Mobile", "Favorite"]
    assert answer["entries"][:2] == [
        {"status": 0, "entry": ["hawkeye", "pierce", "1002", "0761187406", "false"]},
        {"status": -2, "entry": ["peter", "pan", "1004", "", "false"]}]


def test_get_the_seeds_contact(client):
    assert client.get(f"{CONTACTS}/{SEED_ID}").json() == {
        "id": SEED_ID, "firstname": "doe", "lastname": "john", "number": "1111", "mobile": "2222", "fax": "3333",
        "email": "j.doe@my.corp", "company": "corp"}


def test_an_unknown_contact_is_404(client):
    answer = client.get(f"{CONTACTS}/00000000-0000-0000-0000-000000000000")
    assert answer.status_code == 404 and answer.json()["error"] == "ContactNotFound"
    assert client.put(f"{CONTACTS}/nope", json=NEW).json()["error"] == "ContactNotFound"
    assert client.delete(f"{CONTACTS}/nope").status_code == 404


def test_create_update_delete(fake, client):
    created = client.post(CONTACTS, json=NEW).json()
    assert created == {"id": created["id"], **NEW, "mobile": "", "fax": "", "email": "", "company": ""}
    assert client.get(f"{CONTACTS}/{created['id']}").json() == created
    updated = client.put(f"{CONTACTS}/{created['id']}", json={**NEW, "company": "acme"}).json()
    assert updated["company"] == "acme" and fake.contacts["cti_user_login"][created["id"]]["company"] == "acme"
    assert client.delete(f"{CONTACTS}/{created['id']}").status_code == 204
    assert created["id"] not in fake.contacts["cti_user_login"]


def test_contacts_are_the_users_own(fake, client):
    client.post(CONTACTS, json=NEW)
    other = cti_client(fake, ("jbond", "jbond_password"))
    assert other.get(CONTACTS).json()["entries"] == []
    assert other.get(f"{CONTACTS}/{SEED_ID}").status_code == 404


def test_delete_all(fake, client):
    assert client.delete(CONTACTS).status_code == 204
    assert client.get(CONTACTS).json()["entries"] == [] and fake.contacts["cti_user_login"] == {}


@pytest.mark.parametrize("body", [
    {"firstname": "jane"},  # no way to reach her
    {"number": "4444"},  # no name
    {**NEW, "nickname": "j"},  # not a contact field
    {**NEW, "number": 4444},
])
def test_an_invalid_contact_is_400(client, body):
    answer = client.post(CONTACTS, json=body)
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidContact"


def test_a_body_that_is_not_json_is_the_seeds_500(client):
    answer = client.post(CONTACTS, content=b"{nope", headers={"Content-Type": "application/json"})
    assert answer.status_code == 500 and answer.json()["error"] == "JsonParsingError"


def test_a_duplicate_is_409(client):
    assert client.post(CONTACTS, json=NEW).status_code == 200
    answer = client.post(CONTACTS, json=NEW)
    assert answer.status_code == 409 and answer.json()["error"] == "DuplicateContact"
    seed = client.get(f"{CONTACTS}/{SEED_ID}").json()
    assert client.put(f"{CONTACTS}/{SEED_ID}", json={k: v for k, v in seed.items() if k != "id"}).status_code == 200


def test_export_is_the_seeds_csv(client):
    client.delete(CONTACTS)
    client.post(CONTACTS, json={"company": "corp", "email": "jdoe@company.corp", "fax": "3333", "firstname": "John",
                                "lastname": "Doe", "mobile": "2222", "number": "1111"})
    answer = client.get(API + "/contact/export/personal")
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.text == f"{CSV_HEADER}\ncorp,jdoe@company.corp,3333,John,Doe,2222,1111\n"


CSV = f"{CSV_HEADER}\ncorp,jdoe@company.corp,3333,John,Doe,2222,1111\na,b,c,d,e,f,g,h\n,,,Wayne,,,\n"


def _check_import(fake, answer):
    assert answer.status_code == 201
    body = answer.json()
    assert [c["lastname"] for c in body["created"]] == ["Doe"]
    assert body["failed"][0] == {"line": 3, "errors": ["too many fields"]}
    assert body["failed"][1]["line"] == 4
    assert body["created"][0]["id"] in fake.contacts["cti_user_login"]


def test_import_the_csv_as_the_body(fake, client):
    _check_import(fake, client.post(API + "/contact/import/personal", content=CSV.encode(),
                                    headers={"Content-Type": "text/csv"}))


def test_import_the_csv_as_a_form_file(fake, client):
    _check_import(fake, client.post(API + "/contact/import/personal",
                                    files={"file": ("file.csv", CSV.encode(), "text/csv")}))


def test_import_refuses_an_unknown_column(client):
    answer = client.post(API + "/contact/import/personal", content=b"name,number\nx,1\n")
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidContact"
