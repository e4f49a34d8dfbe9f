"""The async client runs the same operations as the sync one (one method body each): every
request of test_xuc_requests sent the same way through AsyncXucClient, and its ACL checks too."""

import asyncio

import pytest
from test_xuc_requests import API, CASES, ROUTES
from xuc_seed import Xuc, async_client, body

from bridge.clients.errors import PermissionDeniedError


@pytest.mark.parametrize("run, method, path, sent", CASES)
def test_each_operation_sends_the_same_request(run, method, path, sent):
    xuc = Xuc(ROUTES, acls=["xuc.rest.#"])

    async def main():
        async with async_client(xuc) as c:
            await run(c)

    asyncio.run(main())
    request = xuc.calls()[-1]
    assert (request.method, request.url.raw_path.decode()) == (method, API + path)
    if sent is not None:
        assert body(request) == sent


def test_a_missing_acl_is_refused_before_sending():
    xuc = Xuc(ROUTES, acls=["xuc.rest.dnd.*.create"])

    async def main():
        async with async_client(xuc) as c:
            await c.dial_number("jbond", "0123456789")

    with pytest.raises(PermissionDeniedError, match="xuc.rest.dial.number.jbond.create"):
        asyncio.run(main())
    assert xuc.calls() == []
