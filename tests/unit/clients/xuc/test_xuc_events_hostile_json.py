"""Bodies that are not an event are 400: not UTF-8, not JSON, not a JSON object, and JSON nested
deeper than max_depth, refused before parsing (no RecursionError, whatever the depth) by a
scan that stays linear in the body's length."""

import time

import pytest

import bridge.clients.xuc.events as events

from xuc_events_helpers import JSON, nothing_more_delivered, receiving


@pytest.mark.parametrize("body", [b"", b"{", b"not json", b'{"username": "alicej",}', b"\xff\xfe{}",
                                  b'{"username": "al\xe9"}', b"[]", b'"PhoneEvent"', b"null", b"12"],
                         ids=["empty", "unclosed", "text", "trailing comma", "utf-16 bom", "latin-1",
                              "array", "string", "null", "number"])
def test_a_body_that_is_not_a_json_object_is_400(body):
    with receiving() as (receiver, collector, client):
        answer = client.post(receiver.path, content=body, headers=JSON)
        assert answer.status_code == 400
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("body", [b"[" * 60_000, b"[" * 30_000 + b"]" * 30_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000],
                         ids=["unclosed arrays", "closed arrays", "objects"])
def test_hostile_deep_nesting_is_400_without_recursing(body, monkeypatch):
    def no_parse(*args, **kwargs):
        raise AssertionError("a body too deep was parsed")

    monkeypatch.setattr(events.json, "loads", no_parse)
    with receiving(max_bytes=len(body)) as (receiver, collector, client):
        answer = client.post(receiver.path, content=body, headers=JSON)
        assert (answer.status_code, answer.content) == (400, b'{"error": "JSON nested deeper than 32"}')
        assert nothing_more_delivered(receiver, collector)


def test_nesting_up_to_max_depth_is_taken_and_brackets_in_strings_do_not_count():
    nested = b'{"x":' * 3 + b"1" + b"}" * 3  # inside the envelope's 3 levels: 6 in all
    body = (b'{"username":"alicej","message":{"msgType":"Other","ctiMessage":{"note":"[[[[{{{{\\"[[[[",'
            b'"deep":' + nested + b"}}}")
    with receiving(max_depth=6) as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 202
        assert collector.next().message["note"] == '[[[[{{{{"[[[['
    with receiving(max_depth=5) as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400


def test_an_unterminated_string_of_escaped_quotes_is_400_in_linear_time():
    # Scanned for strings quadratically, these 64 KiB took 11 s; linearly, milliseconds.
    body = b'{"username": "' + b'\\"' * 32_000
    with receiving(max_bytes=len(body)) as (receiver, collector, client):
        started = time.perf_counter()
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400
        assert time.perf_counter() - started < 2.0
