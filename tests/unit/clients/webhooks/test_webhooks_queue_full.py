"""When queue_size events wait for the callback, the next is answered 503 with Retry-After, so
the vendor may send it again, and it is not remembered as delivered: the retry reaches the
callback. A closed receiver answers 503 too (Retry-After: 5), and closing waits no longer than its
timeout for a stuck callback. For both receivers."""

import queue
import threading
import time

import pytest

from webhook_helpers import JSON, Collector, client_of


def test_a_full_queue_answers_503_and_the_retry_is_delivered(kind):
    entered, release, got = threading.Event(), threading.Event(), queue.Queue()

    def blocked(event):
        got.put(event.body)
        entered.set()
        release.wait(10)

    receiver = kind.receiver(blocked, queue_size=1)
    waiting, refused = kind.event(kind.names[0]), kind.event(kind.names[1])
    try:
        with client_of(receiver) as client:
            assert client.post(receiver.path, content=kind.body, headers=JSON).status_code == 202
            assert entered.wait(5)  # the worker holds the first; the queue has room for one
            assert client.post(receiver.path, content=waiting, headers=JSON).status_code == 202
            answer = client.post(receiver.path, content=refused, headers=JSON)
            assert (answer.status_code, answer.headers["Retry-After"]) == (503, "1")
            release.set()
            assert [got.get(timeout=5) for _ in range(2)] == [kind.body, waiting]
            assert client.post(receiver.path, content=refused, headers=JSON).status_code == 202  # the retry
            assert got.get(timeout=5) == refused
    finally:
        release.set()
        receiver.close()


@pytest.mark.parametrize("closing", ["close", "with"])
def test_a_closed_receiver_answers_503(kind, closing):
    collector = Collector()
    if closing == "close":
        receiver = kind.receiver(collector)
        receiver.close()
    else:
        with kind.receiver(collector) as receiver:
            pass
    with client_of(receiver) as client:
        answer = client.post(receiver.path, content=kind.body, headers=JSON)
    assert (answer.status_code, answer.headers["Retry-After"]) == (503, "5")
    assert collector.events.empty()


def test_close_waits_at_most_its_timeout_for_a_callback_that_does_not_return(kind, caplog):
    entered, release = threading.Event(), threading.Event()

    def stuck(event):
        entered.set()
        release.wait(10)

    receiver = kind.receiver(stuck, queue_size=1)
    try:
        with client_of(receiver) as client:
            client.post(receiver.path, content=kind.body, headers=JSON)
            assert entered.wait(5)
            client.post(receiver.path, content=kind.event(kind.names[0]), headers=JSON)  # the queue is full
        started = time.perf_counter()
        receiver.close(timeout=0.2)
        assert time.perf_counter() - started < 2.0
        assert "1 events still waiting" in caplog.text
    finally:
        release.set()
