"""The testing kit's Udesk fixtures: a fresh fake per test, in-process and on 127.0.0.1."""

import httpx2
import pytest

from bridge.testing.fakes import UdeskFake

from udesk_fake_helpers import API, call, signed_query


@pytest.mark.parametrize("round", [1, 2])
def test_udesk_fake_is_fresh_for_each_test(udesk_fake, round):
    assert isinstance(udesk_fake, UdeskFake) and udesk_fake.url is None
    assert "9415" not in udesk_fake.agents  # the other round's agent is not here
    assert call(udesk_fake, "POST", API + "/agents", {"AgentId": "9415", "WorkId": "199"}).json()["ErrCode"] == "000000"


def test_udesk_fake_server_serves_the_fake_at_its_url(udesk_fake_server):
    assert udesk_fake_server.url.startswith("http://127.0.0.1:")
    path = API + "/queues"
    with httpx2.Client(base_url=udesk_fake_server.url) as client:
        answer = client.post(path, params=signed_query(udesk_fake_server, path), json={"QueueId": "9100"})
    assert answer.json()["ErrCode"] == "000000" and "9100" in udesk_fake_server.queues
