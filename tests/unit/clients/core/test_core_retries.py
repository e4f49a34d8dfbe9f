"""Retries: only for retryable calls, capped exponential backoff with jitter, Retry-After
honoured (up to a limit), and the error that remains when they are used up."""

import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx2
import pytest

from bridge.clients.errors import (ApiError, ConnectionFailed, InvalidArgument, RateLimitedError, RequestTimeout,
                                   ServerError, ValidationError)
from bridge.clients.messages import Response
from bridge.clients.retry import RetryPolicy, retry_after
from core_doubles import TOKEN_PATH, UcsDouble, create, envelope, get, sync_client

CALL = "/api/v1.0/things/1"


class Jitter(random.Random):
    """uniform(a, b) at a fixed fraction of the way from a to b."""

    def __init__(self, fraction):
        super().__init__()
        self.fraction = fraction

    def uniform(self, a, b):
        return a + (b - a) * self.fraction


def calls_made(server):
    return [r for r in server.requests if r.url.path != TOKEN_PATH]


@pytest.mark.parametrize("answer", [
    httpx2.Response(500), httpx2.Response(502), httpx2.Response(503), httpx2.Response(504),
    httpx2.Response(429, headers={"Retry-After": "1"}),
    httpx2.ConnectError("connection reset"), httpx2.ReadTimeout("slow"),
])
def test_a_post_create_is_never_retried(answer):
    server, sleeps = UcsDouble(), []
    server.script = [answer, envelope("created")]
    client = sync_client(server, sleeps=sleeps)
    with pytest.raises((ServerError, RateLimitedError, ConnectionFailed, RequestTimeout)):
        client._run(create())
    assert len(calls_made(server)) == 1 and sleeps == []


def test_a_post_declared_idempotent_is_retried():
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.Response(503), envelope("done")]
    assert sync_client(server, sleeps=sleeps)._run(create(idempotent=True)) == "done"
    assert len(calls_made(server)) == 2


def test_a_get_declared_not_idempotent_is_not_retried():
    server = UcsDouble()
    server.script = [httpx2.Response(503)]
    with pytest.raises(ServerError):
        sync_client(server)._run(get(idempotent=False))
    assert len(calls_made(server)) == 1


def test_an_idempotent_get_after_a_503_then_a_200_succeeds_with_one_retry():
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.Response(503), envelope({"id": 1})]
    client = sync_client(server, sleeps=sleeps, retry=RetryPolicy(base=0.25), rng=Jitter(0.5))
    assert client._run(get()) == {"id": 1}
    assert len(calls_made(server)) == 2
    assert sleeps == [0.1875]  # ceiling 0.25: 0.125 fixed + half of the 0.125 jitter


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 501])
def test_answers_that_another_try_would_not_change_are_not_retried(status):
    server = UcsDouble()
    server.script = [httpx2.Response(status, json={"success": False, "error": "no"})] * 3
    with pytest.raises(ApiError) as raised:
        sync_client(server)._run(get())
    assert raised.value.status == status
    assert len(calls_made(server)) == (2 if status == 401 else 1)  # a 401 is a token refusal: one replay


@pytest.mark.parametrize("fraction, delays", [
    (0.0, [0.5, 1.0, 2.0, 2.0, 2.0]),  # the fixed half of each ceiling (1, 2, 4, then the cap 4)
    (1.0, [1.0, 2.0, 4.0, 4.0, 4.0]),  # the whole ceiling
])
def test_backoff_is_capped_exponential_with_half_of_it_jitter(fraction, delays):
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.Response(503)] * 5 + [envelope("ok")]
    client = sync_client(server, sleeps=sleeps, retry=RetryPolicy(retries=5, base=1.0, cap=4.0), rng=Jitter(fraction))
    assert client._run(get()) == "ok"
    assert sleeps == delays


def test_backoff_with_a_real_random_stays_within_half_and_all_of_each_ceiling():
    policy, rng = RetryPolicy(retries=20, base=0.25, cap=8.0), random.Random(12345)
    for attempt in range(20):
        ceiling = min(8.0, 0.25 * 2 ** attempt)
        delays = {policy.backoff(attempt, rng) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered, not one fixed value


def test_retry_after_in_seconds_is_honoured():
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.Response(429, headers={"Retry-After": "7"}), envelope("ok")]
    assert sync_client(server, sleeps=sleeps)._run(get()) == "ok"
    assert sleeps == [7.0]


