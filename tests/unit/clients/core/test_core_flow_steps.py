"""The call flow is a generator driven by hand: it asks for a token, a send or a sleep, and is
sent responses or thrown transport failures. No transport, no engine."""

import json
import random

import pytest

from bridge.clients.calls import Call
from bridge.clients.errors import (AuthenticationError, ConnectionFailed, InvalidArgument, RequestTimeout,
                                   ServerError, TlsError)
from bridge.clients.flow import GetToken, Send, Sleep, TransportFailure, call_flow
from bridge.clients.messages import Response
from bridge.clients.redaction import Redactor
from bridge.clients.retry import NO_RETRY, RetryPolicy
from bridge.clients.tokens import Token
from bridge.clients.ucs.api import UcsApi, read_data

API = UcsApi("https://ucs.test", "crm", "cs-secret-value")
T1, T2 = Token("tok-one-value", 3600.0), Token("tok-two-value", 3600.0)
POLICY = RetryPolicy(retries=2, base=1.0, cap=8.0)


def ok(data="done", **headers):
    return Response(200, headers, json.dumps({"success": True, "data": data}).encode())


def status(code, **headers):
    return Response(code, {k.replace("_", "-"): v for k, v in headers.items()}, b'{"success": false}')


def flow_of(call, retry=POLICY, rng=None):
    return call_flow(API, call, retry, Redactor("cs-secret-value"), rng or random.Random(7))


def finish(flow, response):
    with pytest.raises(StopIteration) as done:
        flow.send(response)
    return done.value.value


GET = Call("things.get", "GET", "/api/v1.0/things/1", read_data, query=(("token", "q-secret-123"),))
CREATE = Call("things.create", "POST", "/api/v1.0/things", read_data, json={"name": "Ann"})


def test_an_authenticated_call_asks_for_a_token_then_sends_it_and_returns_the_result():
    flow = flow_of(GET)
    assert next(flow) == GetToken(None)
    step = flow.send(T1)
    assert isinstance(step, Send) and step.operation == "things.get"
    assert step.request.method == "GET"
    assert step.request.url == "https://ucs.test/api/v1.0/things/1?token=q-secret-123"
    assert step.request.header("authorization") == "Bearer tok-one-value"
    assert finish(flow, ok({"id": 1})) == {"id": 1}


def test_an_unauthenticated_call_goes_straight_to_send():
    flow = flow_of(API.login())
    step = next(flow)
    assert isinstance(step, Send) and step.request.header("authorization") is None
    assert json.loads(step.request.body) == {"client_id": "crm", "client_secret": "cs-secret-value",
                                             "grant_type": "client_credentials"}
    token_answer = Response(200, {}, b'{"access_token": "tok-one-value", "expires_in": "3610"}')
    assert finish(flow, token_answer) == Token("tok-one-value", 3610.0)


def test_a_refused_token_asks_for_a_new_one_naming_the_stale_one_then_replays_once():
    flow = flow_of(CREATE)
    next(flow)
    first = flow.send(T1)
    assert flow.send(status(401)) == GetToken(T1)
    replay = flow.send(T2)
    assert isinstance(replay, Send) and replay.request.header("authorization") == "Bearer tok-two-value"
    assert replay.request.body == first.request.body  # the same create, replayed: nothing was done
    assert finish(flow, ok()) == "done"


def test_a_second_refusal_after_the_replay_is_the_callers_authentication_error():
    flow = flow_of(GET)
    next(flow)
    flow.send(T1)
    flow.send(status(401))
    flow.send(T2)
    with pytest.raises(AuthenticationError) as raised:
        flow.send(status(401))
    assert raised.value.status == 401 and raised.value.operation == "things.get"


def test_a_503_on_an_idempotent_call_sleeps_then_asks_for_the_token_and_sends_again():
    flow = flow_of(GET, rng=random.Random(1))
    next(flow)
    flow.send(T1)
    step = flow.send(status(503))
    assert isinstance(step, Sleep) and 0.5 <= step.seconds <= 1.0  # base 1 s: half fixed, half jitter
    assert flow.send(None) == GetToken(None)
    assert isinstance(flow.send(T1), Send)
    assert finish(flow, ok()) == "done"


