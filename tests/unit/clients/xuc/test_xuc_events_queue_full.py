"""When queue_size events wait for the callback, the next is answered 503 with Retry-After, so
XUC may send it again, and it is not remembered as delivered: the retry reaches the callback.
A closed receiver answers 503 too, and closing waits no longer than its timeout for a stuck callback."""

import queue
import threading
import time

from bridge.clients.xuc.events import EventReceiver

import httpx2

from xuc_events_helpers import JSON, SEED_EVENT, Collector, phone_event


def test_a_full_queue_answers_503_and_the_retry_is_delivered():
    entered, release, got = threading.Event(), threading.Event(), queue.Queue()

    def blocked(event):
        got.put(event.body)
        entered.set()
        release.wait(10)

    receiver = EventReceiver(blocked, queue_size=1)
    waiting, refused = phone_event("EventRinging"), phone_event("EventEstablished")
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            assert client.post(receiver.path, content=SEED_EVENT, headers=JSON).status_code == 202
            assert entered.wait(5)  # the worker holds the first; the queue has room for one
            assert client.post(receiver.path, content=waiting, headers=JSON).status_code == 202
            answer = client.post(receiver.path, content=refused, headers=JSON)
            assert (answer.status_code, answer.headers["Retry-After"]) == (503, "1")
            release.set()
            assert [got.get(timeout=5) for _ in range(2)] == [SEED_EVENT, waiting]
            assert client.post(receiver.path, content=refused, headers=JSON).status_code == 202  # XUC's retry
            assert got.get(timeout=5) == refused
    finally:
        release.set()
        receiver.close()


def test_a_closed_receiver_answers_503():
    collector = Collector()
    receiver = EventReceiver(collector)
    receiver.close()
    with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
        assert client.post(receiver.path, content=SEED_EVENT, headers=JSON).status_code == 503
    assert collector.events.empty()


def test_close_waits_at_most_its_timeout_for_a_callback_that_does_not_return(caplog):
    entered, release = threading.Event(), threading.Event()

    def stuck(event):
        entered.set()
        release.wait(10)

    receiver = EventReceiver(stuck, queue_size=1)
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            client.post(receiver.path, content=SEED_EVENT, headers=JSON)
            assert entered.wait(5)
            client.post(receiver.path, content=phone_event("EventRinging"), headers=JSON)  # the queue is full
        started = time.perf_counter()
        receiver.close(timeout=0.2)
        assert time.perf_counter() - started < 2.0
        assert "1 events still waiting" in caplog.text
    finally:
        release.set()
