"""The three answer envelopes and the return codes. The document: ``{ErrCode, ErrDesc, Result}``
("ErrCode ... Response code (required)"), ``{ErrCode, ErrDesc, msg_id, results, data}`` for sign-in
and sign-out, ``{code, message, results}`` for callback2ivr; "000000 | Success"; each code of the
"Return Code Description" table an error of the core's tree, its description in the message and
the server's own ErrDesc kept as ``vendor_message``."""

import httpx2
import pytest
from udesk_doubles import Udesk, client

from bridge.clients.errors import ApiError, AuthenticationError, MalformedResponseError, NotFoundError, ServerError, ValidationError
from bridge.clients.retry import RetryPolicy
from bridge.clients.udesk import RETURN_CODES, RelayNumbers, SignInResult

NO_RETRY = RetryPolicy(retries=0)


def test_result_envelope():
    server = Udesk({"ErrCode": "000000", "ErrDesc": "OK",
                    "Result": {"SpNumbers": ["057126200671", "057126200672"], "DefSpNumber": "057126200670"}})
    numbers = client(server).relay_numbers()
    assert numbers == RelayNumbers(SpNumbers=["057126200671", "057126200672"], DefSpNumber="057126200670")


def test_message_envelope():
    server = Udesk({"ErrCode": "000000", "ErrDesc": "OK", "msg_id": "111", "results": "", "data": None})
    assert client(server).sign_in("10032", msg_id="111") == SignInResult(msg_id="111", results="", data=None)


def test_code_envelope():
    server = Udesk({"code": "000000", "message": "OK", "results": "c9d52506-c41b-431f-5fa0-b701a81a2da6"})
    assert client(server).callback_to_ivr("18789998765", "02863208944") == "c9d52506-c41b-431f-5fa0-b701a81a2da6"


@pytest.mark.parametrize("code", sorted(RETURN_CODES))
def test_every_return_code_maps_to_its_class(code):
    description, cls = RETURN_CODES[code]
    server = Udesk({"ErrCode": code, "ErrDesc": "the server's own words", "Result": None})
    with pytest.raises(ApiError) as raised:
        client(server, retry=NO_RETRY).relay_numbers()
    error = raised.value
    assert type(error) is cls
    assert description in str(error) and code in str(error)
    assert error.vendor_code == code and error.vendor_message == "the server's own words"


@pytest.mark.parametrize("code", ["000001", "100005", "200021"])
def test_the_other_envelopes_map_their_codes_too(code):
    description, cls = RETURN_CODES[code]
    server = Udesk({"code": code, "message": "no", "results": ""},
                   {"ErrCode": code, "ErrDesc": "no", "msg_id": "1", "results": "", "data": None})
    c = client(server, retry=NO_RETRY)
    with pytest.raises(cls, match=description):
        c.callback_to_ivr("18789998765", "02863208944")
    with pytest.raises(cls, match=description):
        c.sign_in("10032", msg_id="1")


def test_the_table_is_the_documents():
    # 44 codes besides 000000 in the "Return Code Description" table.
    assert len(RETURN_CODES) == 44 and "000000" not in RETURN_CODES


def test_a_numeric_errcode_is_read_as_its_six_digits():
    server = Udesk({"ErrCode": 0, "ErrDesc": "OK", "Result": {"DefSpNumber": "057126200670"}},
                   {"ErrCode": 100005, "ErrDesc": "not found", "Result": None})
    c = client(server)
    assert c.relay_numbers().DefSpNumber == "057126200670"
    with pytest.raises(NotFoundError) as raised:
        c.set_default_relay_number("057126200670")
    assert raised.value.vendor_code == "100005"


def test_an_empty_204_is_a_success():
    # "204 NO CONTENT - [DELETE]: The user successfully deleted data."
    server = Udesk(httpx2.Response(204), httpx2.Response(204))
    c = client(server)
    assert c.delete_queue("9009") is None
    assert c.delete_subscription(73) is None


def test_an_answer_that_is_not_json_is_malformed():
    server = Udesk(httpx2.Response(200, text="<html>gateway</html>"))
    with pytest.raises(MalformedResponseError):
        client(server).relay_numbers()


def test_a_json_answer_without_a_code_is_malformed():
    server = Udesk({"Result": {}})
    with pytest.raises(MalformedResponseError):
        client(server).relay_numbers()


def test_http_500_without_an_envelope_is_a_server_error():
    server = Udesk(httpx2.Response(500, text="Internal Server Error"))
    with pytest.raises(ServerError) as raised:
        client(server, retry=NO_RETRY).relay_numbers()
    assert raised.value.status == 500


def test_a_4xx_with_an_envelope_takes_the_codes_class():
    server = Udesk(httpx2.Response(400, json={"ErrCode": "000001", "ErrDesc": "bad AgentId", "Result": None}))
    with pytest.raises(ValidationError) as raised:
        client(server).create_agent("9415", "199")
    assert raised.value.status == 400 and raised.value.vendor_message == "bad AgentId"


def test_an_unknown_code_is_an_api_error_with_the_code():
    server = Udesk({"ErrCode": "999999", "ErrDesc": "new", "Result": None})
    with pytest.raises(ApiError) as raised:
        client(server).relay_numbers()
    assert type(raised.value) is ApiError and raised.value.vendor_code == "999999"


@pytest.mark.parametrize("answer, ask", [
    ({"ErrCode": "200020", "ErrDesc": "Authentication error", "Result": None},
     lambda c: c.callback_to_ivr("18789998765", "02863208944")),
    ({"code": "200020", "message": "Authentication error", "results": ""}, lambda c: c.relay_numbers()),
], ids=["callback2ivr-answered-with-ErrCode", "ErrCode-endpoint-answered-with-code"])
def test_an_error_in_the_other_envelope_keeps_its_code(answer, ask):
    # A signature refused by whatever checks it for every endpoint may come in the common shape.
    with pytest.raises(AuthenticationError) as raised:
        ask(client(Udesk(answer)))
    assert raised.value.vendor_code == "200020"
