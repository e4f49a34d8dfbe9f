"""When queue_size events wait for the callback, the next is answered 503 with Retry-After, so
Udesk may send it again, and it is not remembered as delivered: the retry reaches the callback.
A closed receiver answers 503 too."""

import queue
import threading

import httpx2

from bridge.clients.udesk.events import SubscriptionReceiver

from udesk_events_helpers import HANGUP, JSON, Collector, udesk_event


def test_a_full_queue_answers_503_and_the_retry_is_delivered():
    entered, release, got = threading.Event(), threading.Event(), queue.Queue()

    def blocked(event):
        got.put(event.body)
        entered.set()
        release.wait(10)

    receiver = SubscriptionReceiver(blocked, queue_size=1)
    waiting, refused = udesk_event("enqueue_succ"), udesk_event("dequeue_succ")
    try:
        with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
            assert client.post(receiver.path, content=HANGUP, headers=JSON).status_code == 202
            assert entered.wait(5)  # the worker holds the first; the queue has room for one
            assert client.post(receiver.path, content=waiting, headers=JSON).status_code == 202
            answer = client.post(receiver.path, content=refused, headers=JSON)
            assert (answer.status_code, answer.headers["Retry-After"]) == (503, "1")
            release.set()
            assert [got.get(timeout=5) for _ in range(2)] == [HANGUP, waiting]
            assert client.post(receiver.path, content=refused, headers=JSON).status_code == 202  # Udesk's retry
            assert got.get(timeout=5) == refused
    finally:
        release.set()
        receiver.close()


def test_a_closed_receiver_answers_503():
    collector = Collector()
    with SubscriptionReceiver(collector) as receiver:
        pass
    with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
        answer = client.post(receiver.path, content=HANGUP, headers=JSON)
    assert (answer.status_code, answer.headers["Retry-After"]) == (503, "5")
    assert collector.events.empty()
