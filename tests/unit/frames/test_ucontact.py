import pytest

from bridge.errors import BridgeError
from bridge.frames.ucontact import account_code_arguments, check_message, is_message, reply_id

VENDOR_EXAMPLE = {"action": "DISPOSITION_CALL", "disposition": {
    "campaign": "CampanaTest", "callerid": "123456Test", "guid": "3123-3123-3123-312-3123", "l1": "nivel1",
    "l2": "nivel2", "l3": "nivel3", "d1": "data1", "d2": "data2", "comment": "ComentarioTest",
    "schedule": "2019-05-04 15:55:55"}}


def refused(data):
    with pytest.raises(BridgeError) as info:
        check_message(data)
    assert info.value.code == "INVALID_ARGUMENT"
    return info.value.message


def test_the_vendor_example_passes_unchanged():
    assert check_message(VENDOR_EXAMPLE) == VENDOR_EXAMPLE


def test_close_tab():
    assert check_message({"action": "CLOSE_TAB"}) == {"action": "CLOSE_TAB"}
    assert "no other fields" in refused({"action": "CLOSE_TAB", "x": 1})


def test_optional_fields_may_be_missing_or_empty():
    out = check_message({"action": "DISPOSITION_CALL", "disposition": {
        "campaign": "C", "callerid": 5551234, "guid": "g", "l1": "Sale", "l2": "", "schedule": None}})
    assert out["disposition"] == {"campaign": "C", "callerid": "5551234", "guid": "g", "l1": "Sale", "l2": "",
                                  "l3": "", "d1": "", "d2": "", "comment": "", "schedule": ""}


@pytest.mark.parametrize("data, words", [
    ("DISPOSITION_CALL", "must be an object"),
    ({"action": "HANGUP"}, "action must be one of DISPOSITION_CALL, CLOSE_TAB"),
    ({"action": "DISPOSITION_CALL"}, "disposition must be an object"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "guid": ""}}, "guid is required"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "l1": "  "}}, "l1 is required"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "schedule": "2019-05-04"}},
     "YYYY-MM-DD HH:MM:SS"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "schedule": "2019-02-30 10:00:00"}},
     "not a real date"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "comment": "x" * 4001}},
     "at most 4000"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "l2": ["a"]}}, "must be a string"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "extra": "1"}}, "unknown field"),
    ({"action": "DISPOSITION_CALL", "disposition": {"__proto__": {"x": 1}}}, "__proto__"),
    ({"action": "DISPOSITION_CALL", "disposition": VENDOR_EXAMPLE["disposition"], "constructor": {}}, "constructor"),
    ({"action": "DISPOSITION_CALL", "disposition": {**VENDOR_EXAMPLE["disposition"], "d1": "x" * 20000}},
     "bytes of JSON"),
])
def test_refusals(data, words):
    assert words in refused(data)


def test_mapping_to_set_account_code():
    disposition = check_message(VENDOR_EXAMPLE)["disposition"]
    assert account_code_arguments(disposition) == ["3123-3123-3123-312-3123", "nivel1", "nivel2", True]
    assert account_code_arguments({**disposition, "l2": ""}) == ["3123-3123-3123-312-3123", "nivel1", None, True]


def test_the_frame_sdk_reply_id_is_kept():
    assert check_message({**VENDOR_EXAMPLE, "agentBridgeId": "a1-2"}) == {**VENDOR_EXAMPLE, "agentBridgeId": "a1-2"}
    assert check_message({"action": "CLOSE_TAB", "agentBridgeId": "Z_9"}) == {"action": "CLOSE_TAB", "agentBridgeId": "Z_9"}


@pytest.mark.parametrize("value", ["", "x" * 65, "a b", "<b>", 7, None, ["a"]])
def test_a_malformed_reply_id_is_refused_and_not_echoed(value):
    data = {"action": "CLOSE_TAB", "agentBridgeId": value}
    assert "agentBridgeId must be 1 to 64 letters" in refused(data)
    assert reply_id(data) is None


def test_what_counts_as_a_ucontact_message():
    assert is_message({"action": "CLOSE_TAB", "junk": 1}) and is_message({"action": "DISPOSITION_CALL"})
    assert not any(is_message(d) for d in [{"action": "HANGUP"}, {"foo": 1}, "CLOSE_TAB", [], None,
                                            {"action": ["CLOSE_TAB"]}])
