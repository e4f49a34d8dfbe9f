"""The callback runs after the answer: a raising callback is logged and the 202 and the next
events are unchanged, and a callback that has not returned yet does not hold the answer back."""

import logging
import threading

from bridge.clients.xuc.events import EventReceiver

import httpx2

from xuc_events_helpers import JSON, SEED_EVENT, phone_event


def test_a_raising_callback_is_logged_and_changes_no_answer(caplog):
    got = []

    def callback(event):
        got.append(event.message.eventType)
        if len(got) == 1:
            raise RuntimeError("CRM database is down")

    with EventReceiver(callback) as receiver, \
            httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
        answers = [client.post(receiver.path, content=body, headers=JSON).status_code
                   for body in (SEED_EVENT, phone_event("EventEstablished"))]
    assert answers == [202, 202]
    assert got == ["EventDialing", "EventEstablished"]  # the worker went on after the failure
    failures = [r for r in caplog.records if r.name == "bridge.clients.xuc.events" and r.levelno == logging.ERROR]
    assert [str(r.exc_info[1]) for r in failures] == ["CRM database is down"]


def test_a_callback_still_running_does_not_hold_the_answer_back():
    entered, release, returned = threading.Event(), threading.Event(), threading.Event()

    def slow(event):
        entered.set()
        release.wait(2)
        returned.set()

    receiver = EventReceiver(slow)
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            assert client.post(receiver.path, content=SEED_EVENT, headers=JSON).status_code == 202
            assert not returned.is_set()
            assert entered.wait(5)
            # The first event's callback is still running: the next is answered at once all the same.
            assert client.post(receiver.path, content=phone_event("EventReleased"), headers=JSON).status_code == 202
            assert not returned.is_set()
    finally:
        release.set()
        receiver.close()
