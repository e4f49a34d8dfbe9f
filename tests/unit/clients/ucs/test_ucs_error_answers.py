"""UCS's error answers raise the error tree's classes: ``success: false`` on a PATCH is a
ValidationError with the seed's field messages, on a detail a NotFoundError; the OAuth 400 and 401
bodies an AuthenticationError with the vendor's code and description."""

import httpx2
import pytest

from bridge.clients.errors import (ApiError, AuthenticationError, MalformedResponseError, NotFoundError, ServerError,
                                   ValidationError)
from ucs_helpers import (LOGIN_BAD_CREDENTIALS, LOGIN_BAD_REQUEST, UPDATE_USER_REFUSED, UPDATE_USER_REFUSED_BODY,
                         Seed, client)


def test_a_refused_patch_is_a_validation_error_with_the_seeds_fields():
    seed = Seed({"PATCH /user/external/T1000": UPDATE_USER_REFUSED})
    with client(seed) as c, pytest.raises(ValidationError) as raised:
        c.update_user_by_external_id("T1000", UPDATE_USER_REFUSED_BODY)
    error = raised.value
    assert error.fields == {"number": "contain invalid character (invalid character \"c\")",
                            "filter_id": "value must be integer number"}
    assert (error.vendor, error.operation, error.status, error.method) == ("UCS", "users.update", 200, "PATCH")
    assert error.url == "https://ucs.example.com/api/v1.0/user/external/T1000"
    assert "filter_id: value must be integer number" in str(error)
    assert len(seed.api_requests) == 1  # a refusal is an answer, not a failure to retry


@pytest.mark.parametrize("ask, route", [
    (lambda c: c.user(999), "GET /user/999"),
    (lambda c: c.person_by_external_id("nope"), "GET /crm/person/external/nope"),
    (lambda c: c.call_record("1.1"), "GET /call/1.1"),
])
def test_success_false_on_a_detail_is_not_found(ask, route):
    seed = Seed({route: {"success": False, "error": "Record not found"}})
    with client(seed) as c, pytest.raises(NotFoundError) as raised:
        ask(c)
    assert raised.value.vendor_message == "Record not found"
    assert "Record not found" in str(raised.value)


def test_success_false_on_a_list_is_an_api_error_not_not_found():
    seed = Seed({"GET /queues": {"success": False, "error": "database down"}})
    with client(seed) as c, pytest.raises(ApiError) as raised:
        c.queues()
    assert type(raised.value) is ApiError and raised.value.vendor_message == "database down"


@pytest.mark.parametrize("status, answer, code", [(400, LOGIN_BAD_REQUEST, "invalid_request"),
                                                  (401, LOGIN_BAD_CREDENTIALS, "invalid_client")])
def test_an_oauth_refusal_is_an_authentication_error_with_the_vendor_code(status, answer, code):
    seed = Seed({}, login=lambda request: httpx2.Response(status, json=answer))
    with client(seed) as c, pytest.raises(AuthenticationError) as raised:
        c.status()
    error = raised.value
    assert (error.status, error.vendor_code, error.vendor_message) == (status, code, answer["error_description"])
    assert error.operation == "login"
    assert answer["error_description"] in str(error)
    assert seed.api_requests == [] and len(seed.logins) == 1  # refused credentials are not tried again


def test_a_500_is_a_server_error_after_the_retries():
    seed = Seed({"GET /groups": lambda request: httpx2.Response(500, json={"error": "Traceback..."})})
    with client(seed, sleep=lambda seconds: None) as c, pytest.raises(ServerError) as raised:
        c.groups()
    assert raised.value.status == 500 and raised.value.vendor_message == "Traceback..."
    assert len(seed.api_requests) == 4  # the first attempt and RetryPolicy's 3 retries


@pytest.mark.parametrize("answer", [b"<html>gateway</html>", b'{"data": []}', b'{"success": true, "data": {}}'])
def test_an_answer_outside_the_document_is_malformed(answer):
    seed = Seed({"GET /groups": lambda request: httpx2.Response(200, content=answer)})
    with client(seed) as c, pytest.raises(MalformedResponseError):
        c.groups()
