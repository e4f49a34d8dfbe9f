"""The clients' errors are one tree under BridgeError: each carries what went wrong where,
keeps a documented code, and survives pickling (task queues, multiprocessing)."""

import inspect
import pickle

import pytest

from bridge.clients import errors
from bridge.clients.errors import (ApiError, AuthenticationError, ConnectionFailed, InvalidArgument,
                                   MalformedResponseError, NotFoundError, PermissionDeniedError, RateLimitedError,
                                   RequestTimeout, ServerError, TlsError, TransportError, ValidationError)
from bridge.errors import ERROR_CODES, SERVER_CODES, BridgeError

API_ERRORS = sorted((cls for _, cls in inspect.getmembers(errors, inspect.isclass)
                     if issubclass(cls, ApiError) and cls.__module__ == errors.__name__), key=lambda c: c.__name__)
TRANSPORT = {TransportError, RequestTimeout, ConnectionFailed, TlsError}
DETAILS = dict(vendor="UCS", operation="users.get", status=503, vendor_code="E1", vendor_message="busy",
               url="https://ucs.test/api/v1.0/user/7?token=***", method="GET")


def test_the_tree_has_every_documented_class():
    assert set(API_ERRORS) == {ApiError, AuthenticationError, PermissionDeniedError, NotFoundError, ValidationError,
                               RateLimitedError, ServerError, MalformedResponseError, TransportError,
                               RequestTimeout, ConnectionFailed, TlsError}
    assert issubclass(TlsError, ConnectionFailed) and issubclass(ConnectionFailed, TransportError)
    assert issubclass(RequestTimeout, TransportError) and issubclass(TransportError, ApiError)


@pytest.mark.parametrize("cls", API_ERRORS, ids=lambda c: c.__name__)
def test_every_api_error_is_a_bridge_error_with_a_server_code(cls):
    assert issubclass(cls, BridgeError) and issubclass(cls, Exception)
    assert cls.code == ("API_UNREACHABLE" if cls in TRANSPORT else "API_ERROR")
    assert cls.code in ERROR_CODES and cls.code in SERVER_CODES


@pytest.mark.parametrize("cls", API_ERRORS, ids=lambda c: c.__name__)
def test_every_api_error_carries_vendor_status_codes_message_operation_and_url(cls):
    error = cls("the server is busy", **DETAILS)
    for name, value in DETAILS.items():
        assert getattr(error, name) == value
    assert str(error) == error.message == ("UCS users.get: HTTP 503: the server is busy "
                                           "(GET https://ucs.test/api/v1.0/user/7?token=***)")
    assert error.args == (error.message,)
    assert error.to_wire() == {"code": cls.code, "message": error.message}


def test_an_error_without_status_or_url_says_less():
    error = ConnectionFailed("refused", vendor="UCS", operation="login")
    assert str(error) == "UCS login: refused" and error.status is None and error.url is None


@pytest.mark.parametrize("cls", API_ERRORS, ids=lambda c: c.__name__)
def test_every_api_error_pickles_and_comes_back_the_same(cls):
    error = cls("the server is busy", **DETAILS)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (str(copy), copy.args, copy.code, copy.message) == (str(error), error.args, error.code, error.message)
    assert copy.__dict__ == error.__dict__


def test_the_extra_attributes_of_validation_and_rate_limit_errors_pickle_too():
    validation = pickle.loads(pickle.dumps(ValidationError("refused", fields={"number": "digits only"}, **DETAILS)))
    assert validation.fields == {"number": "digits only"}
    limited = pickle.loads(pickle.dumps(RateLimitedError("slow down", retry_after=12.0, **DETAILS)))
    assert limited.retry_after == 12.0
    assert ValidationError("refused", **DETAILS).fields == {} and RateLimitedError("x", **DETAILS).retry_after is None


def test_invalid_argument_is_a_bridge_error_and_a_value_error_and_pickles():
    error = InvalidArgument("an id cannot be empty")
    assert isinstance(error, BridgeError) and isinstance(error, ValueError)
    assert error.code == "INVALID_ARGUMENT" and str(error) == "an id cannot be empty"
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is InvalidArgument and copy.code == "INVALID_ARGUMENT" and str(copy) == str(error)