def test_retry_after_as_an_http_date_is_honoured():
    server, sleeps = UcsDouble(), []
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    server.script = [httpx2.Response(503, headers={"Retry-After": when}), envelope("ok")]
    assert sync_client(server, sleeps=sleeps)._run(get()) == "ok"
    assert len(sleeps) == 1 and 28.0 <= sleeps[0] <= 30.0  # the date has whole seconds


@pytest.mark.parametrize("value, seconds", [
    ("0", 0.0), ("120", 120.0), (" 5 ", 5.0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: no wait
    ("soon", None), ("-3", None), ("1.5", None), ("²", None), ("", None),
])
def test_retry_after_reads_delta_seconds_and_dates_and_ignores_the_rest(value, seconds):
    assert retry_after(Response(503, {"retry-after": value})) == seconds


def test_a_retry_after_beyond_the_limit_raises_rate_limited_at_once():
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.Response(429, headers={"Retry-After": "120"}), envelope("ok")]
    client = sync_client(server, sleeps=sleeps, retry=RetryPolicy(max_retry_after=60))
    with pytest.raises(RateLimitedError) as raised:
        client._run(get())
    assert raised.value.retry_after == 120.0 and raised.value.status == 429
    assert sleeps == [] and len(calls_made(server)) == 1


def test_after_the_retries_a_5xx_is_a_server_error_naming_the_call():
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.Response(503)] * 4
    client = sync_client(server, sleeps=sleeps)
    with pytest.raises(ServerError) as raised:
        client._run(get(query=(("token", "q-secret-123"),)))
    error = raised.value
    assert (error.status, error.vendor, error.operation, error.method) == (503, "UCS", "things.get", "GET")
    assert error.url == "https://ucs.test/api/v1.0/things/1?token=***"
    assert len(calls_made(server)) == 4 and len(sleeps) == 3  # the default policy: 3 retries


def test_after_the_retries_a_429_is_rate_limited_with_its_retry_after():
    server = UcsDouble()
    server.script = [httpx2.Response(429, headers={"Retry-After": "2"})] * 4
    with pytest.raises(RateLimitedError) as raised:
        sync_client(server)._run(get())
    assert raised.value.retry_after == 2.0 and raised.value.status == 429
    assert len(calls_made(server)) == 4


@pytest.mark.parametrize("failure, error", [
    (httpx2.ReadTimeout("timed out"), RequestTimeout),
    (httpx2.ConnectTimeout("timed out"), RequestTimeout),
    (httpx2.ConnectError("[Errno 111] Connection refused"), ConnectionFailed),
    (httpx2.RemoteProtocolError("Server disconnected without sending a response."), ConnectionFailed),
])
def test_after_the_retries_a_transport_failure_is_its_error_with_no_status(failure, error):
    server = UcsDouble()
    server.script = [failure] * 4
    with pytest.raises(error) as raised:
        sync_client(server)._run(get(query=(("Sign", "q-secret-123"),)))
    assert type(raised.value) is error and raised.value.code == "API_UNREACHABLE"
    assert (raised.value.status, raised.value.vendor, raised.value.operation) == (None, "UCS", "things.get")
    assert raised.value.url == "https://ucs.test/api/v1.0/things/1?Sign=***"
    assert len(calls_made(server)) == 4


def test_a_transport_failure_on_an_idempotent_call_is_retried_then_succeeds():
    server, sleeps = UcsDouble(), []
    server.script = [httpx2.ConnectError("reset"), envelope("ok")]
    assert sync_client(server, sleeps=sleeps)._run(get()) == "ok"
    assert len(calls_made(server)) == 2 and len(sleeps) == 1


def test_a_field_validation_failure_is_never_retried():
    server = UcsDouble()
    server.script = [envelope({"name": "required"}, success=False)]
    with pytest.raises(ValidationError):
        sync_client(server)._run(get())
    assert len(calls_made(server)) == 1


@pytest.mark.parametrize("options", [
    {"retries": -1}, {"retries": 21}, {"retries": 1.5}, {"retries": True},
    {"base": -1}, {"cap": float("inf")}, {"base": 2, "cap": 1}, {"base": "1"},
    {"max_retry_after": -1}, {"max_retry_after": float("nan")},
])
def test_a_retry_policy_that_makes_no_sense_is_refused(options):
    with pytest.raises(InvalidArgument):
        RetryPolicy(**options)
