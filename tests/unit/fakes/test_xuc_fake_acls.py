"""XUC's ACLs: ``*`` is one segment, ``#`` any number (none included); an endpoint needs the ACL
the seed names with the path's values in place; without it, or as a CTI user on a web-service-only
endpoint, the answer is 403 Forbidden naming the ACL, and nothing changes."""

import pytest

from bridge.testing.fakes import XucFake, XucWebServiceUser
from bridge.testing.fakes.xuc import acl_allows

from xuc_fake_helpers import API, cti_client, web_service_client


@pytest.mark.parametrize("pattern, acl, allowed", [
    ("xuc.rest.dial.number.*.create", "xuc.rest.dial.number.jbond.create", True),
    ("xuc.rest.dial.number.*.create", "xuc.rest.dial.number.create", False),  # * is exactly one segment
    ("xuc.rest.dial.number.*.create", "xuc.rest.dial.number.a.b.create", False),
    ("xuc.rest.history.*.read", "xuc.rest.history.days.jbond.read", False),
    ("xuc.rest.call_qualification.csv.#.read", "xuc.rest.call_qualification.csv.42.home.office.read", True),
    ("xuc.rest.call_qualification.csv.#.read", "xuc.rest.call_qualification.csv.read", True),  # # may be none
    ("xuc.rest.config.#.read", "xuc.rest.config.meetingrooms.read", True),
    ("xuc.rest.config.#.read", "xuc.rest.config.meetingrooms.create", False),
    ("xuc.rest.#", "xuc.rest.dnd.jbond.create", True),
    ("xuc.rest.dnd.jbond.create", "xuc.rest.dnd.drno.create", False),
])
def test_acl_patterns(pattern, acl, allowed):
    assert acl_allows([pattern], tuple(acl.split("."))) is allowed


def test_a_username_with_a_dot_is_one_segment():
    assert acl_allows(["xuc.rest.dnd.*.create"], ("xuc", "rest", "dnd", "j.bond", "create"))


def test_a_token_without_the_acl_is_403_forbidden_naming_it():
    fake = XucFake()
    client = web_service_client(fake, ("dialer", "dialer_password"))
    assert client.post(API + "/dial/number/jbond", json={"destination": "1"}).status_code == 200
    answer = client.post(API + "/dnd/jbond", json={"state": True})
    assert answer.status_code == 403 and answer.json()["error"] == "Forbidden"
    assert "xuc.rest.dnd.jbond.create" in answer.json()["message"]
    assert fake.dnd["jbond"] is False


def test_an_acl_for_one_user_only():
    fake = XucFake(webservice_users={"desk": XucWebServiceUser("pw", ("xuc.rest.dnd.jbond.create",))})
    client = web_service_client(fake, ("desk", "pw"))
    assert client.post(API + "/dnd/jbond", json={"state": True}).status_code == 200
    assert client.post(API + "/dnd/drno", json={"state": True}).status_code == 403


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/dial/number/jbond", {"destination": "1"}),
    ("POST", "/dial/toqueue", {"destination": "1", "queueName": "q", "callerIdNumber": "2"}),
    ("POST", "/dnd/jbond", {"state": True}),
    ("POST", "/forward/busy/jbond", {"destination": "1", "enabled": True}),
    ("GET", "/history/jbond?size=1", None),
    ("POST", "/callback_lists/callback_tickets/csv", {"listUuid": "1"}),
    ("GET", "/call_qualification", None),  # GET is "read": alias.ctiuser has create only
])
def test_a_cti_user_on_a_web_service_endpoint_is_refused(method, path, body):
    answer = cti_client(XucFake()).request(method, API + path, json=body)
    assert answer.status_code == 403 and answer.json()["error"] == "Forbidden"


def test_the_refusal_says_the_endpoint_is_for_web_service_users():
    fake = XucFake(webservice_users={})
    answer = cti_client(fake).post(API + "/dnd/jbond", json={"state": True})
    assert "web service users" in answer.json()["message"]


def test_a_web_service_user_without_contact_acls_is_refused_contacts():
    answer = web_service_client(XucFake()).get(API + "/contact/personal")
    assert answer.status_code == 403 and "xuc.rest.contact.personal.read" in answer.json()["message"]