def test_retry_after_decides_the_sleep():
    flow = flow_of(GET)
    next(flow)
    flow.send(T1)
    assert flow.send(status(503, retry_after="7")) == Sleep(7.0)


def test_a_503_on_a_create_is_never_retried():
    flow = flow_of(CREATE)
    next(flow)
    flow.send(T1)
    with pytest.raises(ServerError):
        flow.send(status(503))


def test_when_the_retries_are_used_up_the_last_answer_is_the_error():
    flow = flow_of(GET)
    next(flow)
    flow.send(T1)
    for _ in range(POLICY.retries):
        assert isinstance(flow.send(status(502)), Sleep)
        flow.send(None)
        flow.send(T1)
    with pytest.raises(ServerError) as raised:
        flow.send(status(502))
    assert raised.value.status == 502


@pytest.mark.parametrize("kind, error", [("timeout", RequestTimeout), ("connection", ConnectionFailed),
                                         ("tls", TlsError)])
def test_a_transport_failure_thrown_into_a_create_raises_its_error_at_once(kind, error):
    flow = flow_of(CREATE)
    next(flow)
    flow.send(T1)
    with pytest.raises(error) as raised:
        flow.throw(TransportFailure(kind, "no luck"))
    assert type(raised.value) is error
    assert raised.value.status is None and raised.value.vendor == "UCS" and raised.value.operation == "things.create"
    assert raised.value.url == "https://ucs.test/api/v1.0/things"


def test_a_transport_failure_on_an_idempotent_call_is_retried_then_raised():
    flow = flow_of(GET)
    next(flow)
    flow.send(T1)
    for _ in range(POLICY.retries):
        assert isinstance(flow.throw(TransportFailure("timeout", "slow")), Sleep)
        flow.send(None)
        flow.send(T1)
    with pytest.raises(RequestTimeout) as raised:
        flow.throw(TransportFailure("timeout", "slow"))
    # The query credential is masked in the URL it carries, and nothing unredacted is chained on.
    assert raised.value.url == "https://ucs.test/api/v1.0/things/1?token=***"
    assert raised.value.__context__ is None and raised.value.__cause__ is None


def test_a_failed_tls_handshake_is_not_retried_even_on_an_idempotent_call():
    # An untrusted certificate fails the same way every time: retrying only delays the error.
    flow = flow_of(GET)
    next(flow)
    flow.send(T1)
    with pytest.raises(TlsError):
        flow.throw(TransportFailure("tls", "certificate verify failed"))


def test_a_transport_failure_quoting_the_url_is_told_with_the_redacted_one():
    flow = flow_of(GET, retry=NO_RETRY)
    next(flow)
    sent = flow.send(T1)
    with pytest.raises(ConnectionFailed) as raised:
        flow.throw(TransportFailure("connection", f"fetch to {sent.request.url} failed"))
    assert "q-secret-123" not in str(raised.value)
    assert "fetch to https://ucs.test/api/v1.0/things/1?token=*** failed" in str(raised.value)


def test_a_transport_failure_shows_its_kind_only():
    # Should one escape, its text must not carry the URL its detail may quote.
    failure = TransportFailure("connection", "cannot reach https://h/x?token=q-secret-123")
    assert (str(failure), repr(failure), failure.args) == ("connection", "TransportFailure('connection')",
                                                           ("connection",))
    assert failure.detail == "cannot reach https://h/x?token=q-secret-123"


def test_an_unknown_transport_failure_kind_is_a_bug_not_a_failure():
    with pytest.raises(ValueError, match="unknown transport failure kind"):
        TransportFailure("dns", "?")


def test_a_body_that_cannot_be_sent_is_refused_before_any_token_is_asked_for():
    flow = flow_of(Call("x", "POST", "/x", read_data, json={"n": float("nan")}))
    with pytest.raises(InvalidArgument):
        next(flow)
