"""Through UcsClient: a create is never retried (one request, even on a 500 or 503); a GET, a PATCH
and the idempotent POSTs are retried after a 503 with the engine's backoff (``sleep=`` and ``rng=``
passed through the client's options) or the server's Retry-After; a lost answer is retried for
a GET only."""

import random

import httpx2
import pytest

from bridge.clients.errors import ConnectionFailed, RateLimitedError, ServerError
from bridge.clients.retry import RetryPolicy
from ucs_helpers import Seed, client, ok


def flaky(*statuses, then, headers=None):
    """Answers each status of ``statuses`` in turn, then ``then`` (a JSON body) for good."""
    answers = list(statuses)

    def answer(request):
        if answers:
            return httpx2.Response(answers.pop(0), headers=headers or {}, json={"error": "busy"})
        return httpx2.Response(200, json=then)
    return answer


@pytest.mark.parametrize("ask, route", [
    (lambda c: c.create_user({"username": "test", "group_id": 1}), "POST /user"),
    (lambda c: c.create_person({"group_id": 1}), "POST /crm/person"),
    (lambda c: c.create_company({"group_id": 1, "name": "Společnost a.s."}), "POST /crm/company"),
])
@pytest.mark.parametrize("status", [500, 503])
def test_a_create_is_never_retried(ask, route, status):
    seed = Seed({route: flaky(status, then=ok(123))})
    slept = []
    with client(seed, sleep=slept.append) as c, pytest.raises(ServerError):
        ask(c)
    assert len(seed.api_requests) == 1 and slept == []


@pytest.mark.parametrize("ask, route, then", [
    (lambda c: c.groups(), "GET /groups", ok([])),
    (lambda c: c.update_user(123, {"team_id": 1}), "PATCH /user/123", ok(None)),
    (lambda c: c.update_metadata("1.1", {"pokus": "hokus"}), "POST /metadata/1.1", ok({"pokus": "hokus"})),
    (lambda c: c.update_shared_data("osl_chats", {}), "POST /shared/osl_chats", ok(None)),
    (lambda c: c.update_queue_membership([{"id": 1, "queues": []}]), "POST /queues/agents", ok([])),
    (lambda c: c.delete_person(1), "DELETE /crm/person/1", ok(None)),
])
def test_an_idempotent_call_is_retried_after_a_503_with_the_injected_backoff(ask, route, then):
    seed = Seed({route: flaky(503, 503, then=then)})
    slept = []
    with client(seed, sleep=slept.append, rng=random.Random(7)) as c:
        ask(c)
    assert len(seed.api_requests) == 3
    expected_rng = random.Random(7)
    expected = [RetryPolicy().backoff(attempt, expected_rng) for attempt in (0, 1)]
    assert slept == expected
    assert 0.125 <= slept[0] <= 0.25 and 0.25 <= slept[1] <= 0.5  # capped exponential, half of it jitter


def test_retry_after_is_honoured():
    seed = Seed({"GET /groups": flaky(503, then=ok([]), headers={"Retry-After": "2"})})
    slept = []
    with client(seed, sleep=slept.append) as c:
        c.groups()
    assert slept == [2.0]


def test_a_429_asking_for_too_long_is_raised_at_once_with_retry_after():
    seed = Seed({"GET /groups": flaky(429, then=ok([]), headers={"Retry-After": "3600"})})
    slept = []
    with client(seed, sleep=slept.append) as c, pytest.raises(RateLimitedError) as raised:
        c.groups()
    assert raised.value.retry_after == 3600.0 and slept == [] and len(seed.api_requests) == 1


def test_the_retries_end_after_the_policys_count():
    seed = Seed({"GET /groups": flaky(*[503] * 10, then=ok([]))})
    slept = []
    with client(seed, sleep=slept.append, retry=RetryPolicy(retries=2)) as c, pytest.raises(ServerError):
        c.groups()
    assert len(seed.api_requests) == 3 and len(slept) == 2


def dropping_first_answer(sent):
    def handler(request):
        if request.url.path == "/login/oauth2/token":
            return httpx2.Response(200, json={"access_token": "a-token-value", "expires_in": "3610"})
        sent.append(request)
        if len(sent) == 1:
            raise httpx2.ConnectError("connection reset", request=request)
        return httpx2.Response(200, json=ok([] if request.method == "GET" else 5))
    return handler


def test_a_lost_answer_to_a_get_is_retried():
    sent = []
    with client(dropping_first_answer(sent), sleep=lambda seconds: None) as c:
        assert c.groups() == []
    assert len(sent) == 2


def test_a_lost_answer_to_a_create_is_raised_not_retried():
    sent = []
    with client(dropping_first_answer(sent), sleep=lambda seconds: None) as c, pytest.raises(ConnectionFailed):
        c.create_person({"group_id": 1})
    assert len(sent) == 1
