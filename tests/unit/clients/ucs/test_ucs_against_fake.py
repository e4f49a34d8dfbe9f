"""The UCS clients against the testing kit's UcsFake, in-process (httpx2.WSGITransport): every
operation round-trips, field errors, a token the fake expires, a 503 then success, every page."""

import asyncio

import httpx2
import pytest

import bridge.testing.fakes.ucs as fakes

from bridge.clients.errors import NotFoundError, ServerError, ValidationError  # noqa: E402
from bridge.clients.ucs import (AsyncUcsClient, CallRecord, Direction, Person, QueueType, UcsClient,  # noqa: E402
                                User)


def ucs_client(fake, **options) -> UcsClient:
    return UcsClient("https://ucs.test", client_id=fake.client_id, client_secret=fake.client_secret,
                     transport=httpx2.WSGITransport(app=fake), **options)


class WsgiInThread(httpx2.AsyncBaseTransport):
    """httpx2's WSGITransport is sync only, and AsyncUcsClient takes async transports: the fake's
    WSGI app, called in a worker thread (the async client has no in-process WSGI transport of its own)."""

    def __init__(self, app):
        self.sync = httpx2.WSGITransport(app=app)

    async def handle_async_request(self, request):
        await request.aread()
        response = await asyncio.to_thread(self.sync.handle_request, request)
        content = await asyncio.to_thread(response.read)
        return httpx2.Response(response.status_code, headers=response.headers, content=content)


@pytest.fixture
def fake():
    return fakes.UcsFake()


def test_reads_the_seeds_examples(fake):
    with ucs_client(fake) as ucs:
        assert ucs.status().trunks["1"].name == "SIPY"
        assert any(q.type is QueueType.INBOUND for q in ucs.queues())
        assert ucs.groups()[0].id == 1 and ucs.roles() and ucs.teams()[0].aux_reasons[0].break_ is False
        record = ucs.call_record("1723018607.115")
        assert isinstance(record, CallRecord) and record.duration == 524 and record.direction is Direction.INBOUND
        assert len(record.path) == 7
        assert isinstance(ucs.user_by_external_id("asdf"), User)
        assert ucs.person(59233).contacts[0].contact == "a@b.cd"
        assert ucs.company_by_external_id("ins").persons[0].person_id == 123456


def test_writes_round_trip(fake):
    with ucs_client(fake) as ucs:
        assert ucs.update_metadata("1723018607.115", {"outbound_id": None, "pokus": "hokus"}) == \
            {"ucrm_interaction_id": 30391, "pokus": "hokus"}
        ucs.update_shared_data("osl_chats", {"type": "osl", "data": {}})
        assert ucs.shared_data("osl_chats") == {"type": "osl", "data": {}}
        user_id = ucs.create_user({"username": "test", "group_id": 1})
        ucs.update_user(user_id, {"external_id": "T1000"})
        assert ucs.user_by_external_id("T1000").id == user_id
        ucs.delete_user_by_external_id("T1000")
        with pytest.raises(NotFoundError):
            ucs.user(user_id)
        person_id = ucs.create_person({"group_id": 1, "displayname": "Martin Dvořák"})
        ucs.update_person(person_id, {"firstname": "Martin"})
        assert ucs.person(person_id).firstname == "Martin"
        ucs.delete_person(person_id)
        results = ucs.update_queue_membership([{"id": 1, "queues": [{"id": 146}]}, {"id": 0, "queues": []}])
        assert results[0].success is True and results[1].success is False


def test_a_refused_update_is_a_validation_error(fake):
    with ucs_client(fake) as ucs, pytest.raises(ValidationError) as raised:
        ucs.update_user_by_external_id("asdf", {"external_id": "t123456", "number": "cislo", "filter_id": "PSTN"})
    assert set(raised.value.fields) == {"number", "filter_id"}


def test_an_expired_token_is_renewed_once_and_the_call_replayed(fake):
    with ucs_client(fake) as ucs:
        ucs.groups()
        fake.expire_tokens()
        ucs.groups()
        assert ucs.logins == 2


def test_a_503_then_success_is_retried_for_a_get_not_for_a_create(fake):
    with ucs_client(fake, sleep=lambda seconds: None) as ucs:
        fake.fail_next(503)
        assert ucs.groups()
        fake.fail_next(503)
        with pytest.raises(ServerError):
            ucs.create_person({"group_id": 1})


def test_every_person_sync_and_async_in_the_same_order():
    fake = fakes.UcsFake(persons=1050)
    with ucs_client(fake) as ucs:
        ids = [p.id for p in ucs.iter_persons(page_size=100)]
    assert len(ids) == len(fake.persons) and len(set(ids)) == len(ids)

    async def walk():
        async with AsyncUcsClient("https://ucs.test", client_id=fake.client_id, client_secret=fake.client_secret,
                                  transport=WsgiInThread(fake)) as ucs:
            return [p.id async for p in ucs.iter_persons(page_size=100, concurrency=8)]

    assert asyncio.run(walk()) == ids
