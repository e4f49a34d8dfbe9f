"""``client.request(resource, params)``: the Integra resources the document leaves open, their
answers read leniently (JSON when it parses, else text), errors raised by status."""

import httpx2
import pytest

from bridge.clients.errors import InvalidArgument, NotFoundError, ServerError, ValidationError
from bridge.clients.retry import RetryPolicy

RETRY_ONCE = RetryPolicy(retries=1, base=0, cap=0)


def test_a_post_sends_its_params_as_the_seed_s_ajax_example_does(integra, make_client):
    with make_client() as uc:
        answer = uc.request("any/request", {"param1": "exampleParam1", "param2": "exampleParam2"})
    assert answer["method"] == "POST" and answer["path"] == "/Integra/resources/any/request"
    assert answer["form"] == {"param1": "exampleParam1", "param2": "exampleParam2"}
    [sent] = integra.sent("any/request")
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded; charset=UTF-8"


def test_a_get_sends_its_params_in_the_query(make_client):
    with make_client() as uc:
        answer = uc.request("agents/list", {"queue": "ventas 1"}, method="GET")
    assert answer["method"] == "GET" and answer["query"] == {"queue": "ventas 1"} and answer["form"] == {}


@pytest.mark.parametrize("body, read", [
    (b'{"a": [1, 2]}', {"a": [1, 2]}), (b"[1]", [1]), (b"0", 0), (b"1", 1), (b'"x"', "x"),
    (b"OK", "OK"), (b"", ""), ("ñandú".encode(), "ñandú"), (b"<xml/>", "<xml/>"),
])
def test_the_answer_is_json_when_it_parses_else_its_text(integra, logged_in, body, read):
    uc = logged_in
    integra.resource_answers = [httpx2.Response(200, content=body)]
    assert uc.request("any/request") == read


@pytest.mark.parametrize("status, error", [(404, NotFoundError), (400, ValidationError), (500, ServerError)])
def test_an_error_status_raises_with_the_answer_s_first_line(integra, logged_in, status, error):
    uc = logged_in
    integra.resource_answers = [httpx2.Response(status, text="no such campaign\nstack trace...")]
    with pytest.raises(error) as caught:
        uc.request("campaigns/get", {"name": "x"})
    assert caught.value.vendor_message == "no such campaign" and caught.value.status == status
    assert caught.value.operation == "campaigns/get"


def test_an_html_error_page_is_not_quoted(integra, logged_in):
    uc = logged_in
    integra.resource_answers = [httpx2.Response(500, text="<html><body>Internal Error</body></html>")]
    with pytest.raises(ServerError) as caught:
        uc.request("any/request", idempotent=False)
    assert caught.value.vendor_message is None and "<html>" not in str(caught.value)


def test_a_post_is_not_retried_unless_declared_idempotent(integra, make_client):
    uc = make_client(retry=RETRY_ONCE)
    uc.login()
    integra.resource_answers = [httpx2.Response(503)]
    with pytest.raises(ServerError):
        uc.request("any/request")
    assert len(integra.sent("any/request")) == 1
    integra.resource_answers = [httpx2.Response(503)]
    assert uc.request("any/request", idempotent=True)["method"] == "POST"
    assert len(integra.sent("any/request")) == 3
    uc.close()


def test_an_invalid_resource_sends_nothing(integra, make_client):
    uc = make_client()
    with pytest.raises(InvalidArgument):
        uc.request("../auth/EndSession")
    with pytest.raises(InvalidArgument):
        uc.request("auth/EndSession", {"user": "Admin"})
    assert integra.requests == []
    uc.close()
