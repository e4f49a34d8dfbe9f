"""The testing kit's fixtures: fresh fakes per test, in-process and on 127.0.0.1."""

import httpx2
import pytest

from bridge.testing.fakes import UContactFake, UcsFake

from fake_helpers import API, UCONTACT_URL, client_for, log_in, ucontact_login


@pytest.mark.parametrize("round", [1, 2])
def test_ucs_fake_is_fresh_for_each_test(ucs_fake, round):
    assert isinstance(ucs_fake, UcsFake) and ucs_fake.url is None
    client = client_for(ucs_fake)
    log_in(client, ucs_fake)
    assert client.get(API + "/crm/persons").json()["total"] == 4  # the other round's create is not here
    client.post(API + "/crm/person", json={"group_id": 1})
    assert ucs_fake.login_count == 1


def test_ucs_fake_server_serves_the_fake_at_its_url(ucs_fake_server):
    assert ucs_fake_server.url.startswith("http://127.0.0.1:")
    with httpx2.Client(base_url=ucs_fake_server.url) as client:
        log_in(client, ucs_fake_server)
        assert client.get(API + "/call/1723018607.115").json()["data"]["duration"] == 524


def test_ucontact_fake(ucontact_fake):
    assert isinstance(ucontact_fake, UContactFake)
    assert ucontact_login(client_for(ucontact_fake, UCONTACT_URL)).json()[1]["md5secret"] in ucontact_fake.open_sessions


def test_ucontact_fake_server(ucontact_fake_server):
    with httpx2.Client(base_url=ucontact_fake_server.url) as client:
        assert isinstance(ucontact_login(client, "Admin").json()[2], str)
    assert len(ucontact_fake_server.open_sessions) == 1
