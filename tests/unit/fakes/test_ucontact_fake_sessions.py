"""uContact sessions: every Integra request needs an open session's key; EndSession answers 1
once and 0 after; the generic resource echoes what it received."""

import pytest

from fake_helpers import ucontact_login

END = "/Integra/resources/auth/EndSession"


@pytest.fixture
def key(integra):
    return ucontact_login(integra, "Admin").json()[2]


def basic(key):
    return {"Authorization": f"Basic {key}"}


def test_end_session_answers_1_then_0(ucontact, integra, key):
    answer = integra.post(END, data={"user": "Admin", "token": key}, headers=basic(key))
    assert answer.status_code == 200 and answer.text == "1"
    assert ucontact.open_sessions == {}
    assert integra.post(END, data={"user": "Admin", "token": key}, headers=basic(key)).text == "0"


@pytest.mark.parametrize("form", [{"user": "Carina"}, {"user": "admin"}, {}, {"user": "Admin", "token": "nope"}])
def test_end_session_of_another_user_or_an_unknown_token_answers_0(ucontact, integra, key, form):
    form = {"token": key, **form}
    assert integra.post(END, data=form, headers=basic(key)).text == "0"
    assert ucontact.open_sessions == {key: "Admin"}


def test_end_session_needs_the_authorization_header(ucontact, integra, key):
    assert integra.post(END, data={"user": "Admin", "token": key}).status_code == 401
    assert ucontact.open_sessions == {key: "Admin"}


def test_the_generic_resource_echoes_what_it_received(integra, key):
    answer = integra.post("/Integra/resources/any/request?x=1", headers=basic(key),
                          data={"param1": "exampleParam1", "param2": ["a", "b"]})
    assert answer.status_code == 200
    assert answer.json() == {"method": "POST", "resource": "any/request", "query": {"x": "1"},
                             "form": {"param1": "exampleParam1", "param2": ["a", "b"]}, "user": "Admin"}
    assert integra.put("/Integra/resources/Dialer/list", headers=basic(key), json={"a": [1]}).json() == {
        "method": "PUT", "resource": "Dialer/list", "query": {}, "form": {}, "json": {"a": [1]}, "user": "Admin"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic bm9ib2R5OjE="}, {"Authorization": "Bearer x"}])
def test_the_generic_resource_needs_an_open_sessions_key(ucontact, integra, headers):
    assert integra.get("/Integra/resources/any/request", headers=headers).status_code == 401
    assert not ucontact.requests[-1].authorized


def test_the_key_counts_only_as_basic_credentials(integra, key):
    assert integra.get("/Integra/resources/x", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert integra.get("/Integra/resources/x", headers={"Authorization": f"basic {key}"}).status_code == 200


def test_an_ended_sessions_key_is_refused(integra, key):
    assert integra.get("/Integra/resources/x", headers=basic(key)).status_code == 200
    integra.post(END, data={"user": "Admin", "token": key}, headers=basic(key))
    assert integra.get("/Integra/resources/x", headers=basic(key)).status_code == 401


def test_expire_tokens_ends_every_session(ucontact, integra, key):
    other = ucontact_login(integra, "Carina").json()[1]["md5secret"]
    ucontact.expire_tokens()
    assert ucontact.open_sessions == {}
    assert integra.get("/Integra/resources/x", headers=basic(other)).status_code == 401
    assert integra.post(END, data={"user": "Admin", "token": key}, headers=basic(key)).text == "0"


def test_paths_outside_integra_resources_are_not_found(integra, key):
    for path in ("/Integra/other", "/Integra/resources", "/"):
        assert integra.get(path, headers=basic(key)).status_code == 404


def test_the_log_says_which_requests_carried_a_good_key(ucontact, integra, key):
    integra.get("/Integra/resources/x", headers=basic(key))
    assert [(r.method, r.path, r.authorized, r.status) for r in ucontact.requests] == [
        ("POST", "/Integra/resources/auth/UserLogin", False, 200),
        ("GET", "/Integra/resources/x", True, 200),
    ]
