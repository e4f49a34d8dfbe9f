"""XUC call qualifications (by queue as the seed shows, every answer, a created answer, the CSV
export) and mobile push registration."""

import pytest

from bridge.testing.fakes import XucFake
from bridge.testing.fakes.xuc_fixtures import QUALIFICATION_ANSWERS, QUALIFICATIONS

from xuc_fake_helpers import API, cti_client, web_service_client

ANSWER = {**QUALIFICATION_ANSWERS[0], "callid": "callid2", "queue": 42}


@pytest.fixture
def fake():
    return XucFake()


def test_qualifications_of_a_queue(fake):
    client = cti_client(fake)
    assert client.get(API + "/call_qualification/queue/42").json() == QUALIFICATIONS[42]
    assert client.get(API + "/call_qualification/queue/7").json() == []
    assert client.get(API + "/call_qualification/queue/x").json()["error"] == "BadRequest"


def test_create_an_answer_then_list_them_all(fake):
    created = cti_client(fake).post(API + "/call_qualification", json=ANSWER)
    assert created.status_code == 201 and created.json() == ANSWER
    assert web_service_client(fake).get(API + "/call_qualification").json() == [QUALIFICATION_ANSWERS[0], ANSWER]


@pytest.mark.parametrize("change", [{"agent": "1"}, {"time": None}, {"agent": True}])
def test_a_bad_answer_is_400(fake, change):
    answer = cti_client(fake).post(API + "/call_qualification", json={**ANSWER, **change})
    assert answer.status_code == 400 and answer.json()["error"] == "JsonErrorDecoding"
    assert cti_client(fake).post(API + "/call_qualification").json()["error"] == "JsonBodyNotFound"
    assert len(fake.qualification_answers) == 1


def test_the_csv_export_of_a_queue(fake):
    client = cti_client(fake)
    answer = client.get(API + "/call_qualification/csv/1/2018-03-01/2018-04-01")
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.text == ("sub_qualification_id,time,callid,agent,queue,first_name,last_name,comment,custom_data\n"
                           "1,2018-03-21 17:00:00,callid1,1,1,john,doe,some comment,some custom data\n")
    assert client.get(API + "/call_qualification/csv/42/a/b").text.count("\n") == 1  # the header only


def test_mobile_push_registration(fake):
    client = cti_client(fake)
    answer = client.post(API + "/mobile/push/register", json={"token": "1234-5678"})
    assert answer.status_code == 201 and fake.push_tokens == {"cti_user_login": "1234-5678"}
    assert client.post(API + "/mobile/push/register", json={"login": "x"}).json()["error"] == "JsonErrorDecoding"
