"""The uContact requests as data, built without any transport: paths, form bodies, headers."""

from urllib.parse import parse_qsl

import pytest

from bridge.clients.calls import build_request
from bridge.clients.errors import InvalidArgument
from bridge.clients.redaction import Redactor
from bridge.clients.tokens import Token
from bridge.clients.ucontact.api import UContactApi, resource_call

BASE = "https://acme.ucontactcloud.test"
KEY = "QWRtaW46OTgzNWM1MjUtMzU2Ny00YjgyLWEwYWYtY2NkMjNlMDhjNzA3"
FORM_TYPE = "application/x-www-form-urlencoded; charset=UTF-8"


def api(password="p@ss w=rd&x"):
    return UContactApi(BASE, "Admin", password, Redactor())


def form(request):
    return parse_qsl(request.body.decode("ascii"), keep_blank_values=True)


def test_login_posts_user_and_password_form_encoded_without_authorization():
    call = api().login()
    request = build_request(BASE, call)
    assert (request.method, request.url) == ("POST", f"{BASE}/Integra/resources/auth/UserLogin")
    assert request.header("Content-Type") == FORM_TYPE
    assert form(request) == [("user", "Admin"), ("password", "p@ss w=rd&x")]
    assert request.body == b"user=Admin&password=p%40ss+w%3Drd%26x"
    assert request.header("Authorization") is None and call.authenticated is False


def test_the_key_goes_in_a_basic_header_as_it_came():
    assert api().authorize(Token(KEY)) == (("Authorization", f"Basic {KEY}"),)


def test_every_call_accepts_text_as_well_as_json():
    # One Accept, not the core's JSON-only default beside ours: a JAX-RS server answers a
    # text resource 406 when only JSON is acceptable.
    for call in (api().login(), api().end_session(KEY, lambda key: None), resource_call("any/request", {}, "POST", None)):
        accepts = [value for name, value in build_request(BASE, call).headers if name.lower() == "accept"]
        assert accepts == ["application/json, text/plain;q=0.9, */*;q=0.8"]


def test_end_session_carries_the_key_it_ends_in_its_header_and_form():
    call = api().end_session(KEY, lambda key: None)
    request = build_request(BASE, call)
    assert (request.method, request.url) == ("POST", f"{BASE}/Integra/resources/auth/EndSession")
    assert request.header("Content-Type") == FORM_TYPE
    assert request.header("Authorization") == f"Basic {KEY}"
    assert form(request) == [("user", "Admin"), ("token", KEY)]
    # Not through the login: a refusal must not log in anew and send another key.
    assert call.authenticated is False and call.retryable is False


@pytest.mark.parametrize("key", ["", "abc def", "abc\r\nX-Injected: 1", "ключ", None, 42])
def test_end_session_refuses_a_key_that_cannot_go_in_a_header(key):
    with pytest.raises(InvalidArgument):
        api().end_session(key, lambda key: None)


def test_a_resource_posts_its_params_form_encoded_under_integra_resources():
    call = resource_call("any/request", {"param1": "exampleParam1", "n": 2, "on": True, "off": False, "x": 1.5},
                         "POST", None)
    request = build_request(BASE, call)
    assert (request.method, request.url) == ("POST", f"{BASE}/Integra/resources/any/request")
    assert request.header("Content-Type") == FORM_TYPE
    assert form(request) == [("param1", "exampleParam1"), ("n", "2"), ("on", "true"), ("off", "false"), ("x", "1.5")]
    assert call.operation == "any/request" and call.authenticated is True and call.retryable is False


def test_get_and_delete_send_params_in_the_query():
    for method in ("get", "DELETE"):
        request = build_request(BASE, resource_call("agents/list", {"a b": "c&d"}, method, None))
        assert request.method == method.upper()
        assert request.url == f"{BASE}/Integra/resources/agents/list?a+b=c%26d"
        assert request.body == b"" and request.header("Content-Type") is None


def test_a_post_is_retried_only_when_declared_idempotent_and_a_get_unless_declared_not():
    assert resource_call("a", None, "POST", True).retryable is True
    assert resource_call("a", None, "GET", None).retryable is True
    assert resource_call("a", None, "GET", False).retryable is False


def test_each_segment_of_a_resource_is_quoted():
    request = build_request(BASE, resource_call("crm/ñandú 1/x%2Fy", None, "POST", None))
    assert request.url == f"{BASE}/Integra/resources/crm/%C3%B1and%C3%BA%201/x%252Fy"


@pytest.mark.parametrize("resource", [
    "", "/any/request", "../auth/UserLogin", "any/../../x", "any/./x", "any//x", "any/x/",
    "https://evil.example/x", "javascript:alert(1)", "any?x=1", "any#x", "any\\x", "any/x\n", "any/\x00",
    "auth/UserLogin", "AUTH/endsession", None, 3,
])
def test_a_resource_that_is_not_a_plain_relative_path_is_refused(resource):
    with pytest.raises(InvalidArgument):
        resource_call(resource, None, "POST", None)


@pytest.mark.parametrize("params", [["a", "b"], {"a": None}, {"a": ["x"]}, {"a": {"b": 1}}, {"": "x"}, {1: "x"}])
def test_params_must_map_names_to_scalars(params):
    with pytest.raises(InvalidArgument):
        resource_call("any/request", params, "POST", None)


@pytest.mark.parametrize("method", ["PATCH", "TRACE", "", None])
def test_only_get_post_put_delete_are_sent(method):
    with pytest.raises(InvalidArgument):
        resource_call("any/request", None, method, None)


def test_an_api_without_password_cannot_log_in():
    with pytest.raises(InvalidArgument):
        api(password=None).login()
