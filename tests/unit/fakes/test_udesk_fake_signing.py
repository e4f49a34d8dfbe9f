"""The Udesk fake checks every request's signature: Sign == SHA1(Sid + AuthToken + Timestamp) as
lower-case hex, Sid/Timestamp/Sign in the query ("Parameters (URL Query String): Timestamp, Sid,
Sign"), a refusal is 200020 Authentication error."""

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk import ENDPOINTS

from udesk_fake_helpers import API, call, client_for, code, sign, signed_query

AGENTS = API + "/agents"


def test_a_good_signature_is_taken():
    fake = UdeskFake()
    assert code(fake, "GET", AGENTS) == "000000"
    assert fake.requests[-1].authorized is True


def test_a_wrong_sign_is_an_authentication_error():
    fake = UdeskFake()
    answer = call(fake, "GET", AGENTS, token="another_token")
    assert answer.json() == {"ErrCode": "200020", "ErrDesc": "Authentication error", "Result": None}
    assert fake.requests[-1].authorized is False


def test_an_unknown_sid_is_an_authentication_error():
    fake = UdeskFake()
    # Signed correctly with the fake's AuthToken, but for another account.
    assert code(fake, "GET", AGENTS, sid="someone_else") == "200020"


def test_the_sid_is_checked_apart_from_the_sign():
    fake = UdeskFake()
    query = signed_query(fake, AGENTS)  # the Sign is right for the fake's account...
    query["Sid"] = "someone_else"  # ...but the request names another
    assert client_code(fake, query) == "200020"


def test_the_sign_covers_the_timestamp_as_sent():
    fake = UdeskFake()
    query = signed_query(fake, AGENTS)
    query["Timestamp"] = str(int(query["Timestamp"]) + 1)  # in the window, but not what was signed
    assert client_code(fake, query) == "200020"


def client_code(fake, query):
    with client_for(fake) as client:
        return client.get(AGENTS, params=query).json()["ErrCode"]


def test_upper_case_hex_is_refused_unless_asked_for():
    query = signed_query(UdeskFake(), AGENTS)
    query["Sign"] = query["Sign"].upper()
    assert client_code(UdeskFake(), query) == "200020"
    assert client_code(UdeskFake(accept_uppercase_sign=True), query) == "000000"


@pytest.mark.parametrize("missing", ["Sid", "Timestamp", "Sign"])
def test_a_missing_signature_parameter_is_100001(missing):
    fake = UdeskFake()
    query = signed_query(fake, AGENTS)
    del query[missing]
    assert client_code(fake, query) == "100001"


def test_a_timestamp_that_is_not_digits_is_000001():
    fake = UdeskFake()
    query = signed_query(fake, AGENTS)
    query["Timestamp"] = "12.5"
    query["Sign"] = sign(fake.sid, fake.auth_token, "12.5")
    assert client_code(fake, query) == "000001"


def test_refusals_act_on_nothing():
    fake = UdeskFake()
    call(fake, "POST", AGENTS, {"AgentId": "9415", "WorkId": "199"}, token="wrong")
    assert "9415" not in fake.agents


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_every_endpoint_checks_the_signature(method, path):
    concrete = path.replace("{id}", "164").replace("{queue_id}", "9001")
    assert code(UdeskFake(), method, concrete, {}, token="wrong") == "200020"
