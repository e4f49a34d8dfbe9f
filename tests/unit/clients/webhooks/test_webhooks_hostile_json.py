"""Bodies that are not an event are 400: not UTF-8, not JSON, not a JSON object, and JSON nested
deeper than max_depth, refused before parsing (no RecursionError, whatever the depth) by a
scan that stays linear in the body's length. For both receivers."""

import time

import pytest

import bridge.clients.webhooks as webhooks

from webhook_helpers import JSON, nothing_more_delivered, receiving


@pytest.mark.parametrize("body", [b"", b"{", b"not json", b"event=general_hangup", b'{"username": "alicej",}',
                                  b'{"event": "general_hangup",}', b"\xff\xfe{}", b'{"username": "al\xe9"}',
                                  b'{"event": "h\xe9"}', b"[]", b'["general_hangup"]', b'"PhoneEvent"',
                                  b'"general_hangup"', b"null", b"12", b"7"],
                         ids=["empty", "unclosed", "text", "form", "trailing comma", "trailing comma 2",
                              "utf-16 bom", "latin-1", "latin-1 2", "array", "array 2", "string", "string 2",
                              "null", "number", "number 2"])
def test_a_body_that_is_not_a_json_object_is_400(kind, body):
    with receiving(kind) as (receiver, collector, client):
        answer = client.post(receiver.path, content=body, headers=JSON)
        assert answer.status_code == 400
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("body", [b"[" * 60_000, b"[" * 50_000, b"[" * 30_000 + b"]" * 30_000,
                                  b'{"event":"play_succ","data":' + b"[" * 20_000 + b"]" * 20_000 + b"}",
                                  b'{"a":' * 10_000 + b"1" + b"}" * 10_000],
                         ids=["unclosed arrays", "unclosed arrays 2", "closed arrays", "closed arrays in an event",
                              "objects"])
def test_hostile_deep_nesting_is_400_without_parsing(kind, body, monkeypatch):
    def no_parse(*args, **kwargs):
        raise AssertionError("a body too deep was parsed")

    monkeypatch.setattr(webhooks.json, "loads", no_parse)
    with receiving(kind, max_bytes=len(body)) as (receiver, collector, client):
        answer = client.post(receiver.path, content=body, headers=JSON)
        assert (answer.status_code, answer.content) == (400, b'{"error": "JSON nested deeper than 32"}')
        assert nothing_more_delivered(receiver, collector)


def test_nesting_up_to_max_depth_is_taken_and_brackets_in_strings_do_not_count(kind):
    body = kind.nested
    with receiving(kind, max_depth=kind.nested_depth) as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 202
        assert kind.nested_note(collector.next()) == kind.nested_note_expected
    with receiving(kind, max_depth=kind.nested_depth - 1) as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400


def test_an_unterminated_string_of_escaped_quotes_is_400_in_linear_time(kind):
    # Scanned for strings quadratically, these 64 KiB took 11 s; linearly, milliseconds.
    body = kind.unterminated + b'\\"' * 32_000
    with receiving(kind, max_bytes=len(body)) as (receiver, collector, client):
        started = time.perf_counter()
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400
        assert time.perf_counter() - started < 2.0
