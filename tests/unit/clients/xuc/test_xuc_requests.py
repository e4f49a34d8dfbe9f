"""Each XUC 2.0 operation sends the request the seed shows: method, path, query, headers, body
(the seed's curl examples), with the bearer token of the login."""

import json

import httpx2
import pytest
from xuc_seed import (API, CALLBACKS_CSV, CONTACT, CONTACTS, CONTACTS_CSV, HISTORY, IMPORTED, QUALIFICATION_ANSWER,
                      QUALIFICATIONS, QUALIFICATIONS_CSV, SUCCESS, WS_LOGIN, WS_PASSWORD, Xuc, body, client, cti)

UUID = "28079dc0-2c6b-4332-9075-61da9229389f"
VARIABLES = {"varname1": "varval1", "varname2": "varval2"}


def csv_answer(text):
    return lambda request: httpx2.Response(200, text=text, headers={"Content-Type": "text/csv; charset=utf-8"})


ROUTES = {
    f"GET /contact/personal": CONTACTS, f"GET /contact/personal/{UUID}": CONTACT, "POST /contact/personal": CONTACT,
    f"PUT /contact/personal/{UUID}": CONTACT, f"DELETE /contact/personal/{UUID}": httpx2.Response(204),
    "DELETE /contact/personal": httpx2.Response(204), "GET /contact/export/personal": csv_answer(CONTACTS_CSV),
    "POST /contact/import/personal": lambda request: httpx2.Response(201, json=IMPORTED),
    "GET /call_qualification/queue/42": QUALIFICATIONS, "POST /call_qualification": httpx2.Response(201),
    "GET /call_qualification": [QUALIFICATION_ANSWER],
    "GET /call_qualification/csv/42/home/office": csv_answer(QUALIFICATIONS_CSV),
    "POST /mobile/push/register": httpx2.Response(201),
    "POST /dial/number/jbond": SUCCESS, "POST /dial/user/jbond": SUCCESS, "POST /dial/fromqueue/jbond": SUCCESS,
    "POST /dial/toqueue": SUCCESS, "POST /dnd/jbond": SUCCESS, "POST /forward/unconditional/jbond": SUCCESS,
    "POST /forward/noanswer/jbond": SUCCESS, "POST /forward/busy/jbond": SUCCESS,
    "GET /history/jbond": {"res": "success", "data": HISTORY}, "GET /history/days/jbond": {"res": "success", "data": HISTORY},
    "POST /callback_lists/callback_requests/csv": SUCCESS,
    "POST /callback_lists/callback_tickets/csv": csv_answer("uuid,phoneNumber\n1,0230210092\n"),
}


@pytest.fixture
def xuc():
    return Xuc(ROUTES, acls=["xuc.rest.#"])


def last(xuc):
    request = xuc.calls()[-1]
    return request.method, request.url.raw_path.decode("ascii"), request


def test_the_web_service_login_posts_the_seeds_json(xuc):
    c = client(xuc)
    c.login()
    login = xuc.requests[0]
    assert (login.method, login.url.path) == ("POST", API + "/auth/webservice")
    assert login.headers["content-type"] == "application/json"
    assert body(login) == {"login": WS_LOGIN, "password": WS_PASSWORD}


def test_every_call_carries_the_bearer_token(xuc):
    c = client(xuc)
    c.set_dnd("jbond", True)
    assert xuc.calls()[0].headers["authorization"] == f"Bearer {xuc.token_for(1)}"


