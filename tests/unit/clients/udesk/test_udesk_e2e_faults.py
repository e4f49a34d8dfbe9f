"""The fake's fault knobs through the clients. A 503 before a read is retried (GET: "the
operation is idempotent"), each attempt signed anew (the signature lasts ten minutes and covers
no body: a fresh one per attempt, never a stored URL); before a create or a callback to IVR it
is not (a lost answer may hide an agent made or a customer dialled): ServerError after one
request. ``fail_code`` answers a documented return code in the endpoint's own envelope, and the
error is the class RETURN_CODES maps it to, ``vendor_code`` the code, ``vendor_message`` the
server's words (the fake's "Injected failure"), the table's description in the message."""

import asyncio

import pytest
from udesk_e2e_helpers import AsyncRecording, Recording, async_client, sync_client

from bridge.clients.errors import (AuthenticationError, NotFoundError, PermissionDeniedError, ServerError,
                                   ValidationError)
from bridge.clients.retry import RetryPolicy
from bridge.testing.fakes import UdeskFake

FAST = RetryPolicy(retries=2, base=0.01, cap=0.02)


def test_a_read_is_retried_after_a_503_with_a_fresh_signature():
    fake = UdeskFake()
    transport = Recording(fake)
    fake.fail_next(503)
    with sync_client(fake, transport, retry=FAST) as client:
        assert client.agent("355").Name == "alice"
    assert [r.status for r in fake.requests] == [503, 200]
    first, second = (r.query["Timestamp"] for r in fake.requests)
    assert first != second and len(set(transport.signs)) == 2


def test_the_async_client_retries_a_read_too():
    fake = UdeskFake()
    transport = AsyncRecording(fake)
    fake.fail_next(503, times=2)

    async def run():
        async with async_client(fake, transport, retry=FAST) as client:
            return await client.queues()

    assert [q.QueueId for q in asyncio.run(run())] == list(fake.queues)
    assert [r.status for r in fake.requests] == [503, 503, 200] and len(set(transport.signs)) == 3


def test_a_sign_in_is_retried_it_is_declared_idempotent():
    fake = UdeskFake()
    fake.fail_next(503)
    with sync_client(fake, retry=FAST) as client:
        client.sign_in("10032", msg_id="111")
    assert [r.status for r in fake.requests] == [503, 200] and fake.agents["10032"]["State"] == 0


@pytest.mark.parametrize("operation", [
    lambda c: c.create_agent("9415", "199"),
    lambda c: c.create_subscription("crm", "https://crm.example.com/udesk", ["acd_agent_state"]),
    lambda c: c.callback_to_ivr("18789998765", "02863208944"),
], ids=["create_agent", "create_subscription", "callback_to_ivr"])
def test_a_create_is_not_retried_after_a_503(operation):
    fake = UdeskFake()
    fake.fail_next(503)
    with sync_client(fake, retry=FAST) as client:
        with pytest.raises(ServerError) as raised:
            operation(client)
        assert raised.value.status == 503
        assert len(fake.requests) == 1
        assert "9415" not in fake.agents and fake.calls == [] and 168 not in fake.subscriptions
        operation(client)  # the fault was one answer: the next call goes through
    assert len(fake.requests) == 2


def test_the_async_client_does_not_retry_a_create_either():
    fake = UdeskFake()
    fake.fail_next(503)

    async def run():
        async with async_client(fake, retry=FAST) as client:
            with pytest.raises(ServerError):
                await client.create_queue("9008")

    asyncio.run(run())
    assert len(fake.requests) == 1 and "9008" not in fake.queues


# (code, the class of api.RETURN_CODES, its description in the document's table)
CODES = [
    ("000001", ValidationError, "Invalid parameter"),
    ("100002", PermissionDeniedError, "App is invalid or forbidden"),
    ("100005", NotFoundError, "Relay number not found"),
    ("100021", ValidationError, "Invalid agent status"),
    ("100022", PermissionDeniedError, "Ownership error"),
    ("200004", NotFoundError, "No related records found"),
    ("200020", AuthenticationError, "Authentication error"),
    ("000035", AuthenticationError, "Request timeout"),
    ("000060", ServerError, "Internal error"),
    ("200023", ServerError, "Database error"),
]

