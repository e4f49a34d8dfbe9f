"""Secrets end to end: "Sign: SHA1(Sid + AuthToken + Timestamp)" covers no method, path or body, so
every signed URL the fake received is a credential for ten minutes. Over a run of operations
against the fake, successes and failures (a refused signature replayed after a skew, a wrong
token, return codes in each envelope, a 503 retried and one not, an input refused before
sending), with every logger at DEBUG: the AuthToken, the Sid, and each ``Sign`` the fake was
sent (read from a transport that keeps the URLs as sent: the fake's own log drops ``Sign``)
appear nowhere in the log text, in any exception's str or repr or its attributes, or in the
client's repr."""

import asyncio
import logging

import httpx2
import pytest
from udesk_e2e_helpers import AsyncRecording, Recording, async_client, sync_client

from bridge.clients.errors import ApiError, BridgeError
from bridge.clients.retry import RetryPolicy
from bridge.testing.fakes import UdeskFake

SID = "ACsecret-sid-0f1e2d3c"
TOKEN = "tok-9c8b7a6f5e4d3c2b1a0f"
FAST = RetryPolicy(retries=2, base=0.01, cap=0.02)


class Unreachable(Recording):
    """Recording, but the next ``fail`` requests fail as a proxy might: its message quoting the
    signed query (Sid, Timestamp, Sign), not the URL the flow knows to replace."""

    fail = 0

    def handle_request(self, request):
        if self.fail:
            self.fail -= 1
            self.urls.append(request.url)
            raise httpx2.ConnectError(f"proxy refused ?{request.url.query.decode()}", request=request)
        return super().handle_request(request)


def texts_of(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), repr(error.args)]
    if isinstance(error, ApiError):
        texts += [str(error.url), str(error.vendor_message), str(error.vendor_code), str(error.operation)]
    if error.__cause__ is not None:
        texts += texts_of(error.__cause__)
    return texts


def run_sync(fake, transport, errors):
    with sync_client(fake, transport, retry=FAST) as client:
        shown = [repr(client), str(client)]
        fake.skew(660)
        client.relay_numbers()  # refused, replayed corrected
        fake.skew(0)
        client.agents(page_size=2)
        fake.fail_next(503)
        client.agent("355")  # retried
        for code, path, operation in [
            ("200020", None, lambda: client.queues()),
            ("100021", None, lambda: client.sign_in("10032", msg_id="111")),
            ("200004", None, lambda: client.callback_to_ivr("18789998765", "02863208944")),
            (None, None, lambda: client.create_agent("355", "111")),  # the fake's 100015
        ]:
            if code:
                fake.fail_code(code)
            with pytest.raises(ApiError) as raised:
                operation()
            errors.append(raised.value)
        fake.fail_next(503)
        with pytest.raises(ApiError) as raised:
            client.create_queue("9008")  # not retried
        errors.append(raised.value)
        with pytest.raises(BridgeError) as raised:
            client.callback_to_ivr("not-a-number", "02863208944")  # refused before sending
        errors.append(raised.value)
        transport.fail = 1
        with pytest.raises(ApiError) as raised:
            client.create_extension("1234")  # a create: the transport failure is not retried
        errors.append(raised.value)
        client.sign_in("10032", msg_id="111")
        shown += [repr(client), str(client)]
    with sync_client(fake, transport, auth_token="wrong-" + TOKEN) as wrong:
        with pytest.raises(ApiError) as raised:
            wrong.subscriptions()
        errors.append(raised.value)
        shown.append(repr(wrong))
    return shown


def test_no_secret_in_logs_errors_or_reprs(caplog):
    caplog.set_level(logging.DEBUG)
    fake = UdeskFake(sid=SID, auth_token=TOKEN)
    transport = Unreachable(fake)
    errors: list[BaseException] = []
    shown = run_sync(fake, transport, errors)

    async_transport = AsyncRecording(fake)

    async def run_async():
        async with async_client(fake, async_transport, retry=FAST) as client:
            shown.append(repr(client))
            fake.skew(-660)
            await client.queues()
            fake.fail_code("000060")
            with pytest.raises(ApiError) as raised:
                await client.sign_out("1802")
            errors.append(raised.value)

    asyncio.run(run_async())

    signs = set(transport.signs) | set(async_transport.signs)
    # The run did what it says: many distinct signatures, refusals and failures among them.
    assert len(fake.requests) + 1 == len(transport.urls) + len(async_transport.urls) >= 15
    assert len(signs) >= 10 and all(len(sign) == 40 for sign in signs)
    assert any(not r.authorized for r in fake.requests) and len(errors) == 9
    assert caplog.records, "nothing was logged: the search would prove nothing"

    secrets = [TOKEN, "wrong-" + TOKEN, SID, *signs]
    haystacks = {"log": caplog.text + "\n".join(str(r.__dict__) for r in caplog.records),
                 "errors": "\n".join(text for error in errors for text in texts_of(error)),
                 "reprs": "\n".join(shown)}
    for where, text in haystacks.items():
        for secret in secrets:
            assert secret not in text, f"a secret ({secret[:6]}...) in the {where}"
        assert "Sign=" not in text or "Sign=[" in text or "Sign=*" in text, where
