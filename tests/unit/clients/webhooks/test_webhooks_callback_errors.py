"""The callback runs after the answer, on the receiver's own worker thread: a raising callback is
logged (on the vendor's logger, naming the event) and the 202 and the next events are unchanged,
and a callback that has not returned yet does not hold the answer back. For both receivers."""

import logging
import threading

from webhook_helpers import JSON, client_of


def test_a_raising_callback_is_logged_and_changes_no_answer(kind, caplog):
    got = []

    def callback(event):
        got.append(kind.name_of(event))
        if len(got) == 1:
            raise RuntimeError("CRM database is down")

    with kind.receiver(callback) as receiver, client_of(receiver) as client:
        answers = [client.post(receiver.path, content=body, headers=JSON).status_code
                   for body in (kind.body, kind.event(kind.names[1]))]
    assert answers == [202, 202]
    assert got == [kind.body_name, kind.names[1]]  # the worker went on after the failure
    failures = [r for r in caplog.records if r.name == kind.logger and r.levelno == logging.ERROR]
    assert [str(r.exc_info[1]) for r in failures] == ["CRM database is down"]
    assert kind.described in failures[0].getMessage()


def test_a_callback_still_running_does_not_hold_the_answer_back(kind):
    entered, release, returned = threading.Event(), threading.Event(), threading.Event()

    def slow(event):
        entered.set()
        release.wait(2)
        returned.set()

    receiver = kind.receiver(slow)
    try:
        with client_of(receiver) as client:
            assert client.post(receiver.path, content=kind.body, headers=JSON).status_code == 202
            assert not returned.is_set()
            assert entered.wait(5)
            assert threading.current_thread().name != kind.thread_name
            assert kind.thread_name in [thread.name for thread in threading.enumerate()]
            # The first event's callback is still running: the next is answered at once all the same.
            assert client.post(receiver.path, content=kind.event(kind.names[2]), headers=JSON).status_code == 202
            assert not returned.is_set()
    finally:
        release.set()
        receiver.close()
