"""XUC callback lists, for web-service users: the requests CSV import (Content-Type text/json, the
CSV joined by \\n, as the seed's example) and the tickets CSV export."""

import json

import pytest

from bridge.testing.fakes import XucFake
from bridge.testing.fakes.xuc_fixtures import CALLBACK_IMPORT_EXAMPLE

from xuc_fake_helpers import API, web_service_client

IMPORT = API + "/callback_lists/callback_requests/csv"
EXPORT = API + "/callback_lists/callback_tickets/csv"


@pytest.fixture
def fake():
    return XucFake()


@pytest.fixture
def client(fake):
    return web_service_client(fake)


def post_import(client, body, content_type="text/json"):
    return client.post(IMPORT, content=json.dumps(body).encode(), headers={"Content-Type": content_type})


def test_import_the_seeds_example_then_export_its_tickets(fake, client):
    answer = post_import(client, CALLBACK_IMPORT_EXAMPLE)
    assert answer.status_code == 200 and answer.json() == {"res": "success", "data": {"listUuid": "1", "created": 2}}
    assert [r["lastName"] for r in fake.callback_lists["1"]] == ["Doe", "O'Neill"]
    assert fake.callback_imports == [{"listUuid": "1", "content_type": "text/json", "count": 2}]
    export = client.post(EXPORT, json={"listUuid": "1"})
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    lines = export.text.splitlines()
    assert lines[0] == ("uuid,listUuid,phoneNumber,mobilePhoneNumber,firstName,lastName,company,description,"
                        "dueDate,period,status")
    assert lines[2].endswith(",1,0587963214,0789654123,Alice,O'Neill,YourSociety,,2016-08-01,Afternoon,Open")
    assert client.post(EXPORT, json={"listUuid": "jsdfh-90298J-hdjkfd"}).text.count("\n") == 1


def test_application_json_is_taken_too_and_recorded(fake, client):
    assert post_import(client, CALLBACK_IMPORT_EXAMPLE, "application/json").status_code == 200
    assert fake.callback_imports[0]["content_type"] == "application/json"


def test_another_content_type_is_refused(fake, client):
    answer = post_import(client, CALLBACK_IMPORT_EXAMPLE, "text/csv")
    assert answer.status_code == 400 and fake.callback_lists["1"] == []


@pytest.mark.parametrize("body, error", [
    ({**CALLBACK_IMPORT_EXAMPLE, "listUuid": "unknown"}, "BadRequest"),
    ({"listUuid": "1"}, "JsonErrorDecoding"),
    ({**CALLBACK_IMPORT_EXAMPLE, "csv": CALLBACK_IMPORT_EXAMPLE["csv"] + "\n0100|x"}, "JsonErrorDecoding"),
    ({**CALLBACK_IMPORT_EXAMPLE, "csv": "name|phoneNumber\nx|1"}, "JsonErrorDecoding"),
    ({**CALLBACK_IMPORT_EXAMPLE, "csv": "phoneNumber|dueDate\n1|tomorrow"}, "JsonErrorDecoding"),
])
def test_a_bad_import_changes_nothing(fake, client, body, error):
    answer = post_import(client, body)
    assert answer.status_code == 400 and answer.json()["error"] == error
    assert fake.callback_lists["1"] == [] and fake.callback_imports == []


def test_export_of_an_unknown_list(client):
    assert client.post(EXPORT, json={"listUuid": "unknown"}).json()["error"] == "BadRequest"
    assert client.post(EXPORT).json()["error"] == "JsonBodyNotFound"
