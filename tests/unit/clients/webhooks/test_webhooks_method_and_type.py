"""Only POST is taken (405 with Allow: POST otherwise) and only JSON in UTF-8 (415 otherwise):
Udesk's every request body is application/json (seed 003, "Content-Type | application/json"),
and text/json, what XUC's other uploads and some senders say for the same, is taken too. For
both receivers."""

import pytest

from webhook_helpers import nothing_more_delivered, receiving


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
def test_a_method_but_post_is_405(kind, method):
    with receiving(kind) as (receiver, collector, client):
        answer = client.request(method, receiver.path, content=kind.body, headers={"Content-Type": "application/json"})
        assert answer.status_code == 405
        assert answer.headers["Allow"] == "POST"
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/jsonx",
                                          "application/json-patch+json", "application/json; charset=iso-8859-1",
                                          "application/json; charset=gbk"])
def test_a_body_that_is_not_utf8_json_is_415(kind, content_type):
    with receiving(kind) as (receiver, collector, client):
        headers = {"Content-Type": content_type} if content_type else {}
        answer = client.post(receiver.path, content=kind.body, headers=headers)
        assert answer.status_code == 415
        assert nothing_more_delivered(receiver, collector)


@pytest.mark.parametrize("content_type", ["application/json", "Application/JSON; charset=UTF-8", "text/json",
                                          'application/json;charset="utf-8"', "application/json;charset=UTF-8",
                                          'Application/JSON; charset="utf8"'])
def test_json_content_types_are_taken(kind, content_type):
    with receiving(kind) as (receiver, collector, client):
        assert client.post(receiver.path, content=kind.body, headers={"Content-Type": content_type}).status_code == 202
        event = collector.next()
        assert event.body == kind.body
        assert kind.read(event) == kind.read_expected
