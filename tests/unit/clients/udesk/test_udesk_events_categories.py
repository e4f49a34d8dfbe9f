"""Every event name of the document's table is typed with its category, whichever of the keys
chosen names it; the table is the document's, declared once.

Seed 003, "18. Subscription to Events": "category | all_type | remarks | agent_state |
acd_agent_state | Agent state event | ext_state | extension_state_update | ... | agent_call_mode |
agent_call_mode_change | ... | call | general_hangup | Hangup message | enqueue_succ | ..."."""

import pytest

from bridge.clients.udesk.events import EVENTS, Category, EventName

from udesk_events_helpers import JSON, receiving, udesk_event

# The document's table, as it prints it: the call category's names follow general_hangup.
DOCUMENT = {
    "agent_state": ["acd_agent_state"],
    "ext_state": ["extension_state_update"],
    "agent_call_mode": ["agent_call_mode_change"],
    "call": ["general_hangup", "enqueue_succ", "record_stop", "hangup_cause", "dequeue_succ", "start_dialout",
             "voice_mail_succ", "play_succ", "dtmf_gather_succ", "asr_gather_succ", "consult_succ",
             "end_consult_succ", "three_way_succ", "substitute_succ", "hold_agent_succ", "extern_succ",
             "eavesdrop_succ"],
}


def test_the_table_is_the_document_s():
    assert {name: category.value for name, category in EVENTS.items()} == {
        name: category for category, names in DOCUMENT.items() for name in names}
    assert [name.value for name in EventName] == list(EVENTS)
    assert all(EventName(name).category is category for name, category in EVENTS.items())


@pytest.mark.parametrize("name", list(EVENTS))
def test_each_documented_event_is_typed_with_its_category(name):
    with receiving() as (receiver, collector, client):
        assert client.post(receiver.path, content=udesk_event(name), headers=JSON).status_code == 202
        event = collector.next()
        assert event.name is EventName(name)
        assert event.category is EVENTS[name] and isinstance(event.category, Category)


# The keys chosen (the document shows no message): bridge.clients.udesk.events.EVENT_NAME_KEYS.
@pytest.mark.parametrize("key", ["event", "event_type", "EventType", "eventType", "type", "Event"])
def test_the_name_is_found_under_each_chosen_key(key):
    with receiving() as (receiver, collector, client):
        client.post(receiver.path, content=udesk_event("acd_agent_state", key=key, state="idle"), headers=JSON)
        event = collector.next()
        assert (event.category, event.name) == (Category.AGENT_STATE, EventName.ACD_AGENT_STATE)
        assert event.data[key] == "acd_agent_state" and event.data["state"] == "idle"


def test_a_documented_name_wins_over_an_earlier_key_holding_another_string():
    # "type" may well be a call's direction; "event" here holds something the table does not know.
    body = b'{"event": "call", "type": "inbound", "EventType": "start_dialout"}'
    with receiving() as (receiver, collector, client):
        client.post(receiver.path, content=body, headers=JSON)
        event = collector.next()
        assert (event.category, event.name) == (Category.CALL, EventName.START_DIALOUT)
