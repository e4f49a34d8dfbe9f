"""A response is read into a result or a typed error with no I/O: the status classes, UCS's
token answer and its {success, data} envelope."""

import json

import pytest

from bridge.clients.calls import Reply
from bridge.clients.errors import (ApiError, AuthenticationError, MalformedResponseError, NotFoundError,
                                   PermissionDeniedError, RateLimitedError, ServerError, ValidationError)
from bridge.clients.flow import raise_for_status
from bridge.clients.messages import Response
from bridge.clients.redaction import Redactor
from bridge.clients.tokens import Token
from bridge.clients.ucs.api import read_data, read_token

URL = "https://ucs.test/api/v1.0/user/7"


def reply(status=200, body=None, headers=None, *, raw=None, operation="users.get", secrets=()):
    content = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return Reply(Response(status, headers or {}, content), "UCS", operation, "GET", URL, Redactor(*secrets).text)


def test_reply_error_carries_everything_about_the_request():
    error = reply(418).error(ApiError, "short and stout", vendor_code="E42", vendor_message="teapot")
    assert type(error) is ApiError
    assert (error.vendor, error.operation, error.status, error.vendor_code, error.vendor_message, error.url,
            error.method) == ("UCS", "users.get", 418, "E42", "teapot", URL, "GET")
    assert str(error) == f"UCS users.get: HTTP 418: short and stout (GET {URL})"


def test_reply_error_without_a_message_says_the_vendor_message_or_unexpected_answer():
    assert "HTTP 200: gone (GET" in str(reply().error(NotFoundError, vendor_message="gone"))
    assert "HTTP 200: unexpected answer (GET" in str(reply().error())


@pytest.mark.parametrize("status, cls", [
    (400, ValidationError), (409, ValidationError), (422, ValidationError),
    (401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError),
    (429, RateLimitedError),
    (500, ServerError), (502, ServerError), (503, ServerError), (504, ServerError), (599, ServerError),
    (302, ApiError), (405, ApiError), (418, ApiError), (100, ApiError),
])
def test_raise_for_status_maps_each_status_class(status, cls):
    with pytest.raises(ApiError) as raised:
        raise_for_status(reply(status))
    assert type(raised.value) is cls
    assert raised.value.status == status and raised.value.url == URL and raised.value.operation == "users.get"


def test_raise_for_status_names_the_http_reason_or_the_vendor_message():
    with pytest.raises(NotFoundError, match="HTTP 404: Not Found"):
        raise_for_status(reply(404))
    with pytest.raises(ServerError, match="HTTP 500: database down") as raised:
        raise_for_status(reply(500), "DB", "database down")
    assert raised.value.vendor_code == "DB" and raised.value.vendor_message == "database down"
    with pytest.raises(ApiError, match="HTTP 600: unexpected status"):
        raise_for_status(reply(600))


@pytest.mark.parametrize("status", [200, 201, 204, 299])
def test_raise_for_status_lets_2xx_through(status):
    assert raise_for_status(reply(status)) is None


def test_a_429_carries_its_retry_after():
    with pytest.raises(RateLimitedError) as raised:
        raise_for_status(reply(429, headers={"retry-after": "17"}))
    assert raised.value.retry_after == 17.0
    with pytest.raises(RateLimitedError) as raised:
        raise_for_status(reply(429))
    assert raised.value.retry_after is None


def test_reply_json_that_is_not_json_is_a_malformed_response():
    with pytest.raises(MalformedResponseError, match="not JSON"):
        reply(raw=b"<html>").json()
    assert reply(body={"a": 1}).json() == {"a": 1}


# UCS's token answer (seed 000: POST /login/oauth2/token).

@pytest.mark.parametrize("expires_in, lifetime", [
    ("3610", 3610.0),  # the document's string
    (3600, 3600.0),
    (59.5, 59.5),
    (" 120 ", 120.0),
])
def test_read_token_reads_expires_in_as_a_string_or_a_number(expires_in, lifetime):
    token = read_token(reply(body={"access_token": "AaBbCc", "token_type": "Bearer", "expires_in": expires_in}))
    assert token == Token("AaBbCc", lifetime)


