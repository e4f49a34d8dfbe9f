"""BridgeError is easy to subclass: a subclass may fix its code, checked when it is defined."""

import pytest

from bridge.errors import ERROR_CODES, BridgeError


def test_a_subclass_fixes_its_code_as_a_class_attribute():
    class TimeoutLike(BridgeError):
        code = "TIMEOUT"

        def __init__(self, message):
            super().__init__(self.code, message)

    error = TimeoutLike("no answer")
    assert isinstance(error, BridgeError) and error.to_wire() == {"code": "TIMEOUT", "message": "no answer"}


def test_a_subclass_with_an_unknown_code_is_refused_when_defined():
    with pytest.raises(ValueError, match="Typo.code: unknown error code 'TIME_OUT'"):
        class Typo(BridgeError):
            code = "TIME_OUT"


def test_an_unknown_code_is_refused_when_raised():
    with pytest.raises(ValueError, match="unknown error code"):
        BridgeError("NOPE", "x")
    assert "NOPE" not in ERROR_CODES
