"""Reading UserLogin's answer: the key of a supervisor with a phone (``md5secret``) or without
one (the list's key item), ``0`` refused, anything else malformed."""

import json

import httpx2
import pytest
from integra_seed import NO_PHONE_USER, PHONE_USER, SEED_NO_PHONE_KEY, SEED_PHONE_KEY

from bridge.clients.calls import Reply
from bridge.clients.errors import AuthenticationError, MalformedResponseError, ServerError
from bridge.clients.messages import Response
from bridge.clients.retry import RetryPolicy
from bridge.clients.ucontact.api import read_key


def reply(body, status=200):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Reply(Response(status, {}, raw), "uContact", "login", "POST", "https://uc.test/x", lambda text: text)


def test_a_supervisor_with_a_phone_gets_the_md5secret_of_an_item():
    # The seed's example: [ ... { .... "md5secret": "<key>", .... } ]
    body = [{"user": "Carina"}, {"phone": "1001", "callerid": "Carina <1001>", "md5secret": SEED_PHONE_KEY}]
    assert read_key(reply(body)) == SEED_PHONE_KEY


def test_the_md5secret_is_found_whatever_its_case_and_an_empty_one_is_no_phone():
    assert read_key(reply([{"Md5secret": SEED_PHONE_KEY}])) == SEED_PHONE_KEY
    assert read_key(reply([{"md5secret": ""}, {"md5secret": None}, SEED_NO_PHONE_KEY])) == SEED_NO_PHONE_KEY


def test_without_a_phone_the_key_is_the_third_item_which_ends_the_list():
    # "on the 3rd item of the List" and "Al final de la lista": with three items, both.
    assert read_key(reply([{"user": "Admin"}, {"phone": None}, SEED_NO_PHONE_KEY])) == SEED_NO_PHONE_KEY


def test_when_the_readings_part_the_last_string_wins_else_the_third():
    # A longer list whose third item is no string: "at the end of the list".
    assert read_key(reply([{}, {}, {}, 7, SEED_NO_PHONE_KEY])) == SEED_NO_PHONE_KEY
    # A shorter one: the end again.
    assert read_key(reply([{}, SEED_NO_PHONE_KEY])) == SEED_NO_PHONE_KEY
    # The third item a string, the last an object: "the 3rd item".
    assert read_key(reply([{}, {}, SEED_NO_PHONE_KEY, {"more": 1}])) == SEED_NO_PHONE_KEY
    # Both strings: the example's place, the end.
    assert read_key(reply([{}, {}, "dGhpcmQ6aXRlbQ==", SEED_NO_PHONE_KEY])) == SEED_NO_PHONE_KEY


@pytest.mark.parametrize("body", [b"0", b"0\n", b" 0 ", b'"0"', 0])
def test_zero_is_a_refused_login(body):
    with pytest.raises(AuthenticationError) as caught:
        read_key(reply(body))
    assert caught.value.vendor_code == 0


@pytest.mark.parametrize("status", [401, 403])
def test_a_login_refused_by_status_is_an_authentication_error(status):
    with pytest.raises(AuthenticationError):
        read_key(reply(b"Unauthorized", status))


def test_a_server_error_is_a_server_error():
    with pytest.raises(ServerError):
        read_key(reply(b"boom", 503))


@pytest.mark.parametrize("body", [
    b"", b"<html>Login</html>", b"1", {"md5secret": SEED_PHONE_KEY}, [], [{"user": "x"}], [{}, {}, 3],
    [{"md5secret": 5}], [{"md5secret": "a b"}], [{}, {}, "key\r\nX-Injected: 1"], [{}, {}, ""],
])
def test_any_other_answer_is_malformed(body):
    with pytest.raises(MalformedResponseError):
        read_key(reply(body))


def test_both_seed_users_log_in_and_use_their_key(integra, make_client):
    for user in (PHONE_USER, NO_PHONE_USER):
        with make_client(user=user) as uc:
            assert uc.request("any/request")["user"] == user
    assert integra.logins == 2 and integra.sessions == {}


def test_a_wrong_password_raises_authentication_error_and_opens_nothing(integra, make_client):
    with make_client(password="not-the-password") as uc:
        with pytest.raises(AuthenticationError):
            uc.request("any/request")
        assert not uc.has_session
    assert integra.sent("EndSession") == []


def test_login_logs_in_once_and_not_again_while_the_session_is_open(integra, logged_in):
    uc = logged_in
    uc.login()
    uc.request("any/request")
    assert integra.logins == 1 and uc.has_session


def test_a_login_answered_by_a_5xx_is_retried(integra, make_client):
    integra.login_answers = [httpx2.Response(503, text="Service Unavailable")]
    with make_client(retry=RetryPolicy(retries=1, base=0, cap=0)) as uc:
        uc.login()
        assert uc.has_session
    assert integra.logins == 2
