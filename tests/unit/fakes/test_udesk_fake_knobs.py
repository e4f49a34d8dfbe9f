"""The Udesk fake's knobs: fail_next (in the endpoint's envelope), slow, clear_faults,
fail_code(code, times, path), and the request log (method, path, query without Sign)."""

import httpx2
import pytest

from bridge.testing.fakes import UdeskFake

from udesk_fake_helpers import API, call, code, signed_query

AGENTS, IVR, LOGIN = API + "/agents", API + "/callback2ivr", API + "/agent/login"
CALL = {"caller": "18789998765", "called": "02863208944", "called_display": "02863208944"}


@pytest.mark.parametrize("status, expected", [(500, "000060"), (503, "200021"), (401, "200020")])
def test_fail_next_answers_the_envelope_then_succeeds(status, expected):
    fake = UdeskFake()
    fake.fail_next(status, times=2, path=AGENTS)
    answers = [call(fake, "GET", AGENTS) for _ in range(3)]
    assert [a.status_code for a in answers] == [status, status, 200]
    assert set(answers[0].json()) == {"ErrCode", "ErrDesc", "Result"} and answers[0].json()["ErrCode"] == expected


def test_fail_next_in_the_other_envelopes():
    fake = UdeskFake()
    fake.fail_next(500, times=2)
    assert set(call(fake, "POST", IVR, CALL).json()) == {"code", "message", "results"}
    assert set(call(fake, "POST", LOGIN, {"agent_id": "10032"}, MsgId="9").json()) == {
        "ErrCode", "ErrDesc", "msg_id", "results", "data"}
    assert fake.calls == []


def test_fail_code_in_each_envelope():
    fake = UdeskFake()
    fake.fail_code("000060", times=3)
    assert code(fake, "POST", IVR, CALL) == "000060"
    answer = call(fake, "POST", LOGIN, {"agent_id": "10032"}, MsgId="9").json()
    assert answer["ErrCode"] == "000060" and answer["msg_id"] == "9"
    answer = call(fake, "GET", AGENTS)
    assert answer.status_code == 200 and answer.json()["ErrCode"] == "000060"
    assert answer.json()["ErrDesc"] == "Injected failure"
    assert code(fake, "GET", AGENTS) == "000000"
    assert fake.calls == [] and fake.agents["10032"]["State"] == 4


def test_fail_code_on_one_path_with_error_status():
    fake = UdeskFake(error_status=500)
    fake.fail_code("200020", path=API + "/queues")
    assert code(fake, "GET", AGENTS) == "000000"
    answer = call(fake, "GET", API + "/queues")
    assert answer.status_code == 500 and answer.json()["ErrCode"] == "200020"
    assert code(fake, "GET", API + "/queues") == "000000"


@pytest.mark.parametrize("bad", ["000000", "60", 60, "abcdef"])
def test_fail_code_takes_a_return_code(bad):
    with pytest.raises(ValueError):
        UdeskFake().fail_code(bad)


def test_slow_then_clear_faults():
    sleeps = []
    fake = UdeskFake(sleep=sleeps.append)
    fake.slow(0.5, path=API + "/queues")
    call(fake, "GET", API + "/queues")
    call(fake, "GET", AGENTS)
    fake.fail_next(503)
    fake.fail_code("000060")
    fake.clear_faults()
    assert sleeps == [0.5] and code(fake, "GET", AGENTS) == "000000"


def test_the_request_log_keeps_no_sign():
    fake = UdeskFake()
    call(fake, "GET", AGENTS, PageSize="10")
    call(fake, "GET", AGENTS, token="wrong")
    first, second = fake.requests
    assert (first.method, first.path, first.authorized, first.status) == ("GET", AGENTS, True, 200)
    assert set(first.query) == {"AppId", "Sid", "Timestamp", "PageSize"} and first.query["PageSize"] == "10"
    assert second.authorized is False
    assert all("Sign" not in r.query for r in fake.requests)
    assert "Sign=" not in repr(fake._log)


def test_serve_on_loopback(udesk_fake_server):
    with httpx2.Client(base_url=udesk_fake_server.url) as client:
        answer = client.get(AGENTS, params=signed_query(udesk_fake_server, AGENTS))
    assert answer.json()["Result"]["Total"] == 4


@pytest.mark.parametrize("options", [{"sid": ""}, {"auth_token": None}, {"app_id": 5}, {"clock": 5}])
def test_bad_options(options):
    with pytest.raises(ValueError):
        UdeskFake(**options)
