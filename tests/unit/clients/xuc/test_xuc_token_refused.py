"""A 403 TokenExpired / InvalidToken is XUC's "token refused": one re-login shared by 20 threads
or 20 tasks, each call replayed once. A 401 or a 403 of another kind is not (no re-login)."""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from xuc_seed import Xuc, async_client, client

from bridge.clients.errors import AuthenticationError, PermissionDeniedError

CALLERS = 20
ROUTES = {"POST /dnd/jbond": {"res": "success"}}


def logins(xuc):
    return sum(1 for r in xuc.requests if r.url.path.endswith("/auth/webservice"))


def test_twenty_threads_on_an_expired_token_share_one_relogin():
    xuc = Xuc(ROUTES)

    def slow(request):
        time.sleep(0.03)  # the 20 calls overlap, and all meet the expired token
        return xuc(request)

    with client(slow) as c:
        c.set_dnd("jbond", True)
        xuc.expire_all()
        start = threading.Barrier(CALLERS)

        def call(_):
            start.wait()
            return c.set_dnd("jbond", True)

        with ThreadPoolExecutor(CALLERS) as pool:
            assert list(pool.map(call, range(CALLERS))) == [None] * CALLERS
    assert logins(xuc) == 2 and xuc.refusals == CALLERS


def test_twenty_tasks_on_an_expired_token_share_one_relogin():
    xuc = Xuc(ROUTES)

    async def slow(request):
        await asyncio.sleep(0.03)
        return xuc(request)

    async def main():
        async with async_client(slow) as c:
            await c.set_dnd("jbond", True)
            xuc.expire_all()
            return await asyncio.gather(*(c.set_dnd("jbond", True) for _ in range(CALLERS)))

    assert asyncio.run(main()) == [None] * CALLERS
    assert logins(xuc) == 2 and xuc.refusals == CALLERS


@pytest.mark.parametrize("code", ["TokenExpired", "InvalidToken"])
def test_both_codes_mean_a_refused_token(code):
    answers = [httpx2.Response(403, json={"error": code, "message": "no"}), httpx2.Response(200, json={"res": "success"})]
    xuc = Xuc({"POST /dnd/jbond": lambda request: answers.pop(0)})
    client(xuc).set_dnd("jbond", True)
    assert logins(xuc) == 2


def test_a_401_is_not_taken_for_an_expired_token():
    xuc = Xuc({"POST /dnd/jbond": httpx2.Response(401, json={"error": "InvalidCredentials", "message": "no"})})
    with pytest.raises(AuthenticationError):
        client(xuc).set_dnd("jbond", True)
    assert logins(xuc) == 1 and len(xuc.calls()) == 1


def test_another_403_is_not_taken_for_an_expired_token():
    xuc = Xuc({"POST /dnd/jbond": httpx2.Response(403, json={"error": "Forbidden", "message": "no"})})
    with pytest.raises(PermissionDeniedError):
        client(xuc).set_dnd("jbond", True)
    assert logins(xuc) == 1


def test_a_token_refused_again_after_the_relogin_is_the_callers_error():
    xuc = Xuc({"POST /dnd/jbond": httpx2.Response(403, json={"error": "TokenExpired", "message": "expired"})})
    with pytest.raises(AuthenticationError) as raised:
        client(xuc).set_dnd("jbond", True)
    assert raised.value.vendor_code == "TokenExpired" and logins(xuc) == 2 and len(xuc.calls()) == 2
