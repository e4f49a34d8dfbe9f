"""A call becomes a request with no I/O: URL, query, body and headers, and ids that cannot
reach another resource."""

import json

import pytest

from bridge.clients.calls import USER_AGENT, Call, build_request, segment
from bridge.clients.errors import InvalidArgument


def read(reply):
    return reply


def test_the_path_joins_the_base_url_and_the_query_is_encoded():
    call = Call("persons.list", "GET", "/api/v1.0/crm/person", read,
                query=(("limit", 50), ("offset", "0"), ("q", "Müller & Söhne/1 + 2")))
    request = build_request("https://ucs.example.com", call)
    assert request.method == "GET"
    assert request.url == ("https://ucs.example.com/api/v1.0/crm/person"
                           "?limit=50&offset=0&q=M%C3%BCller+%26+S%C3%B6hne%2F1+%2B+2")
    assert request.body == b"" and request.header("content-type") is None


def test_a_base_url_with_a_path_keeps_it():
    request = build_request("https://host/ucs", Call("status", "GET", "/api/v1.0/status", read))
    assert request.url == "https://host/ucs/api/v1.0/status"


def test_a_json_body_is_compact_utf8_with_its_content_type():
    call = Call("persons.create", "POST", "/api/v1.0/crm/person", read,
                json={"name": "Zoë Ünal", "tags": ["a", "b"], "n": 1, "none": None})
    request = build_request("https://h", call)
    assert request.body == '{"name":"Zoë Ünal","tags":["a","b"],"n":1,"none":null}'.encode("utf-8")
    assert request.header("Content-Type") == "application/json"
    assert json.loads(request.body) == call.json


def test_a_null_json_body_is_sent_as_null_not_left_out():
    request = build_request("https://h", Call("x", "PUT", "/x", read, json=None))
    assert request.body == b"null" and request.header("content-type") == "application/json"


def test_a_form_body_is_url_encoded_utf8():
    call = Call("login", "POST", "/Integra/resources/auth/UserLogin", read,
                form=(("user", "agent 1"), ("password", "pä&ss=wörd")))
    request = build_request("https://h", call)
    assert request.body == b"user=agent+1&password=p%C3%A4%26ss%3Dw%C3%B6rd"
    assert request.header("content-type") == "application/x-www-form-urlencoded; charset=UTF-8"


def test_every_request_asks_for_json_names_the_client_and_carries_the_extra_headers_last():
    request = build_request("https://h", Call("x", "GET", "/x", read), (("Authorization", "Bearer t"),))
    assert request.headers == (("Accept", "application/json"), ("User-Agent", USER_AGENT),
                               ("Authorization", "Bearer t"))
    assert request.header("authorization") == "Bearer t" and request.header("x-missing") is None


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1, 2}, object()])
def test_a_body_json_cannot_carry_is_refused(value):
    with pytest.raises(InvalidArgument, match="cannot be sent as JSON"):
        build_request("https://h", Call("x", "POST", "/x", read, json={"v": value}))


@pytest.mark.parametrize("value, quoted", [
    ("T1000", "T1000"),
    (42, "42"),
    ("a/b", "a%2Fb"),  # one segment, never two
    ("../admin", "..%2Fadmin"),
    ("x?y#z", "x%3Fy%23z"),
    ("%2e%2e", "%252e%252e"),  # a quoted dot segment stays text
    ("Zoë ü", "Zo%C3%AB%20%C3%BC"),
    ("...", "..."),
])
def test_an_id_becomes_exactly_one_quoted_segment(value, quoted):
    assert segment(value) == quoted
    request = build_request("https://h", Call("x", "GET", "/api/user/" + segment(value), read))
    assert request.url == "https://h/api/user/" + quoted


@pytest.mark.parametrize("value", ["", ".", "..", "a\nb", "a\x00", "tab\there", "del\x7f", "\x1b[31m"])
def test_an_id_that_is_empty_a_dot_segment_or_holds_a_control_character_is_refused(value):
    with pytest.raises(InvalidArgument):
        segment(value)


@pytest.mark.parametrize("value", [None, True, False, 1.5, b"bytes", ["a"], {"a": 1}])
def test_an_id_that_is_not_a_string_or_an_integer_is_refused(value):
    with pytest.raises(InvalidArgument, match="string or an integer"):
        segment(value)


def test_invalid_argument_is_also_a_value_error():
    with pytest.raises(ValueError):
        segment("")


@pytest.mark.parametrize("options, problem", [
    ({"method": "get"}, "upper-case"),
    ({"method": "GET /x"}, "upper-case"),
    ({"path": "api/v1.0/x"}, "start with /"),
    ({"path": "/x?limit=1"}, "no \\?"),
    ({"path": "/x#top"}, "no \\?"),
    ({"path": "/x y"}, "blanks"),
    ({"path": "/x\r\nHost: evil"}, "blanks"),
    ({"json": {}, "form": (("a", "b"),)}, "not both"),
    ({"query": (("limit", None),)}, "pairs"),
    ({"query": (("active", True),)}, "pairs"),
    ({"query": {"limit": 1}}, "pairs"),
    ({"form": (("user",),)}, "pairs"),
])
def test_a_call_vendor_code_got_wrong_is_refused_before_anything_is_sent(options, problem):
    arguments = {"method": "GET", "path": "/x"} | options
    with pytest.raises(InvalidArgument, match=problem):
        Call("x", arguments.pop("method"), arguments.pop("path"), read, **arguments)


def test_only_idempotent_methods_are_retryable_unless_a_call_says_otherwise():
    assert [Call("x", m, "/x", read).retryable for m in ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")] == [True] * 5
    assert [Call("x", m, "/x", read).retryable for m in ("POST", "PATCH")] == [False, False]
    assert Call("login", "POST", "/token", read, idempotent=True).retryable
    assert not Call("x", "GET", "/x", read, idempotent=False).retryable
