"""What the receiver does not know is passed on as it came: another msgType with its ctiMessage
untouched, a PhoneEvent's unknown eventType as a string and its unknown fields in extra, an
envelope without the documented keys."""

import json

from bridge.clients.xuc.events import PhoneEvent, PhoneEventType

from xuc_events_helpers import JSON, phone_event, receiving


def test_an_unknown_msg_type_is_passed_on_as_it_came():
    body = {"username": "bruce", "message": {"msgType": "AgentStateEvent",
                                             "ctiMessage": {"name": "AgentReady", "agentId": 19, "queues": [1, 2]}}}
    raw = json.dumps(body).encode()
    with receiving() as (receiver, collector, client):
        assert client.post(receiver.path, content=raw, headers=JSON).status_code == 202
        event = collector.next()
        assert (event.username, event.msg_type) == ("bruce", "AgentStateEvent")
        assert event.message == {"name": "AgentReady", "agentId": 19, "queues": [1, 2]}
        assert (event.data, event.body) == (body, raw)


def test_an_unknown_event_type_and_fields_are_kept_in_a_typed_phone_event():
    with receiving() as (receiver, collector, client):
        client.post(receiver.path, content=phone_event("EventTransferred", callDirection="Incoming"), headers=JSON)
        client.post(receiver.path, content=phone_event("EventReleased"), headers=JSON)
        transferred, released = collector.next(), collector.next()
        assert isinstance(transferred.message, PhoneEvent)
        assert transferred.message.eventType == "EventTransferred"
        assert transferred.message.extra == {"callDirection": "Incoming"}
        assert transferred.message.to_api()["callDirection"] == "Incoming"
        assert released.message.eventType is PhoneEventType.RELEASED


def test_an_envelope_without_the_documented_keys_is_passed_on():
    odd = [{"user": "x"}, {"username": 7, "message": "PhoneEvent"}, {"message": {"msgType": "PhoneEvent", "ctiMessage": [1]}}]
    with receiving() as (receiver, collector, client):
        for body in odd:
            assert client.post(receiver.path, content=json.dumps(body).encode(), headers=JSON).status_code == 202
        got = [collector.next() for _ in odd]
        assert [(e.username, e.msg_type, e.message) for e in got] == [(None, None, None), (None, None, None),
                                                                      (None, "PhoneEvent", [1])]
        assert [e.data for e in got] == odd
