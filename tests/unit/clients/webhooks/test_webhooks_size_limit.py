"""A body over max_bytes (64 KiB by default) is refused with 413 before a byte of it is read; a
body without a length (chunked, or no Content-Length) is 411, a malformed or lying length 400.
For both receivers."""

import io

import pytest

from webhook_helpers import JSON, Collector, receiving


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


def test_the_default_limit_is_64_kib(kind):
    assert kind.receiver().max_bytes == 64 * 1024


@pytest.mark.parametrize("limit", [500, 1000])
def test_an_oversized_body_is_413_unread(kind, limit):
    receiver = kind.receiver(Collector(), max_bytes=limit)
    status, body = call(receiver, CONTENT_LENGTH=str(limit + 1), **{"wsgi.input": Unreadable()})
    assert status == "413 Content Too Large"
    assert f"{limit} bytes".encode() in body


def test_a_body_of_exactly_max_bytes_is_taken(kind):
    with receiving(kind, max_bytes=len(kind.body)) as (receiver, collector, client):
        assert client.post(receiver.path, content=kind.body, headers=JSON).status_code == 202
        assert client.post(receiver.path, content=kind.body + b" ", headers=JSON).status_code == 413
        event = collector.next()
        assert event.body == kind.body
        assert kind.read(event) == kind.read_expected


@pytest.mark.parametrize("environ", [{"CONTENT_LENGTH": ""}, {"HTTP_TRANSFER_ENCODING": "chunked"},
                                     {"HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": "10"},
                                     {"HTTP_TRANSFER_ENCODING": "gzip, Chunked", "CONTENT_LENGTH": "10"}],
                         ids=["no length", "chunked", "chunked with a length", "chunked last with a length"])
def test_a_body_without_a_length_is_411_unread(kind, environ):
    status, _ = call(kind.receiver(Collector()), **{"wsgi.input": Unreadable(), **environ})
    assert status == "411 Length Required"


@pytest.mark.parametrize("length", ["-1", "-5", "12x", "0x10", "ten", " "])
def test_a_malformed_length_is_400(kind, length):
    status, body = call(kind.receiver(Collector()), CONTENT_LENGTH=length, **{"wsgi.input": Unreadable()})
    assert (status, body) == ("400 Bad Request", b'{"error": "bad Content-Length"}')


@pytest.mark.parametrize("missing", [1, 5])
def test_a_body_shorter_than_its_length_is_400(kind, missing):
    status, body = call(kind.receiver(Collector()), kind.body, CONTENT_LENGTH=str(len(kind.body) + missing))
    assert status == "400 Bad Request"
    assert b"shorter" in body
