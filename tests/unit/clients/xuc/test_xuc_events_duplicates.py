"""The same event delivered twice within dedupe_seconds is answered 202 and reaches the callback
once; the identity is the canonical JSON (key order and spacing do not matter, any field does);
the memory is bounded by time and by dedupe_size."""

import json

import bridge.clients.xuc.events as events

from xuc_events_helpers import JSON, SEED_EVENT, nothing_more_delivered, phone_event, receiving


def test_the_same_event_twice_reaches_the_callback_once():
    with receiving() as (receiver, collector, client):
        assert [client.post(receiver.path, content=SEED_EVENT, headers=JSON).status_code for _ in range(3)] == [202] * 3
        assert collector.next().body == SEED_EVENT
        assert nothing_more_delivered(receiver, collector)


def test_the_same_event_reserialized_is_a_duplicate_and_another_event_is_not():
    reordered = json.dumps(json.loads(SEED_EVENT), sort_keys=True, indent=2).encode()
    established = phone_event("EventEstablished")  # the same call leg (uniqueId), a new event
    with receiving() as (receiver, collector, client):
        for body in (SEED_EVENT, reordered, established):
            assert client.post(receiver.path, content=body, headers=JSON).status_code == 202
        assert [collector.next().body for _ in range(2)] == [SEED_EVENT, established]
        assert nothing_more_delivered(receiver, collector)


def test_an_event_is_new_again_after_the_window(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(events, "_clock", lambda: now[0])
    with receiving(dedupe_seconds=30) as (receiver, collector, client):
        client.post(receiver.path, content=SEED_EVENT, headers=JSON)
        now[0] += 29.9
        client.post(receiver.path, content=SEED_EVENT, headers=JSON)
        now[0] += 0.1  # 30 s after the first: the window is over
        client.post(receiver.path, content=SEED_EVENT, headers=JSON)
        now[0] += 29.9  # within the window of the second delivery
        client.post(receiver.path, content=SEED_EVENT, headers=JSON)
        assert [collector.next().body for _ in range(2)] == [SEED_EVENT] * 2
        assert nothing_more_delivered(receiver, collector)


def test_at_most_dedupe_size_identities_are_remembered():
    first, second, third = (phone_event(unique_id=f"1447670380.{n}") for n in range(3))
    with receiving(dedupe_size=2) as (receiver, collector, client):
        for body in (first, second, first, third, first):  # third pushes first out
            client.post(receiver.path, content=body, headers=JSON)
        assert [collector.next().body for _ in range(4)] == [first, second, third, first]
        assert len(receiver._seen) == 2
        assert nothing_more_delivered(receiver, collector)


def test_dedupe_seconds_zero_delivers_every_copy(monkeypatch):
    monkeypatch.setattr(events, "_clock", lambda: 1000.0)  # even two copies at the same instant
    with receiving(dedupe_seconds=0) as (receiver, collector, client):
        for _ in range(2):
            client.post(receiver.path, content=SEED_EVENT, headers=JSON)
        assert [collector.next().body for _ in range(2)] == [SEED_EVENT] * 2
