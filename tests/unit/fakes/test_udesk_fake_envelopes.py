"""Each endpoint answers in its own envelope: {ErrCode, ErrDesc, Result} for most; {ErrCode,
ErrDesc, msg_id, results, data} for sign-in and sign-out (msg_id the query's MsgId); {code,
message, results} for callback2ivr (results a call id). The code is a string, "000000" success.
Failures are HTTP 200 with the envelope by default, or ``error_status``."""

import uuid

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk import ENDPOINTS
from bridge.testing.fakes.udesk_fixtures import CALLBACK_EXAMPLE

from udesk_fake_helpers import API, call, client_for

MESSAGE_KEYS = {"ErrCode", "ErrDesc", "msg_id", "results", "data"}


def test_the_seed_has_26_endpoints_all_routed():
    assert len(set(ENDPOINTS)) == 26


@pytest.mark.parametrize("method, path", [e for e in ENDPOINTS if e[1] not in (
    API + "/agent/login", API + "/agent/logout", API + "/callback2ivr")])
def test_the_common_envelope(method, path):
    concrete = path.replace("{id}", "355" if "agents" in path else "164").replace("{queue_id}", "9001")
    answer = call(UdeskFake(), method, concrete, {})
    assert answer.status_code == 200
    assert set(answer.json()) == {"ErrCode", "ErrDesc", "Result"}
    assert isinstance(answer.json()["ErrCode"], str)


def test_sign_in_echoes_the_msg_id():
    answer = call(UdeskFake(), "POST", API + "/agent/login", {"agent_id": "10032"}, MsgId="111")
    # The seed's example answer, exactly.
    assert answer.json() == {"ErrCode": "000000", "ErrDesc": "OK", "msg_id": "111", "results": "", "data": None}


def test_sign_in_refusal_keeps_its_envelope():
    answer = call(UdeskFake(), "POST", API + "/agent/login", {"agent_id": "9999"}, MsgId="42")
    assert set(answer.json()) == MESSAGE_KEYS
    assert answer.json()["ErrCode"] == "200004" and answer.json()["msg_id"] == "42"


def test_sign_out_envelope_with_and_without_msg_id():
    fake = UdeskFake()
    assert call(fake, "POST", API + "/agent/logout", {"agent_id": "1802"}, MsgId="7").json()["msg_id"] == "7"
    answer = call(fake, "POST", API + "/agent/logout", {"agent_id": "1802"})
    assert set(answer.json()) == MESSAGE_KEYS and answer.json()["msg_id"] == ""


def test_callback2ivr_answers_code_message_results():
    answer = call(UdeskFake(), "POST", API + "/callback2ivr", CALLBACK_EXAMPLE).json()
    assert set(answer) == {"code", "message", "results"}
    assert answer["code"] == "000000" and answer["message"] == "OK"
    uuid.UUID(answer["results"])


def test_callback2ivr_refusal_keeps_its_envelope():
    answer = call(UdeskFake(), "POST", API + "/callback2ivr", {"caller": "18789998765"}).json()
    assert answer == {"code": "100001", "message": answer["message"], "results": ""}


def test_every_refusal_carries_the_tables_description():
    answer = call(UdeskFake(), "GET", API + "/agents/999").json()
    assert answer["ErrCode"] == "200004" and answer["Result"] is None and answer["ErrDesc"]


def test_error_status_is_a_choice():
    fake = UdeskFake(error_status=400)
    assert call(fake, "GET", API + "/agents/999").status_code == 400
    assert call(fake, "GET", API + "/agents/355").status_code == 200
    with pytest.raises(ValueError):
        UdeskFake(error_status=302)


def test_an_unknown_path_and_a_wrong_method():
    with client_for(UdeskFake()) as client:
        assert client.get(API + "/nothing").status_code == 404
        answer = client.patch(API + "/queues")
        assert answer.status_code == 405 and set(answer.headers["allow"].split(", ")) == {"GET", "POST", "PUT",
                                                                                          "DELETE"}
        assert client.get(API + "/agents/abc").status_code == 404  # {id:[0-9]+}
