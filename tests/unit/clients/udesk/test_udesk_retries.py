"""Which operations are retried after a 503: reads, updates and deletes by their method; sign-in,
sign-out, binding extensions and the queue enrolments declared idempotent (the same request twice
leaves the same state; the enrolments are "an incremental operation"); creates and callback2ivr
never (a lost answer may hide an agent created or a customer's phone ringing)."""

import httpx2
import pytest
from udesk_doubles import Udesk, client

from bridge.clients.errors import ServerError

SIGNED = {"ErrCode": "000000", "ErrDesc": "OK", "msg_id": "1", "results": "", "data": None}

RETRIED = {
    "agents": (lambda c: c.agents(), None),
    "update_queue": (lambda c: c.update_queue("9001", name="A"), None),
    "delete_extension": (lambda c: c.delete_extension("1002"), None),
    "sign_in": (lambda c: c.sign_in("10032", msg_id="1"), SIGNED),
    "sign_out": (lambda c: c.sign_out("10032"), SIGNED),
    "bind_extensions": (lambda c: c.bind_extensions("9415", ["1135"]), None),
    "add_agents_to_queue": (lambda c: c.add_agents_to_queue("9009", ["9415"]), None),
    "add_agent_to_queues": (lambda c: c.add_agent_to_queues("9415", ["9009"]), None),
}
NEVER = {
    "create_agent": lambda c: c.create_agent("9415", "199"),
    "create_extension": lambda c: c.create_extension("1002"),
    "create_queue": lambda c: c.create_queue("9008"),
    "create_subscription": lambda c: c.create_subscription("s", "https://crm.test/h", ["acd_agent_state"]),
    "callback_to_ivr": lambda c: c.callback_to_ivr("18789998765", "02863208944"),
}


@pytest.mark.parametrize("name", RETRIED)
def test_retried_after_a_503(name):
    ask, answer = RETRIED[name]
    extra = [answer] if answer is not None else [{"ErrCode": "000000", "ErrDesc": "OK",
                                                  "Result": {"CurrPage": 1, "AgentList": []}}]
    server = Udesk(httpx2.Response(503), *extra)
    ask(client(server))
    assert len(server.requests) == 2


@pytest.mark.parametrize("name", NEVER)
def test_never_retried(name):
    server = Udesk(httpx2.Response(503), httpx2.Response(503))
    with pytest.raises(ServerError):
        NEVER[name](client(server))
    assert len(server.requests) == 1
