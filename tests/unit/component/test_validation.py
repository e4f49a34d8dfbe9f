import pytest

from bridge.errors import BridgeError
from bridge.component.spec import get_method
from bridge.component.validation import OMITTED, validate_arguments


def check(name, *args):
    return validate_arguments(get_method(name), list(args))


def refused(name, *args):
    with pytest.raises(BridgeError) as info:
        check(name, *args)
    assert info.value.code == "INVALID_ARGUMENT"
    return info.value.message


@pytest.mark.parametrize("args", [
    ("0800123456",), ("+420 123 456 789",), ("(555) 010-9999",), ("*99#",), ("1001",),
    ("0800123456", 5), ("0800123456", "directCall"), ("0800123456", "undefined"),
    ("0800123456", 5, 2, {"crm_id": "C-42", "tags": ["vip"]}), ("0800123456", 5.0),
])
def test_dial_accepts(args):
    out = check("dial", *args)
    assert out[0] == args[0]
    assert all(type(v) is not float for v in out)


@pytest.mark.parametrize("args, words", [
    ((), "number is required"),
    (("",), "must not be empty"),
    (("call me",), "phone number"),
    (("0800123456\n",), "phone number"),
    ((800123456,), "must be a string, got number"),
    (("0800123456", "direct"), 'must be integer or "directCall" or "undefined"'),
    (("0800123456", -1), "must be integer"),
    (("0800123456", 1.5), "must be integer"),
    (("0800123456", True), "must be integer"),
    (("0800123456", 5, "2"), "line must be an integer"),
    (("0800123456", 5, 2, []), "data must be an object"),
    (("0800123456", 5, 2, {"__proto__": {"admin": True}}), "must not contain the key '__proto__'"),
    (("0800123456", 5, 2, {"a": {"constructor": {"prototype": 1}}}), "'constructor'"),
    (("0800123456", 5, 2, {"x": "y" * 20000}), "bytes of JSON"),
    (("0800123456", 5, 2, {}, "extra"), "takes at most 4 arguments, got 5"),
    (("1" * 65,), "at most 64 characters"),
    (("0800123456", 2**53), "must be integer or"),
    (("0800123456", 1, 1e300), "at most 9007199254740991"),
])
def test_dial_refuses(args, words):
    assert words in refused("dial", *args)


def test_message_names_method_and_parameter():
    assert refused("suspend", "five").startswith("suspend: queue must be an integer")


def test_null_for_optional_parameter_means_left_out():
    assert check("dial", "123", None, 2) == ["123", OMITTED, 2]
    assert check("dial", "123", None) == ["123"]


def test_omitted_positions_stay_omitted_and_trailing_ones_are_dropped():
    assert check("dial", "123", OMITTED, 2) == ["123", OMITTED, 2]
    assert check("notify", "Hi", OMITTED, OMITTED) == ["Hi"]


def test_null_is_kept_where_the_component_gives_it_a_meaning():
    # notify: timeout null = never disappears, boundState null = any state.
    assert check("notify", "Hi", "info", True, None, None) == ["Hi", "info", True, None, None]
    assert check("setAccountCode", "u1", "SALES", None, True) == ["u1", "SALES", None, True]


def test_enums():
    assert check("changeStatus", "AUX", "Lunch") == ["AUX", "Lunch"]
    assert "must be one of OFFLINE, READY, AUX, ACW; got 'BUSY'" in refused("changeStatus", "BUSY")
    assert "reason is only for status AUX" in refused("changeStatus", "READY", "Lunch")
    assert "one of error, warning, success, info" in refused("notify", "Hi", "fatal")
    assert "one of CREDENTIALS, IDENTIFY, DEVICE, READY" in refused("notify", "Hi", "info", False, 5, "ANY")
    assert "default, christmas, lovingYou, quest, rush" in refused("selectRingingSound", "jingle")
    assert "one of default, dark" in refused("setTheme", "light")


def test_required_and_types_of_other_methods():
    assert "username is required" in refused("login")
    assert "password must not be empty" in refused("login", "agent", "")
    assert "remember must be true or false" in refused("login", "agent", "pw", "yes")
    assert check("login", "agent", "pw") == ["agent", "pw"]
    assert "takes at most 0 arguments, got 1" in refused("answer", 1)
    assert check("transfer") == []
    assert "number is required" in refused("blindTransfer")
    assert "timeout must be at least 0" in refused("notify", "Hi", "info", False, -5)


def test_non_finite_numbers_inside_data_are_refused():
    assert "finite" in refused("dial", "1", 1, 1, {"x": float("nan")})
