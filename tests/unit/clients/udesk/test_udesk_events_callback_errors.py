"""The callback runs after the answer: a raising callback is logged (bridge.clients.udesk.events)
and the 202 and the next events are unchanged, and a callback that has not returned yet does not
hold the answer back."""

import logging
import threading

import httpx2

from bridge.clients.udesk.events import EventName, SubscriptionReceiver

from udesk_events_helpers import HANGUP, JSON, udesk_event


def test_a_raising_callback_is_logged_and_changes_no_answer(caplog):
    got = []

    def callback(event):
        got.append(event.name)
        if len(got) == 1:
            raise RuntimeError("CRM database is down")

    with SubscriptionReceiver(callback) as receiver, \
            httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
        answers = [client.post(receiver.path, content=body, headers=JSON).status_code
                   for body in (HANGUP, udesk_event("record_stop"))]
    assert answers == [202, 202]
    assert got == [EventName.GENERAL_HANGUP, EventName.RECORD_STOP]  # the worker went on after the failure
    failures = [r for r in caplog.records if r.name == "bridge.clients.udesk.events" and r.levelno == logging.ERROR]
    assert [str(r.exc_info[1]) for r in failures] == ["CRM database is down"]
    assert "'general_hangup'" in failures[0].getMessage()


def test_a_callback_still_running_does_not_hold_the_answer_back():
    entered, release, returned = threading.Event(), threading.Event(), threading.Event()

    def slow(event):
        entered.set()
        release.wait(2)
        returned.set()

    receiver = SubscriptionReceiver(slow)
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            assert client.post(receiver.path, content=HANGUP, headers=JSON).status_code == 202
            assert entered.wait(5)
            assert threading.current_thread().name != "agent-bridge-udesk-events"
            assert "agent-bridge-udesk-events" in [thread.name for thread in threading.enumerate()]
            # The first event's callback is still running: the next is answered at once all the same.
            assert client.post(receiver.path, content=udesk_event("play_succ"), headers=JSON).status_code == 202
            assert not returned.is_set()
    finally:
        release.set()
        receiver.close()
