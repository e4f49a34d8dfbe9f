"""Sign-in ("Agents without an extension bound cannot sign in"; state 0 idle, 1 waiting),
sign-out, and the callback to IVR (PSTN numbers, variables a JSON string of {key, type, value})."""

import json

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk_fixtures import CALLBACK_EXAMPLE

from udesk_fake_helpers import API, call, code, result

LOGIN, LOGOUT, IVR = API + "/agent/login", API + "/agent/logout", API + "/callback2ivr"


def test_sign_in_then_out():
    fake = UdeskFake()
    body = {"agent_id": "355", "work_id": "111", "queue_ids": ["9002"], "state": 1}
    assert code(fake, "POST", LOGIN, body, MsgId="5") == "000000"
    got = result(fake, "GET", API + "/agents/355")
    assert (got["State"], got["StateDes"]) == (1, "waiting")
    assert fake.sign_ins == [body] and fake.login_count == 1
    assert code(fake, "POST", LOGOUT, {"agent_id": "355"}) == "000000"
    assert result(fake, "GET", API + "/agents/355")["StateDes"] == "offline"


def test_sign_in_defaults_to_idle_and_is_idempotent():
    fake = UdeskFake()
    for _ in range(2):
        assert code(fake, "POST", LOGIN, {"agent_id": "10032"}, MsgId="111") == "000000"
    assert fake.agents["10032"]["State"] == 0


def test_an_agent_without_an_extension_cannot_sign_in():
    fake = UdeskFake()
    result(fake, "POST", API + "/agents", {"AgentId": "9415", "WorkId": "199"})
    assert code(fake, "POST", LOGIN, {"agent_id": "9415"}, MsgId="1") == "100021"
    assert fake.agents["9415"]["State"] == 4


def test_a_disabled_agent_cannot_sign_in():
    fake = UdeskFake()
    result(fake, "PUT", API + "/agents/355", {"Enable": False})
    assert code(fake, "POST", LOGIN, {"agent_id": "355"}, MsgId="1") == "100021"


@pytest.mark.parametrize("body, expected", [({}, "100001"), ({"agent_id": "x"}, "000001"),
                                            ({"agent_id": "999"}, "200004"),
                                            ({"agent_id": "355", "state": 4}, "000001"),
                                            ({"agent_id": "355", "queue_ids": ["3"]}, "000001"),
                                            ({"agent_id": "355", "work_id": "a b"}, "000001")])
def test_sign_in_refusals(body, expected):
    assert code(UdeskFake(), "POST", LOGIN, body, MsgId="1") == expected


def test_sign_out_refusals():
    assert code(UdeskFake(), "POST", LOGOUT, {}) == "100001"
    assert code(UdeskFake(), "POST", LOGOUT, {"agent_id": "999"}) == "200004"


def test_the_callback_example():
    fake = UdeskFake()
    answer = call(fake, "POST", IVR, CALLBACK_EXAMPLE).json()
    assert fake.calls == [{"id": answer["results"], **CALLBACK_EXAMPLE, "variables": None}]


def test_callback_with_variables():
    fake = UdeskFake()
    variables = json.dumps([{"key": "externalNumber", "type": "string", "value": "13800000000"}])
    assert code(fake, "POST", IVR, {**CALLBACK_EXAMPLE, "variables": variables}) == "000000"
    assert fake.calls[0]["variables"] == variables


@pytest.mark.parametrize("change, expected", [
    ({"caller": "123"}, "000001"), ({"called": "+862863208944"}, "000001"), ({"called_display": None}, "100001"),
    ({"caller": None}, "100001"), ({"variables": "[{\"key\": 1}]"}, "000001"), ({"variables": "not json"}, "000001"),
    ({"variables": [{"key": "a", "type": "string", "value": "b"}]}, "200002"),  # a string, not a list
])
def test_callback_refusals(change, expected):
    fake = UdeskFake()
    body = {k: v for k, v in {**CALLBACK_EXAMPLE, **change}.items() if v is not None}
    assert code(fake, "POST", IVR, body) == expected
    assert fake.calls == []


@pytest.mark.parametrize("number", ["01067654637", "13676546374", "0044207946000"])
def test_the_documents_number_forms(number):
    assert code(UdeskFake(), "POST", IVR, {**CALLBACK_EXAMPLE, "caller": number}) == "000000"
