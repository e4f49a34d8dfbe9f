"""The spec says what the vendor document says, and the choices where it does not are pinned."""

import pytest

from bridge.component.spec import ANY, METHODS, METHODS_BY_NAME, get_method
from bridge.errors import BridgeError

# Typed from the vendor document's method list (shared/seeds/002_...): all 25 methods, in order.
VENDOR_METHODS = [
    "login", "sso", "logout", "selectIdentifier", "provision", "identify", "changeStatus", "suspend",
    "resume", "answer", "dial", "hangup", "transfer", "finishTransfer", "blindTransfer", "tribute",
    "unhold", "mute", "notify", "state", "setAccountCode", "selectRingingSound", "testRingingSound",
    "stopRingingSoundTest", "setTheme",
]

# The vendor's state table, row by row ("identifier" is the method selectIdentifier).
VENDOR_STATE_TABLE = {
    "login": ("CREDENTIALS",), "sso": ("CREDENTIALS",), "logout": ("IDENTIFY", "DEVICE", "READY"),
    "selectIdentifier": ("IDENTIFY", "DEVICE"), "provision": ("IDENTIFY", "DEVICE"),
    "identify": ("DEVICE", "READY"), "changeStatus": ("READY",), "suspend": ("READY",),
    "resume": ("READY",), "answer": ("READY",), "dial": ("READY",), "hangup": ("READY",),
    "transfer": ("READY",), "tribute": ("READY",), "unhold": ("READY",), "notify": ANY,
    "state": ("READY",), "selectRingingSound": ("READY",),
}

# Methods without a row in the table: our choices (bridge/component/spec.py says why).
CHOSEN_STATES = {
    "finishTransfer": ("READY",), "blindTransfer": ("READY",), "mute": ("READY",),
    "setAccountCode": ("READY",), "testRingingSound": ("READY",), "stopRingingSoundTest": ("READY",),
    "setTheme": ANY,
}

VENDOR_PARAMS = {
    "login": ["username", "password", "remember"],
    "sso": ["username", "token", "provider"],
    "selectIdentifier": ["identifier"],
    "changeStatus": ["status", "reason"],
    "suspend": ["queue"], "resume": ["queue"],
    "dial": ["number", "queue", "line", "data"],
    "transfer": ["number"], "blindTransfer": ["number"],
    "notify": ["title", "type", "unique", "timeout", "boundState", "group", "other"],
    "setAccountCode": ["uniqueid", "accountCode", "subAccountCode", "override"],
    "selectRingingSound": ["ringingSound"],
    "setTheme": ["theme"],
}


def test_every_vendor_method_is_declared_once_in_order():
    assert [m.name for m in METHODS] == VENDOR_METHODS
    assert len(METHODS_BY_NAME) == len(METHODS)


@pytest.mark.parametrize("name", VENDOR_METHODS)
def test_allowed_states_follow_the_vendor_table_or_the_written_choice(name):
    expected = VENDOR_STATE_TABLE.get(name, CHOSEN_STATES.get(name))
    assert expected is not None, f"{name} has neither a vendor row nor a recorded choice"
    assert get_method(name).states == expected


@pytest.mark.parametrize("name", VENDOR_METHODS)
def test_parameters_have_the_vendor_names_and_order(name):
    assert [p.name for p in get_method(name).params] == VENDOR_PARAMS.get(name, [])


def test_versions():
    assert get_method("selectRingingSound").since == "4.43.5"
    assert get_method("testRingingSound").since == "4.55.0"
    assert get_method("stopRingingSoundTest").since == "4.55.0"
    assert get_method("setTheme").since == "6.18.0"
    assert {m.since for m in METHODS if m.name not in {"selectRingingSound", "testRingingSound",
                                                       "stopRingingSoundTest", "setTheme"}} == {"4.0.0"}


def test_optional_parameters_come_after_required_ones():
    for method in METHODS:
        flags = [p.optional for p in method.params]
        assert flags == sorted(flags), method.name


def test_optional_choices():
    optional = {(m.name, p.name) for m in METHODS for p in m.params if p.optional}
    assert optional == {
        ("login", "remember"), ("changeStatus", "reason"), ("dial", "queue"), ("dial", "line"), ("dial", "data"),
        ("transfer", "number"), ("notify", "type"), ("notify", "unique"), ("notify", "timeout"),
        ("notify", "boundState"), ("notify", "group"), ("notify", "other"),
        ("setAccountCode", "subAccountCode"), ("setAccountCode", "override"),
    }


@pytest.mark.parametrize("name", [None, 3, "constructor", "__proto__", "toString", "Dial", ""])
def test_unknown_method_names_are_refused(name):
    with pytest.raises(BridgeError) as info:
        get_method(name)
    assert info.value.code == "INVALID_ARGUMENT"