@pytest.mark.parametrize("body", [
    {"access_token": "AaBbCc"},
    {"access_token": "AaBbCc", "expires_in": None},
    {"access_token": "AaBbCc", "expires_in": "an hour"},
    {"access_token": "AaBbCc", "expires_in": [3600]},
    {"access_token": "AaBbCc", "expires_in": "0"},
    {"access_token": "AaBbCc", "expires_in": -5},
    {"access_token": "AaBbCc", "expires_in": "nan"},
])
def test_read_token_with_expires_in_missing_or_garbage_has_no_lifetime(body):
    # Unknown lifetime: the token is used until the server refuses it (then one new login).
    assert read_token(reply(body=body)) == Token("AaBbCc", None)


@pytest.mark.parametrize("body", [{}, {"access_token": ""}, {"access_token": 12}, ["AaBbCc"], None])
def test_a_token_answer_without_a_token_is_malformed(body):
    with pytest.raises(MalformedResponseError, match="no access_token"):
        read_token(reply(body=body, operation="login"))


def test_a_refused_login_is_an_authentication_error_with_the_oauth_error():
    body = {"error": "invalid_client", "error_description": "Invalid username or password",
            "error_uri": "https://www.oauth.com/oauth2-servers/access-tokens"}
    for status in (400, 401):
        with pytest.raises(AuthenticationError, match="Invalid username or password") as raised:
            read_token(reply(status, body, operation="login"))
        assert raised.value.vendor_code == "invalid_client" and raised.value.status == status


def test_a_login_that_fails_otherwise_keeps_its_status_class():
    with pytest.raises(ServerError):
        read_token(reply(500, raw=b"Internal Server Error", operation="login"))
    with pytest.raises(AuthenticationError, match="login refused"):
        read_token(reply(401, raw=b"", operation="login"))


# UCS's envelope: {success, data}, HTTP 200 even for expected errors.

def test_read_data_gives_the_data_of_a_successful_envelope():
    assert read_data(reply(body={"success": True, "data": {"id": 7}})) == {"id": 7}
    assert read_data(reply(body={"success": True, "data": None})) is None
    assert read_data(reply(body={"success": True})) is None


def test_a_failed_envelope_with_a_field_map_is_a_validation_error_with_those_fields():
    data = {"number": "contain invalid character (invalid character \"c\")",
            "filter_id": "value must be integer number"}
    with pytest.raises(ValidationError) as raised:
        read_data(reply(body={"success": False, "data": data}))
    assert raised.value.fields == data
    assert raised.value.status == 200
    assert "filter_id: value must be integer number" in str(raised.value)


def test_a_failed_envelope_with_an_error_is_not_found_or_the_class_the_call_names():
    failed = {"success": False, "error": "User with id 7 does not exist"}
    with pytest.raises(NotFoundError, match="User with id 7 does not exist") as raised:
        read_data(reply(body=failed))
    assert raised.value.vendor_message == "User with id 7 does not exist"
    with pytest.raises(ApiError) as raised:
        read_data(reply(body=failed), missing=ApiError)
    assert type(raised.value) is ApiError


def test_a_failed_envelope_with_a_message_in_data_or_nothing_at_all_still_raises():
    with pytest.raises(NotFoundError, match="no such queue"):
        read_data(reply(body={"success": False, "data": "no such queue"}))
    with pytest.raises(NotFoundError, match="success: false"):
        read_data(reply(body={"success": False}))
    with pytest.raises(NotFoundError, match="success: false"):
        read_data(reply(body={"success": False, "data": {"n": 1}}))  # not a field map: no fields claimed


@pytest.mark.parametrize("raw", [b"<html>oops</html>", b"", b'{"data": 1}', b'[true]', b'"ok"'])
def test_an_answer_that_is_not_an_envelope_is_malformed(raw):
    with pytest.raises(MalformedResponseError, match="not a UCS envelope"):
        read_data(reply(raw=raw))


def test_a_500_is_a_server_error_with_the_vendor_message_when_there_is_one():
    with pytest.raises(ServerError, match="HTTP 500: Internal Server Error"):
        read_data(reply(500, raw=b"<html>crash</html>"))
    with pytest.raises(ServerError, match="HTTP 500: java.lang.NullPointerException") as raised:
        read_data(reply(500, {"success": False, "error": "java.lang.NullPointerException"}))
    assert raised.value.vendor_message == "java.lang.NullPointerException"


def test_a_401_on_a_call_is_an_authentication_error():
    with pytest.raises(AuthenticationError):
        read_data(reply(401, {"success": False, "error": "invalid token"}))
