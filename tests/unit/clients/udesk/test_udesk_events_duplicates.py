"""The same event delivered twice within dedupe_seconds is answered 202 and reaches the callback
once. The document shows no message, hence no event id: the identity is the canonical JSON (key
order and spacing do not matter, any field does), unless the body carries an id of the event
itself under a known key (event_id, EventId, eventId), which then decides with the event's name.
A key that may name a call or an agent ("id", "call_id") is not such an id."""

import json

import bridge.clients.udesk.events as events

from udesk_events_helpers import HANGUP, JSON, nothing_more_delivered, receiving, udesk_event


def post_all(client, receiver, bodies):
    assert [client.post(receiver.path, content=body, headers=JSON).status_code for body in bodies] == [202] * len(bodies)


def test_the_same_event_twice_reaches_the_callback_once():
    with receiving() as (receiver, collector, client):
        post_all(client, receiver, [HANGUP] * 3)
        assert collector.next().body == HANGUP
        assert nothing_more_delivered(receiver, collector)


def test_the_same_event_reserialized_is_a_duplicate_and_another_field_is_another_event():
    reordered = json.dumps(json.loads(HANGUP), sort_keys=True, indent=2).encode()
    other_call = udesk_event(call_id="c-1447670381")
    with receiving() as (receiver, collector, client):
        post_all(client, receiver, [HANGUP, reordered, other_call])
        assert [collector.next().body for _ in range(2)] == [HANGUP, other_call]
        assert nothing_more_delivered(receiver, collector)


def test_an_event_id_under_a_known_key_decides_whatever_else_changed():
    first = udesk_event("enqueue_succ", event_id="e-1", sent_at=1)
    again = udesk_event("enqueue_succ", event_id="e-1", sent_at=2)  # redelivered, stamped anew
    other = udesk_event("enqueue_succ", event_id="e-2", sent_at=2)
    same_id_other_event = udesk_event("dequeue_succ", event_id="e-1", sent_at=2)
    spelled_otherwise = udesk_event("play_succ", EventId=7, sent_at=1), udesk_event("play_succ", EventId=7, sent_at=2)
    with receiving() as (receiver, collector, client):
        post_all(client, receiver, [first, again, other, same_id_other_event, *spelled_otherwise])
        assert [collector.next().body for _ in range(4)] == [first, other, same_id_other_event, spelled_otherwise[0]]
        assert nothing_more_delivered(receiver, collector)


def test_a_call_s_id_is_not_an_event_s_id():
    # A call has several events: the same call_id and id with another field are other events.
    rang, hung_up = udesk_event("hangup_cause", id=5, cause="16"), udesk_event("hangup_cause", id=5, cause="17")
    empty_id = udesk_event("hangup_cause", event_id="", cause="16"), udesk_event("hangup_cause", event_id="", cause="17")
    with receiving() as (receiver, collector, client):
        post_all(client, receiver, [rang, hung_up, *empty_id])
        assert [collector.next().body for _ in range(4)] == [rang, hung_up, *empty_id]
        assert nothing_more_delivered(receiver, collector)


def test_an_event_is_new_again_after_the_window(monkeypatch):
    now = [500.0]
    monkeypatch.setattr(events, "_clock", lambda: now[0])
    with receiving(dedupe_seconds=10) as (receiver, collector, client):
        client.post(receiver.path, content=HANGUP, headers=JSON)
        now[0] += 9.9
        client.post(receiver.path, content=HANGUP, headers=JSON)
        now[0] += 0.1  # 10 s after the first: the window is over
        client.post(receiver.path, content=HANGUP, headers=JSON)
        assert [collector.next().body for _ in range(2)] == [HANGUP] * 2
        assert nothing_more_delivered(receiver, collector)


def test_at_most_dedupe_size_identities_are_remembered():
    first, second, third = (udesk_event(call_id=f"c-{n}") for n in range(3))
    with receiving(dedupe_size=2) as (receiver, collector, client):
        post_all(client, receiver, [first, second, first, third, first])  # third pushes first out
        assert [collector.next().body for _ in range(4)] == [first, second, third, first]
        assert nothing_more_delivered(receiver, collector)


def test_dedupe_seconds_zero_delivers_every_copy(monkeypatch):
    monkeypatch.setattr(events, "_clock", lambda: 500.0)
    with receiving(dedupe_seconds=0) as (receiver, collector, client):
        post_all(client, receiver, [HANGUP] * 2)
        assert [collector.next().body for _ in range(2)] == [HANGUP] * 2
