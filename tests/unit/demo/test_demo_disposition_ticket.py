"""``POST /crm/api/disposition``: the CRM opens a ticket for a saved disposition and writes its
id onto the call's metadata through the UCS REST client (``update_metadata``)."""

import pytest

from crm_page import UNIQUEID, ask, asked, crm, fail_every_api_call, fake  # noqa: F401 - fixtures
from demo_client import UCS_SECRET

URL = "/crm/api/disposition"


def test_the_ticket_id_is_written_onto_the_calls_metadata(crm, fake):
    status, answer, headers = ask(crm, "POST", URL, {"uniqueid": UNIQUEID, "outcome": "Callback"})
    assert status == 200 and answer == {"ticket_id": "ACME-1001", "uniqueid": UNIQUEID,
                                        "metadata": {"crm_contact": "Alan Turing", "crm_ticket_id": "ACME-1001"}}
    assert fake.calls[UNIQUEID]["metadata"]["crm_ticket_id"] == "ACME-1001"
    assert ("POST", f"/api/v1.0/metadata/{UNIQUEID}") in asked(fake)
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert ask(crm, "POST", URL, {"uniqueid": UNIQUEID, "outcome": "Sale"})[1]["ticket_id"] == "ACME-1002"
    assert fake.calls[UNIQUEID]["metadata"]["crm_ticket_id"] == "ACME-1002"  # the latest disposition's


def test_a_call_ucs_does_not_know_is_404_and_others_502_each_naming_the_ticket_opened(crm, fake):
    status, answer, _ = ask(crm, "POST", URL, {"uniqueid": "1732441200.99", "outcome": "Sale"})
    assert status == 404 and answer["error"]["message"] == "UCS knows no call 1732441200.99"
    assert answer["ticket_id"] == "ACME-1001"  # open in the CRM: the page must not lose its id
    fail_every_api_call(fake, 503)
    status, answer, _ = ask(crm, "POST", URL, {"uniqueid": UNIQUEID, "outcome": "Sale"})
    assert status == 502 and "HTTP 503" in answer["error"]["message"] and UCS_SECRET not in str(answer)
    assert answer["ticket_id"] == "ACME-1002" and "crm_ticket_id" not in fake.calls[UNIQUEID]["metadata"]


BAD = [{"uniqueid": "GUID", "outcome": "Sale"}, {"uniqueid": "1.2/../x", "outcome": "Sale"},
       {"uniqueid": 1.2, "outcome": "Sale"}, {"uniqueid": UNIQUEID, "outcome": ""},
       {"uniqueid": UNIQUEID, "outcome": "x" * 65}, {"uniqueid": UNIQUEID, "outcome": 5}, {"uniqueid": UNIQUEID},
       {"uniqueid": UNIQUEID, "outcome": "Sale", "crm_ticket_id": "mine"}]


@pytest.mark.parametrize("body", BAD, ids=range(len(BAD)))
def test_bad_input_is_400_before_the_client_is_called(crm, fake, body):
    status, answer, _ = ask(crm, "POST", URL, body)
    assert status == 400 and answer["error"]["code"] == "INVALID_ARGUMENT" and fake.requests == []


def test_json_from_the_signed_in_users_own_page_only(crm, fake):
    good = {"uniqueid": UNIQUEID, "outcome": "Sale"}
    assert ask(crm, "POST", URL, b"uniqueid=1.2&outcome=Sale", content_type="application/x-www-form-urlencoded")[0] == 415
    assert ask(crm, "POST", URL, b'{"uniqueid": "1.2", "outcome": "Sale"}', content_type="text/plain")[0] == 415
    assert ask(crm, "POST", URL, b"[]")[0] == 400
    assert ask(crm, "POST", URL, good, origin="http://evil.example", site="cross-site")[0] == 403
    assert ask(crm, "POST", URL, good, origin="http://127.0.0.1:8001", site="same-site")[0] == 403
    assert ask(crm, "GET", URL, origin=None)[0] == 405
    crm.request("POST", "/crm/sign-out", b"", "application/x-www-form-urlencoded")
    assert ask(crm, "POST", URL, good)[0] == 401
    assert fake.requests == [] and "crm_ticket_id" not in fake.calls[UNIQUEID]["metadata"]
