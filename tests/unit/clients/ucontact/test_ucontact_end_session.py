"""EndSession: ``1`` ends and forgets the key, ``0`` raises and keeps it, nothing is sent
without a session; ``end_session(url, user, key)`` ends another process's key without a login."""

import httpx2
import pytest
from integra_seed import NO_PHONE_USER, URL, form_of

from bridge.clients.errors import ApiError, AuthenticationError, MalformedResponseError
from bridge.clients.ucontact import end_session


def test_one_ends_the_session_and_a_later_call_logs_in_again(integra, logged_in):
    uc = logged_in
    key = next(iter(integra.sessions))
    assert uc.end_session() is None
    assert integra.sessions == {} and not uc.has_session
    [ended] = integra.sent("EndSession")
    assert form_of(ended) == {"user": NO_PHONE_USER, "token": key}
    uc.request("any/request")
    assert integra.logins == 2


def test_zero_raises_api_error_with_vendor_code_0_and_keeps_the_key(integra, logged_in):
    uc = logged_in
    integra.end_answers = [httpx2.Response(200, text="0")]
    with pytest.raises(ApiError) as caught:
        uc.end_session()
    assert type(caught.value) is ApiError and caught.value.vendor_code == 0 and caught.value.status == 200
    assert uc.has_session  # so it may be tried again
    uc.end_session()
    assert integra.sessions == {} and not uc.has_session


def test_a_refused_key_is_raised_and_forgotten(integra, logged_in):
    uc = logged_in
    integra.end_answers = [httpx2.Response(401, text="Unauthorized")]
    with pytest.raises(AuthenticationError):
        uc.end_session()
    # No new login to replay it with: that would open a session and end none.
    assert integra.logins == 1 and len(integra.sent("EndSession")) == 1
    assert not uc.has_session


def test_any_other_answer_is_malformed(integra, logged_in):
    uc = logged_in
    integra.end_answers = [httpx2.Response(200, text="OK")]
    with pytest.raises(MalformedResponseError):
        uc.end_session()


def test_without_a_session_nothing_is_sent(integra, make_client):
    uc = make_client()
    assert uc.end_session() is None
    assert integra.requests == []
    uc.close()


def test_the_module_function_ends_a_given_key_without_logging_in(integra, make_client):
    holder = make_client()
    holder.login()
    key = next(iter(integra.sessions))
    end_session(URL, NO_PHONE_USER, key, transport=httpx2.MockTransport(integra))
    assert integra.sessions == {} and integra.logins == 1
    [ended] = integra.sent("EndSession")
    assert ended.headers["authorization"] == f"Basic {key}" and form_of(ended)["token"] == key
    holder.close()


def test_the_module_function_raises_what_the_server_says(integra):
    # The seed's key, never opened here: 0.
    with pytest.raises(ApiError) as caught:
        end_session(URL, NO_PHONE_USER, "QWRtaW46OTgzNWM1MjUtMzU2Ny00YjgyLWEwYWYtY2NkMjNlMDhjNzA3",
                    transport=httpx2.MockTransport(integra))
    assert caught.value.vendor_code == 0 and integra.logins == 0
