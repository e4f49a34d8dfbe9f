"""uContact UserLogin: a form-encoded login answers a list holding the API key in one of the
seed's two shapes, or 0."""

import base64
import re
import uuid

import pytest

from bridge.testing.fakes import UContactFake, UContactUser

from fake_helpers import UCONTACT_URL, client_for, ucontact_login


def decoded(key: str) -> tuple[str, uuid.UUID]:
    user, _, session = base64.b64decode(key, validate=True).decode().partition(":")
    return user, uuid.UUID(session)


def test_a_supervisor_with_a_phone_gets_the_key_as_an_items_md5secret(ucontact, integra):
    answer = ucontact_login(integra, "Carina")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    items = answer.json()
    keys = [item["md5secret"] for item in items if isinstance(item, dict) and "md5secret" in item]
    assert len(keys) == 1 and decoded(keys[0])[0] == "Carina"
    assert ucontact.open_sessions == {keys[0]: "Carina"}


def test_a_supervisor_without_a_phone_gets_the_key_as_the_third_and_last_item(ucontact, integra):
    items = ucontact_login(integra, "Admin").json()
    # "the 3rd item of the List" and "at the end of the list": both readings give this item.
    assert len(items) == 3 and isinstance(items[2], str)
    assert not any(isinstance(item, dict) and "md5secret" in item for item in items)
    assert decoded(items[2])[0] == "Admin"
    assert ucontact.open_sessions == {items[2]: "Admin"}


def test_each_login_opens_a_session_of_its_own(ucontact, integra):
    first, second = ucontact_login(integra, "Admin").json()[2], ucontact_login(integra, "Admin").json()[2]
    assert first != second and set(ucontact.open_sessions) == {first, second}
    assert ucontact.login_count == 2


@pytest.mark.parametrize("user, password", [("Carina", "wrong"), ("carina", "ExamplePassword"),
                                            ("Nobody", "ExamplePassword"), ("Carina", "")])
def test_a_failed_login_answers_0(ucontact, integra, user, password):
    answer = ucontact_login(integra, user, password)
    assert answer.status_code == 200 and answer.text == "0"
    assert ucontact.open_sessions == {}


def test_a_login_without_its_fields_answers_0(integra):
    assert integra.post("/Integra/resources/auth/UserLogin", data={"user": "Carina"}).text == "0"


def test_the_login_must_be_form_encoded(ucontact, integra):
    answer = integra.post("/Integra/resources/auth/UserLogin", json={"user": "Carina", "password": "ExamplePassword"})
    assert answer.status_code == 415 and ucontact.open_sessions == {}
    # The seed's jQuery example sends the charset parameter too.
    answer = integra.post("/Integra/resources/auth/UserLogin", content=b"user=Carina&password=ExamplePassword",
                          headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert answer.status_code == 200 and len(ucontact.open_sessions) == 1


def test_the_login_takes_only_post(integra):
    assert integra.get("/Integra/resources/auth/UserLogin").status_code == 405


def test_users_are_configurable():
    fake = UContactFake({"ops": UContactUser("pw1", has_phone=False), "sup": "pw2"})
    client = client_for(fake, UCONTACT_URL)
    assert isinstance(ucontact_login(client, "ops", "pw1").json()[2], str)
    assert re.fullmatch(r"[A-Za-z0-9+/=]+", ucontact_login(client, "sup", "pw2").json()[1]["md5secret"])
    assert ucontact_login(client, "Carina").text == "0"  # the defaults are replaced


@pytest.mark.parametrize("users", [{"": "pw"}, {"a:b": "pw"}, {"a": ""}, {"a": 5}, {"a": UContactUser("")}])
def test_bad_users_are_refused(users):
    with pytest.raises(ValueError):
        UContactFake(users)
