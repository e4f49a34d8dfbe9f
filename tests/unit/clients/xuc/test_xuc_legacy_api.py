"""The deprecated 1.0 API is there only when asked for (``legacy_api=True``), sends the seed's
requests under /xuc/api/1.0 without a token (the server allows listed addresses), and never logs in."""

import asyncio

import httpx2
import pytest
from xuc_seed import HISTORY, Xuc, async_client, body, client

from bridge.clients.errors import InvalidArgument, ValidationError
from bridge.clients.xuc import HistoryEntry

V1 = "/xuc/api/1.0"
OK = {}


def legacy_routes():
    paths = ["connect", "dnd", "dial", "dialByUsername", "dialFromQueue", "uncForward", "naForward", "busyForward"]
    routes = {f"POST {V1}/{p}/avencall.com/jbond/": OK for p in paths}
    routes.update({f"POST {V1}/agentLogin/": OK, f"POST {V1}/agentLogout/": OK, f"POST {V1}/togglePause/": OK,
                   f"GET {V1}/historyByUsername/avencall.com/jbond": HISTORY})
    return routes


def test_the_legacy_api_is_off_unless_asked_for():
    with pytest.raises(InvalidArgument, match="legacy_api=True"):
        client(Xuc()).legacy


def test_the_docstring_says_it_is_served_to_listed_addresses_only():
    assert "DEPRECATED_API_HOST" in client(Xuc(), legacy_api=True).legacy.__doc__


CASES = [
    (lambda l: l.connect("avencall.com", "jbond", "pw-secret"), "/connect/avencall.com/jbond/", {"password": "pw-secret"}),
    (lambda l: l.dnd("avencall.com", "jbond", False), "/dnd/avencall.com/jbond/", {"state": False}),
    (lambda l: l.dial("avencall.com", "jbond", "1101"), "/dial/avencall.com/jbond/", {"number": "1101"}),
    (lambda l: l.dial_by_username("avencall.com", "jbond", "john"), "/dialByUsername/avencall.com/jbond/",
     {"username": "john"}),
    (lambda l: l.dial_from_queue("avencall.com", "jbond", "1002", 5, "Thomas", "999999", {"foo": "bar"}),
     "/dialFromQueue/avencall.com/jbond/",
     {"destination": "1002", "queueId": 5, "callerIdName": "Thomas", "callerIdNumber": "999999",
      "variables": {"foo": "bar"}}),
    (lambda l: l.forward_unconditional("avencall.com", "jbond", True, "1102"), "/uncForward/avencall.com/jbond/",
     {"state": True, "destination": "1102"}),
    (lambda l: l.forward_no_answer("avencall.com", "jbond", True, "1102"), "/naForward/avencall.com/jbond/",
     {"state": True, "destination": "1102"}),
    (lambda l: l.forward_busy("avencall.com", "jbond", True, "1102"), "/busyForward/avencall.com/jbond/",
     {"state": True, "destination": "1102"}),
    (lambda l: l.agent_login("1000", "2000"), "/agentLogin/", {"agentphonenumber": "1000", "agentnumber": "2000"}),
    (lambda l: l.agent_logout("1000"), "/agentLogout/", {"phoneNumber": "1000"}),
    (lambda l: l.toggle_pause("1000"), "/togglePause/", {"phoneNumber": "1000"}),
]


@pytest.mark.parametrize("run, path, sent", CASES)
def test_each_legacy_call_sends_the_seeds_request_without_a_token(run, path, sent):
    xuc = Xuc(legacy_routes())
    run(client(xuc, legacy_api=True).legacy)
    (request,) = xuc.requests  # no login
    assert (request.method, request.url.path) == ("POST", V1 + path)
    assert body(request) == sent and "authorization" not in request.headers


@pytest.mark.parametrize("kwargs, query", [({"size": 4}, "size=4"), ({"days": 2}, "days=2")])
def test_the_legacy_history_reads_entries(kwargs, query):
    xuc = Xuc(legacy_routes())
    calls = client(xuc, legacy_api=True).legacy.history("avencall.com", "jbond", **kwargs)
    assert [type(e) for e in calls] == [HistoryEntry] * 4
    assert xuc.requests[0].url.query.decode() == query and xuc.requests[0].method == "GET"


def test_the_legacy_history_takes_size_or_days():
    with pytest.raises(InvalidArgument):
        client(Xuc(), legacy_api=True).legacy.history("avencall.com", "jbond", size=1, days=1)


def test_the_async_client_has_it_too():
    xuc = Xuc(legacy_routes())

    async def main():
        async with async_client(xuc, legacy_api=True) as c:
            await c.legacy.dnd("avencall.com", "jbond", True)

    asyncio.run(main())
    assert [r.url.path for r in xuc.requests] == [V1 + "/dnd/avencall.com/jbond/"]


def test_a_legacy_refusal_is_an_error():
    xuc = Xuc({f"POST {V1}/togglePause/": httpx2.Response(400, json={"error": "BadRequest", "message": "no"})})
    with pytest.raises(ValidationError):
        client(xuc, legacy_api=True).legacy.toggle_pause("1000")
