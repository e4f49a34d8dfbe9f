"""XUC's ACLs: ``*`` is one segment, ``#`` any number (none included); an endpoint needs the ACL
the seed names with the path's values in place; without it, or as a CTI user on a web-service-only
endpoint, the answer is 403 Forbidden naming the ACL, and nothing changes."""

import pytest

from bridge.testing.fakes import XucFake, XucWebServiceUser

from xuc_fake_helpers import API, cti_client, web_service_client


# The matcher is the client's (bridge.clients.xuc.api.granted, tested with the client); these
# check that the fake answers by it: a web-service user holding one ACL, on the endpoint it names.
@pytest.mark.parametrize("acl, method, path, allowed", [
    ("xuc.rest.dial.number.*.create", "POST", "/dial/number/jbond", True),
    ("xuc.rest.history.*.read", "GET", "/history/days/jbond?days=1", False),  # * is exactly one segment
    ("xuc.rest.call_qualification.csv.#.read", "GET", "/call_qualification/csv/1/home/office", True),
    ("xuc.rest.#", "POST", "/dnd/jbond", True),
    ("xuc.rest.dnd.jbond.create", "POST", "/dnd/drno", False),
])
def test_the_fake_answers_by_the_acl_patterns(acl, method, path, allowed):
    client = web_service_client(XucFake(webservice_users={"desk": XucWebServiceUser("pw", (acl,))}), ("desk", "pw"))
    body = {"destination": "1"} if "dial" in path else {"state": True} if "dnd" in path else None
    answer = client.request(method, API + path, json=body)
    assert answer.status_code == (200 if allowed else 403), answer.text


def test_a_web_service_user_holding_the_cti_alias_has_its_acls():
    # The seed: CTI users' permissions "are contained into the alias alias.ctiuser".
    client = web_service_client(XucFake(webservice_users={"desk": XucWebServiceUser("pw", ("alias.ctiuser",))}),
                                ("desk", "pw"))
    assert client.get(API + "/contact/personal").status_code == 200
    assert client.post(API + "/dnd/jbond", json={"state": True}).status_code == 403


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
