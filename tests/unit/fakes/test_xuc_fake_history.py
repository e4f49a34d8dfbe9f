"""XUC call history, for web-service users: by size and by days (GET as the seed's tables, POST as
its curl examples), {"res": "success", "data": [...]} with the seed's entries, newest first."""

import pytest

from bridge.testing.fakes import XucFake
from bridge.testing.fakes.xuc_fixtures import HISTORY

from xuc_fake_helpers import API, Clock, web_service_client


@pytest.fixture
def clock():
    return Clock(1_537_549_200.0)  # 2018-09-21 17:00:00 UTC: the seed's calls are a day old


@pytest.fixture
def fake(clock):
    return XucFake(clock=clock, ttl=7 * 86400)  # the token outlives the days the test moves on


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_by_size(fake, method):
    answer = web_service_client(fake).request(method, API + "/history/bruce", params={"size": 3})
    assert answer.status_code == 200 and answer.json() == {"res": "success", "data": HISTORY[:3]}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_by_days(fake, clock, method):
    client = web_service_client(fake)
    assert client.request(method, API + "/history/days/cquefia", params={"days": 2}).json()["data"] == HISTORY[1:]
    clock.now += 2 * 86400
    assert client.request(method, API + "/history/days/cquefia", params={"days": 2}).json()["data"] == []


def test_a_dial_joins_the_history(fake):
    client = web_service_client(fake)
    client.post(API + "/dial/number/bruce", json={"destination": "0123456789"})
    data = client.get(API + "/history/bruce", params={"size": 10}).json()["data"]
    assert data[0]["dstUsername"] == "0123456789" and data[0]["start"] == "2018-09-21 17:00:00" and data[1:] == HISTORY


@pytest.mark.parametrize("path, error", [
    ("/history/bruce", "BadRequest"),
    ("/history/bruce?size=0", "BadRequest"),
    ("/history/bruce?size=x", "BadRequest"),
    ("/history/days/bruce?days=-1", "BadRequest"),
    ("/history/nobody?size=1", "UserNotFound"),
])
def test_refusals(fake, path, error):
    answer = web_service_client(fake).get(API + path)
    assert answer.status_code == 400 and answer.json()["error"] == error
