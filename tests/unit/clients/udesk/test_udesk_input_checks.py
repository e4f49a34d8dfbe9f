"""Inputs checked before sending, with the document's "Data Format Conventions": extension
``[1-9]\\d{3}``, QueueId ``9\\d{3}``, AgentId digits up to 32, WorkId ``\\w+`` up to 32, PSTN numbers
(landline ``0{area code}{local number}``, an 11-digit mobile, international ``00{country}...``).
A bad value is InvalidArgument naming the field, and nothing is sent."""

import re

import pytest
from udesk_doubles import APP, AUTH_TOKEN, BASE, SID, Udesk, body, client

from bridge.clients.errors import InvalidArgument
from bridge.clients.udesk import UdeskClient

REFUSED = [
    # extension
    ("extension", lambda c: c.create_extension("0123")),
    ("extension", lambda c: c.delete_extension("12345")),
    ("extension", lambda c: c.create_extension(1002.0)),
    ("extensions[1]", lambda c: c.bind_extensions("9415", ["1135", "113"])),
    ("extensions", lambda c: c.unbind_extensions("9415", [])),
    ("extensions", lambda c: c.bind_extensions("9415", "1135")),
    # queue id
    ("queue_id", lambda c: c.create_queue("8001")),
    ("queue_id", lambda c: c.delete_queue("90011")),
    ("queue_id", lambda c: c.queue_agents("3")),
    ("queue_id", lambda c: c.add_agents_to_queue("181154", ["1"])),
    ("queue_ids[0]", lambda c: c.add_agent_to_queues("9415", ["551", "9114"])),
    ("queue_ids[0]", lambda c: c.remove_agent_from_queues("9415", ["114"])),
    ("queue_ids[0]", lambda c: c.sign_in("10032", queue_ids=["1"])),
    # agent id
    ("agent_id", lambda c: c.create_agent("a12", "199")),
    ("agent_id", lambda c: c.agent("1" * 33)),
    ("agent_id", lambda c: c.agent("../queues")),
    ("agent_id", lambda c: c.update_agent("-1", name="Li")),
    ("agent_id", lambda c: c.sign_out("")),
    ("agent_ids[0]", lambda c: c.add_agents_to_queue("9001", ["x"])),
    # work id
    ("work_id", lambda c: c.create_agent("9415", "bad id")),
    ("work_id", lambda c: c.create_agent("9415", "w" * 33)),
    ("work_id", lambda c: c.update_agent("9415", work_id="é1")),
    ("work_id", lambda c: c.sign_in("10032", work_id="")),
    # PSTN numbers
    ("caller", lambda c: c.callback_to_ivr("12345", "02863208944")),
    ("caller", lambda c: c.callback_to_ivr("+8613800000000", "02863208944")),
    ("caller", lambda c: c.callback_to_ivr("000123456789", "02863208944")),
    ("called", lambda c: c.callback_to_ivr("18789998765", "2863208944")),
    ("called_display", lambda c: c.callback_to_ivr("18789998765", "02863208944", "0286320894x")),
    ("number", lambda c: c.set_default_relay_number("relay")),
    # the rest of what the document's tables say
    ("msg_id", lambda c: c.sign_in("10032", msg_id="a b")),
    ("state", lambda c: c.sign_in("10032", state=2)),
    ("strategy", lambda c: c.update_queue("9001", strategy=3)),
    ("signal_type", lambda c: c.create_extension("1002", signal_type=True)),
    ("enable", lambda c: c.update_agent("9415", enable="false")),
    ("page_size", lambda c: c.agents(page_size=0)),
    ("page", lambda c: c.agents(page=0)),
    ("callback", lambda c: c.create_subscription("s", "ftp://crm.test/h", ["a"])),
    ("events", lambda c: c.create_subscription("s", "https://crm.test/h", [])),
    ("subscription_id", lambda c: c.delete_subscription("../agents")),
    ("variables", lambda c: c.callback_to_ivr("18789998765", "02863208944", variables={"k": 1})),
    ("variables[0]", lambda c: c.callback_to_ivr("18789998765", "02863208944", variables=[{"type": "string"}])),
    ("update_agent", lambda c: c.update_agent("9415")),
]


@pytest.mark.parametrize("field, ask", REFUSED, ids=[f"{i:02d}-{f}" for i, (f, _) in enumerate(REFUSED)])
def test_refused_with_the_field_named_and_nothing_sent(field, ask):
    server = Udesk()
    with pytest.raises(InvalidArgument, match=rf"(^|\W){re.escape(field)}(\W|$)"):
        ask(client(server))
    assert server.requests == []


def test_the_iterator_refuses_at_the_call_not_at_the_first_page():
    server = Udesk()
    with pytest.raises(InvalidArgument, match="page_size"):
        client(server).iter_agents(page_size=5000)
    assert server.requests == []


@pytest.mark.parametrize("number", ["01067654637", "057126200671", "13676546374", "00442079460000",
                                    "008613800000000"])
def test_the_documents_number_forms_are_sent(number):
    # "01067654637 # Landline number", "13676546374 # Mobile number", and 00{country}{area}{local}.
    server = Udesk({"code": "000000", "message": "OK", "results": "id"})
    client(server).callback_to_ivr(number, "02863208944")
    assert body(server.requests[0])["caller"] == number


def test_integers_are_taken_where_the_id_is_digits():
    server = Udesk()
    client(server).bind_extensions(9415, [1135])
    assert body(server.requests[0]) == {"AgentId": "9415", "Extensions": ["1135"]}


@pytest.mark.parametrize("arguments, field", [
    ((BASE + "/ccapi/v2", SID, AUTH_TOKEN, APP), "base URL"),
    ((BASE + "/ccapi", SID, AUTH_TOKEN, APP), "base URL"),
    (("http://udesk.example.com", SID, AUTH_TOKEN, APP), "https"),
    ((BASE, "", AUTH_TOKEN, APP), "sid"),
    ((BASE, SID, None, APP), "auth_token"),
    ((BASE, SID, AUTH_TOKEN, " "), "app_id"),
])
def test_the_client_refuses_what_it_cannot_sign(arguments, field):
    with pytest.raises(InvalidArgument, match=field):
        UdeskClient(*arguments)


def test_the_timestamp_unit_is_ms_or_s():
    with pytest.raises(InvalidArgument, match="timestamp_unit"):
        UdeskClient(BASE, SID, AUTH_TOKEN, APP, timestamp_unit="us")
