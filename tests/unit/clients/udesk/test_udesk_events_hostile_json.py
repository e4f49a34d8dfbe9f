"""Bodies that are not an event are 400: not UTF-8, not JSON, not a JSON object, and JSON nested
deeper than max_depth, refused before parsing (no RecursionError, whatever the depth)."""

import time

import pytest

import bridge.clients.webhooks as webhooks

from udesk_events_helpers import JSON, nothing_more_delivered, receiving


@pytest.mark.parametrize("body", [b"", b"{", b"event=general_hangup", b'{"event": "general_hangup",}',
                                  b"\xff\xfe{}", b'{"event": "h\xe9"}', b'["general_hangup"]', b'"general_hangup"',
                                  b"null", b"7"],
                         ids=["empty", "unclosed", "form", "trailing comma", "utf-16 bom", "latin-1", "array",
                              "string", "null", "number"])
def test_a_body_that_is_not_a_json_object_is_400(body):
    with receiving() as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("body", [b"[" * 50_000, b'{"event":"play_succ","data":' + b"[" * 20_000 + b"]" * 20_000 + b"}",
                                  b'{"a":' * 10_000 + b"1" + b"}" * 10_000],
                         ids=["unclosed arrays", "closed arrays in an event", "objects"])
def test_hostile_deep_nesting_is_400_without_parsing(body, monkeypatch):
    def no_parse(*args, **kwargs):
        raise AssertionError("a body too deep was parsed")

    monkeypatch.setattr(webhooks.json, "loads", no_parse)
    with receiving(max_bytes=len(body)) as (receiver, collector, client):
        answer = client.post(receiver.path, content=body, headers=JSON)
        assert (answer.status_code, answer.content) == (400, b'{"error": "JSON nested deeper than 32"}')
        assert nothing_more_delivered(receiver, collector)


def test_nesting_up_to_max_depth_is_taken_and_brackets_in_strings_do_not_count():
    body = b'{"event":"asr_gather_succ","text":"[[[{{{\\"[[","data":{"a":{"b":[1]}}}'  # 4 levels
    with receiving(max_depth=4) as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 202
        assert collector.next().data["text"] == '[[[{{{"[['
    with receiving(max_depth=3) as (receiver, collector, client):
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400


def test_an_unterminated_string_of_escaped_quotes_is_400_in_linear_time():
    body = b'{"event": "' + b'\\"' * 32_000
    with receiving(max_bytes=len(body)) as (receiver, collector, client):
        started = time.perf_counter()
        assert client.post(receiver.path, content=body, headers=JSON).status_code == 400
        assert time.perf_counter() - started < 2.0
