"""Only POST is taken (405 with Allow: POST otherwise) and only JSON, UTF-8 (415 otherwise);
XUC's other uploads say text/json, which is taken too."""

import pytest

from xuc_events_helpers import SEED_EVENT, nothing_more_delivered, receiving


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
def test_a_method_but_post_is_405(method):
    with receiving() as (receiver, collector, client):
        answer = client.request(method, receiver.path, content=SEED_EVENT, headers={"Content-Type": "application/json"})
        assert answer.status_code == 405
        assert answer.headers["Allow"] == "POST"
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/jsonx",
                                          "application/json; charset=iso-8859-1"])
def test_a_body_that_is_not_utf8_json_is_415(content_type):
    with receiving() as (receiver, collector, client):
        headers = {"Content-Type": content_type} if content_type else {}
        answer = client.post(receiver.path, content=SEED_EVENT, headers=headers)
        assert answer.status_code == 415
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("content_type", ["application/json", "Application/JSON; charset=UTF-8", "text/json",
                                          'application/json;charset="utf-8"'])
def test_json_content_types_are_taken(content_type):
    with receiving() as (receiver, collector, client):
        assert client.post(receiver.path, content=SEED_EVENT, headers={"Content-Type": content_type}).status_code == 202
        assert collector.next().username == "alicej"