CASES = [
    (lambda c: c.contacts(), "GET", "/contact/personal", None),
    (lambda c: c.contact(UUID), "GET", f"/contact/personal/{UUID}", None),
    (lambda c: c.create_contact({"firstname": "doe", "lastname": "john", "number": "1111", "mobile": "2222",
                                 "fax": "3333", "email": "j.doe@my.corp"}), "POST", "/contact/personal",
     {"firstname": "doe", "lastname": "john", "number": "1111", "mobile": "2222", "fax": "3333", "email": "j.doe@my.corp"}),
    (lambda c: c.update_contact(UUID, {"number": "1111"}), "PUT", f"/contact/personal/{UUID}", {"number": "1111"}),
    (lambda c: c.delete_contact(UUID), "DELETE", f"/contact/personal/{UUID}", None),
    (lambda c: c.delete_all_contacts(), "DELETE", "/contact/personal", None),
    (lambda c: c.export_contacts(), "GET", "/contact/export/personal", None),
    (lambda c: c.qualifications(42), "GET", "/call_qualification/queue/42", None),
    (lambda c: c.create_qualification(QUALIFICATION_ANSWER), "POST", "/call_qualification", QUALIFICATION_ANSWER),
    (lambda c: c.qualification_answers(), "GET", "/call_qualification", None),
    (lambda c: c.export_qualifications(42, "home", "office"), "GET", "/call_qualification/csv/42/home/office", None),
    (lambda c: c.register_push("1234-5678"), "POST", "/mobile/push/register", {"token": "1234-5678"}),
    (lambda c: c.dial_number("jbond", "0123456789", VARIABLES), "POST", "/dial/number/jbond",
     {"destination": "0123456789", "variables": VARIABLES}),
    (lambda c: c.dial_user("jbond", "drno", VARIABLES), "POST", "/dial/user/jbond",
     {"username": "drno", "variables": VARIABLES}),
    (lambda c: c.dial_from_queue("jbond", "0123456789", 152, VARIABLES), "POST", "/dial/fromqueue/jbond",
     {"destination": "0123456789", "queueId": 152, "variables": VARIABLES}),
    (lambda c: c.dial_to_queue("0123456789", "support", "0403010200", VARIABLES), "POST", "/dial/toqueue",
     {"destination": "0123456789", "queueName": "support", "callerIdNumber": "0403010200", "variables": VARIABLES}),
    (lambda c: c.set_dnd("jbond", True), "POST", "/dnd/jbond", {"state": True}),
    (lambda c: c.forward_unconditional("jbond", "0123456789"), "POST", "/forward/unconditional/jbond",
     {"destination": "0123456789", "enabled": True}),
    (lambda c: c.forward_no_answer("jbond", "0123456789"), "POST", "/forward/noanswer/jbond",
     {"destination": "0123456789", "enabled": True}),
    (lambda c: c.forward_busy("jbond", "0123456789"), "POST", "/forward/busy/jbond",
     {"destination": "0123456789", "enabled": True}),
    (lambda c: c.history("jbond", 10), "GET", "/history/jbond?size=10", None),
    (lambda c: c.history_days("jbond", 10), "GET", "/history/days/jbond?days=10", None),
    (lambda c: c.export_callback_tickets("jsdfh-90298J-hdjkfd"), "POST", "/callback_lists/callback_tickets/csv",
     {"listUuid": "jsdfh-90298J-hdjkfd"}),
]


@pytest.mark.parametrize("run, method, path, sent", CASES)
def test_each_operation_sends_the_seeds_request(xuc, run, method, path, sent):
    run(client(xuc))
    got_method, got_path, request = last(xuc)
    assert (got_method, got_path) == (method, API + path)
    if sent is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json" and body(request) == sent


def test_turning_a_forward_off_needs_no_number(xuc):
    client(xuc).forward_busy("jbond", "", enabled=False)
    assert body(last(xuc)[2]) == {"destination": "", "enabled": False}


def test_the_callback_import_is_text_json_with_the_csv_joined_by_newlines(xuc):
    client(xuc).import_callbacks("1", CALLBACKS_CSV.replace("\n", "\r\n"))
    _, path, request = last(xuc)
    assert path == API + "/callback_lists/callback_requests/csv"
    assert request.headers["content-type"] == "text/json"
    assert body(request) == {"listUuid": "1", "csv": CALLBACKS_CSV}
    assert b"\\n0230210092" in request.content  # the line breaks travel as JSON's \n


def test_the_contacts_import_uploads_the_csv_as_the_seeds_file_part(xuc):
    client(xuc).import_contacts(CONTACTS_CSV)
    _, path, request = last(xuc)
    assert path == API + "/contact/import/personal"
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=")[1]
    assert request.content == (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                               f"filename=\"contacts.csv\"\r\nContent-Type: text/csv\r\n\r\n{CONTACTS_CSV}\r\n"
                               f"--{boundary}--\r\n").encode()


def test_the_cti_login_posts_to_auth_login(xuc):
    xuc.user_type = "cti"
    cti(xuc).contacts()
    assert xuc.requests[0].url.path == API + "/auth/login"
    assert body(xuc.requests[0]) == {"login": "cti_user_login", "password": "cti_user_password"}


def test_check_sends_the_token_and_reads_the_answer(xuc):
    c = client(xuc)
    answer = c.check()
    assert xuc.requests[-1].url.path == API + "/auth/check"
    assert xuc.requests[-1].headers["authorization"] == f"Bearer {xuc.token_for(1)}"
    assert answer.login == WS_LOGIN and answer.token == xuc.token_for(2) and answer.TTL == 3600
