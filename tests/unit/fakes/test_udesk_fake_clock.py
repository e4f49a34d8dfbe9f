"""Every answer carries a Date header by the fake's clock; skew(seconds) moves that clock (the Date
and the window check) ahead or behind the real one."""

from email.utils import parsedate_to_datetime

import httpx2
import pytest

from bridge.testing.fakes import UdeskFake

from udesk_fake_helpers import API, Clock, call, client_for, code, signed_query

PATH = API + "/queues"


def date_of(answer) -> float:
    return parsedate_to_datetime(answer.headers["date"]).timestamp()


def test_date_follows_the_clock():
    clock = Clock()
    assert date_of(call(UdeskFake(clock=clock), "GET", PATH)) == int(clock.now)


@pytest.mark.parametrize("seconds", [900, -900])
def test_skew_moves_the_date_and_the_window(seconds):
    clock = Clock()
    fake = UdeskFake(clock=clock)
    fake.skew(seconds)
    assert fake.now() == clock.now + seconds
    # Signed by the real time: out of the skewed fake's window.
    answer = call(fake, "GET", PATH, at=clock.now)
    assert answer.json()["ErrCode"] == "200020" and date_of(answer) == clock.now + seconds
    # Signed by the time its Date tells: taken.
    assert code(fake, "GET", PATH, at=date_of(answer)) == "000000"
    fake.skew(0)
    assert code(fake, "GET", PATH, at=clock.now) == "000000"


def test_every_answer_has_a_date():
    fake = UdeskFake(cors_origin="http://127.0.0.1:8000")
    fake.fail_next(503)
    with client_for(fake) as client:
        assert "date" in client.get(PATH).headers  # a fault
        assert "date" in client.get(API + "/nothing").headers  # 404
        assert "date" in client.options(PATH, headers={"Origin": "http://127.0.0.1:8000",
                                                       "Access-Control-Request-Method": "GET"}).headers


def test_bad_skew():
    with pytest.raises(ValueError):
        UdeskFake().skew(float("nan"))
    with pytest.raises(ValueError):
        UdeskFake().skew("10")


def test_the_date_over_loopback():
    fake = UdeskFake()
    fake.skew(-3600)
    with fake.serve() as url, httpx2.Client(base_url=url) as client:
        answer = client.get(PATH, params=signed_query(fake, PATH))
    # One Date, the fake's (the loopback server does not add its own).
    assert answer.headers.get_list("date") == [answer.headers["date"]]
    assert answer.json()["ErrCode"] == "000000" and abs(date_of(answer) - fake.now()) < 3
