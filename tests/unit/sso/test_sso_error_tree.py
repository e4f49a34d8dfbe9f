"""SSO token errors are BridgeErrors with a documented code, and still ValueErrors."""

import pytest

from bridge.errors import ERROR_CODES, BridgeError
from bridge.sso import SsoTokenError, SsoTokenExpiredError, SsoTokenSignatureError, SsoTokenUserError, make_token, \
    verify_token


@pytest.mark.parametrize("kind", [SsoTokenError, SsoTokenExpiredError, SsoTokenSignatureError, SsoTokenUserError])
def test_every_sso_token_error_is_a_bridge_error_and_a_value_error(kind):
    assert issubclass(kind, BridgeError) and issubclass(kind, ValueError)
    assert kind.code == "SSO_TOKEN_INVALID" and kind.code in ERROR_CODES


def test_a_raised_token_error_carries_its_code_and_message():
    token = make_token("s", "agent", 1700000000)
    with pytest.raises(BridgeError) as raised:
        verify_token(token, "s", "agent", now=1700000000 + 3600)
    assert raised.value.to_wire() == {"code": "SSO_TOKEN_INVALID", "message": "token expired 3300 s ago"}
    assert str(raised.value) == "token expired 3300 s ago"


def test_callers_written_for_value_error_still_catch_it():
    try:
        make_token("s", "")
    except ValueError as error:
        assert isinstance(error, SsoTokenError)
    else:
        pytest.fail("make_token accepted an empty username")
