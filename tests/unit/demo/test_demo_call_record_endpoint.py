"""``GET /crm/api/call-record/<uniqueid>``: the call's record, read by the demo server through the
UCS REST client, as JSON the CRM's page shows; clear errors, and never the client's secret."""

from pathlib import Path

import pytest

from crm_page import UNIQUEID, ask, asked, crm, fail_every_api_call, fake  # noqa: F401 - fixtures
from demo.server import demo_routes
from demo_client import FORM_ORIGIN, UCS_SECRET, Client, routes

RECORD = f"/crm/api/call-record/{UNIQUEID}"


def test_the_record_has_duration_recording_and_hang_up_cause(crm, fake):
    status, record, headers = ask(crm, "GET", RECORD, origin=None)
    assert status == 200 and record == {
        "uniqueid": UNIQUEID, "ended": True, "duration": 65, "recording": True, "recording_duration": 65,
        "cause": 3, "cause_name": "caller hung up", "metadata": {"crm_contact": "Alan Turing"}}
    assert ("GET", f"/api/v1.0/call/{UNIQUEID}") in asked(fake)  # through the client, from the fake
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin" and headers["Cache-Control"] == "no-store"
    assert "Access-Control-Allow-Origin" not in headers


def test_a_call_ucs_does_not_know_is_404(crm):
    status, answer, _ = ask(crm, "GET", "/crm/api/call-record/1732441200.99", origin=None)
    assert status == 404 and answer == {"error": {"status": 404, "code": "API_ERROR",
                                                  "message": "UCS knows no call 1732441200.99"}}


@pytest.mark.parametrize("failure", [503, 500, 403])
def test_any_other_failure_of_the_client_is_502_without_the_secret(crm, fake, failure):
    fail_every_api_call(fake, failure)
    status, answer, _ = ask(crm, "GET", RECORD, origin=None)
    assert status == 502 and answer["error"]["status"] == 502 and answer["error"]["code"] == "API_ERROR"
    assert answer["error"]["message"].startswith(f"UCS did not answer for call {UNIQUEID}")
    assert f"HTTP {failure}" in answer["error"]["message"] and UCS_SECRET not in str(answer)


def test_by_default_the_demo_runs_a_ucs_fake_that_knows_its_client():
    crm = Client(demo_routes(Path("dist"), form_origin=FORM_ORIGIN, ucs_secret=UCS_SECRET))
    crm.sign_in()
    status, record, _ = ask(crm, "GET", "/crm/api/call-record/1723018607.115", origin=None)  # the seed's call
    assert status == 200 and (record["duration"], record["cause"]) == (524, 3)


def test_a_login_the_fake_refuses_is_502_and_names_no_secret(fake):
    crm = Client(routes(ucs_fake=fake.__class__(client_id="someone-else", client_secret="x")))
    crm.sign_in()
    status, answer, _ = ask(crm, "GET", RECORD, origin=None)
    assert status == 502 and "AuthenticationError" in answer["error"]["message"] and UCS_SECRET not in str(answer)


@pytest.mark.parametrize("uniqueid", ["1732441200", "abc.def", "1.2.3", "..%2f..%2flogin", "1.2%2fx", "%20 1.2",
                                      "1" * 13 + ".1", ""])
def test_a_uniqueid_that_is_not_digits_dot_digits_is_400_before_the_client_is_called(crm, fake, uniqueid):
    status, answer, _ = ask(crm, "GET", f"/crm/api/call-record/{uniqueid}", origin=None)
    assert status == 400 and answer["error"]["code"] == "INVALID_ARGUMENT"
    assert fake.requests == []


def test_only_the_signed_in_crm_users_own_page_may_read(crm, fake):
    assert ask(crm, "GET", RECORD, origin="http://evil.example", site="cross-site")[0] == 403
    assert ask(crm, "GET", RECORD, origin=None, site="same-site")[0] == 403  # the form's origin, say
    assert ask(crm, "POST", RECORD, {}, origin=None)[0] == 405
    crm.request("POST", "/crm/sign-out", b"", "application/x-www-form-urlencoded")
    status, answer, _ = ask(crm, "GET", RECORD, origin=None)
    assert status == 401 and answer["error"]["message"] == "not signed in to the CRM"
    assert fake.requests == []
