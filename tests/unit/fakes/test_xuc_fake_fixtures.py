"""The testing kit's XUC fixtures: a fresh fake per test, in-process and on 127.0.0.1."""

import httpx2
import pytest

from bridge.testing.fakes import XucFake

from xuc_fake_helpers import API, client_for, log_in


@pytest.mark.parametrize("round", [1, 2])
def test_xuc_fake_is_fresh_for_each_test(xuc_fake, round):
    assert isinstance(xuc_fake, XucFake) and xuc_fake.url is None
    client = client_for(xuc_fake)
    log_in(client)
    assert xuc_fake.dnd["jbond"] is False  # the other round's change is not here
    client.post(API + "/dnd/jbond", json={"state": True})
    assert xuc_fake.login_count == 1


def test_xuc_fake_server_serves_the_fake_at_its_url(xuc_fake_server):
    assert xuc_fake_server.url.startswith("http://127.0.0.1:")
    with httpx2.Client(base_url=xuc_fake_server.url) as client:
        log_in(client)
        assert client.post(API + "/dial/number/jbond", json={"destination": "1"}).status_code == 200
    assert len(xuc_fake_server.dials) == 1
