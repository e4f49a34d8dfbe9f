"""A key refused with 401 on a resource call: one new login, the call replayed once."""

import httpx2
import pytest

from bridge.clients.errors import AuthenticationError, PermissionDeniedError


def test_a_401_logs_in_once_more_and_replays_the_call_with_the_new_key(integra, make_client):
    with make_client() as uc:
        uc.request("any/request")
        old = next(iter(integra.sessions))
        integra.expire()
        assert uc.request("any/request", {"a": "1"})["form"] == {"a": "1"}
        new = next(iter(integra.sessions))
    assert integra.logins == 2 and new != old
    tried, replayed = integra.sent("any/request")[1:]
    assert tried.headers["authorization"] == f"Basic {old}"
    assert replayed.headers["authorization"] == f"Basic {new}" and replayed.content == tried.content


def test_a_second_401_is_raised_after_exactly_one_new_login(integra, logged_in):
    uc = logged_in
    integra.resource_answers = [httpx2.Response(401, text="Unauthorized")] * 2
    with pytest.raises(AuthenticationError):
        uc.request("any/request")
    assert integra.logins == 2 and len(integra.sent("any/request")) == 2


def test_a_403_is_not_a_dead_key(integra, make_client):
    uc = make_client()
    integra.resource_answers = [httpx2.Response(403, text="Forbidden")]
    with pytest.raises(PermissionDeniedError):
        uc.request("any/request")
    assert integra.logins == 1
    uc.close()
