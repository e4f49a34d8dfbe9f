"""A body over max_bytes is refused with 413 before a byte of it is read; a body without a
length (chunked, or no Content-Length) is 411, a malformed or lying length 400."""

import io

import pytest

from bridge.clients.udesk.events import SubscriptionReceiver

from udesk_events_helpers import HANGUP, JSON, Collector, receiving


class Unreadable(io.RawIOBase):
    def read(self, size=-1):
        raise AssertionError("the body was read")


def call(receiver, body=b"", **environ):
    """The receiver called as a WSGI server calls it: (status, body)."""
    env = {"REQUEST_METHOD": "POST", "PATH_INFO": receiver.path, "CONTENT_TYPE": "application/json",
           "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body), **environ}
    answer = {}
    chunks = receiver(env, lambda status, headers: answer.update(status=status))
    return answer["status"], b"".join(chunks)


def test_the_default_limit_is_64_kib():
    assert SubscriptionReceiver().max_bytes == 64 * 1024


def test_an_oversized_body_is_413_unread():
    receiver = SubscriptionReceiver(Collector(), max_bytes=500)
    status, body = call(receiver, CONTENT_LENGTH="501", **{"wsgi.input": Unreadable()})
    assert status == "413 Content Too Large"
    assert b"500 bytes" in body


def test_a_body_of_exactly_max_bytes_is_taken():
    with receiving(max_bytes=len(HANGUP)) as (receiver, collector, client):
        assert client.post(receiver.path, content=HANGUP, headers=JSON).status_code == 202
        assert client.post(receiver.path, content=HANGUP + b" ", headers=JSON).status_code == 413
        assert collector.next().body == HANGUP


@pytest.mark.parametrize("environ", [{"CONTENT_LENGTH": ""}, {"HTTP_TRANSFER_ENCODING": "chunked"},
                                     {"HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": "10"}],
                         ids=["no length", "chunked", "chunked with a length"])
def test_a_body_without_a_length_is_411_unread(environ):
    status, _ = call(SubscriptionReceiver(Collector()), **{"wsgi.input": Unreadable(), **environ})
    assert status == "411 Length Required"


@pytest.mark.parametrize("length", ["-5", "0x10", "ten"])
def test_a_malformed_length_is_400(length):
    status, body = call(SubscriptionReceiver(Collector()), CONTENT_LENGTH=length, **{"wsgi.input": Unreadable()})
    assert (status, body) == ("400 Bad Request", b'{"error": "bad Content-Length"}')


def test_a_body_shorter_than_its_length_is_400():
    status, body = call(SubscriptionReceiver(Collector()), HANGUP, CONTENT_LENGTH=str(len(HANGUP) + 1))
    assert status == "400 Bad Request"
    assert b"shorter" in body