# One operation per envelope: {ErrCode, ErrDesc, Result}; {ErrCode, ErrDesc, msg_id, results,
# data} (sign-in and sign-out); {code, message, results} (callback2ivr).
ENVELOPES = [
    ("result", "/ccapi/v2/agents", lambda c: c.agent("355")),
    ("result-create", "/ccapi/v2/agents", lambda c: c.create_agent("9415", "199")),
    ("sign-in", "/ccapi/v2/agent/login", lambda c: c.sign_in("10032", msg_id="111")),
    ("sign-out", "/ccapi/v2/agent/logout", lambda c: c.sign_out("1802")),
    ("callback2ivr", "/ccapi/v2/callback2ivr", lambda c: c.callback_to_ivr("18789998765", "02863208944")),
]


def _check(error, code, cls, text):
    assert type(error) is cls
    assert error.vendor_code == code and error.vendor_message == "Injected failure"
    assert f"{code} {text}" in str(error) and "Injected failure" in str(error)


@pytest.mark.parametrize("error_status", [200, 400], ids=["http-200", "http-400"])
@pytest.mark.parametrize("envelope,path,operation", ENVELOPES, ids=[e[0] for e in ENVELOPES])
@pytest.mark.parametrize("code,cls,text", CODES, ids=[c[0] for c in CODES])
def test_a_return_code_in_each_envelope_is_its_error(code, cls, text, envelope, path, operation, error_status):
    fake = UdeskFake(error_status=error_status)
    fake.fail_code(code, path=path)
    with sync_client(fake, retry=FAST) as client:
        with pytest.raises(cls) as raised:
            operation(client)
    _check(raised.value, code, cls, text)
    # A code in the envelope is the server's decision: not retried (the clocks agree, so no
    # signature replay either), and nothing was done.
    assert len(fake.requests) == 1
    assert "9415" not in fake.agents and fake.calls == [] and fake.sign_ins == []
    assert fake.agents["1802"]["State"] == 0


@pytest.mark.parametrize("code,cls,text", CODES[:4] + CODES[6:7], ids=[c[0] for c in CODES[:4] + CODES[6:7]])
def test_the_async_client_reads_the_codes_the_same(code, cls, text):
    fake = UdeskFake()
    fake.fail_code(code, times=3)

    async def run():
        errors = []
        async with async_client(fake) as client:
            for operation in (client.relay_numbers(), client.sign_in("10032"),
                              client.callback_to_ivr("18789998765", "02863208944")):
                with pytest.raises(cls) as raised:
                    await operation
                errors.append(raised.value)
        return errors

    for error in asyncio.run(run()):
        _check(error, code, cls, text)
    assert len(fake.requests) == 3


def test_the_fakes_own_refusals_keep_their_words():
    # Not injected: the fake's state rules, with its description of what was wrong.
    fake = UdeskFake()
    with sync_client(fake) as client:
        with pytest.raises(ValidationError) as exists:
            client.create_agent("355", "111")  # "100015 Number exists"
        with pytest.raises(PermissionDeniedError) as bound:
            client.delete_extension("1145")  # "An extension bound to an agent cannot be deleted"
        with pytest.raises(ValidationError) as no_extension:
            client.sign_in(fake.add_agents(1)[0])  # "Agents without an extension bound cannot sign in"
        with pytest.raises(NotFoundError) as unknown:
            client.agent("999")
    assert (exists.value.vendor_code, exists.value.vendor_message) == ("100015", "Agent 355 exists")
    assert bound.value.vendor_code == "100022" and "bound to agent 355" in bound.value.vendor_message
    assert no_extension.value.vendor_code == "100021"
    assert unknown.value.vendor_code == "200004" and unknown.value.operation
