"""A call may send its body as is (``content=``: a CSV, a multipart form) with its own
Content-Type, and may give a JSON body a vendor's own Content-Type (XUC's ``text/json``):
the call's type replaces the default, it is never sent twice."""

import pytest

from bridge.clients.calls import Call, build_request
from bridge.clients.errors import InvalidArgument


def read(reply):
    return None


def content_types(request):
    return [value for name, value in request.headers if name.lower() == "content-type"]


def test_raw_content_is_sent_as_is_with_its_own_type():
    call = Call("upload", "POST", "/upload", read, content=b"a,b\n1,2\n", headers=(("Content-Type", "text/csv"),))
    request = build_request("https://x.test", call)
    assert request.body == b"a,b\n1,2\n" and content_types(request) == ["text/csv"]


def test_a_json_body_keeps_a_vendor_content_type():
    call = Call("import", "POST", "/import", read, json={"csv": "a\nb"}, headers=(("Content-Type", "text/json"),))
    request = build_request("https://x.test", call)
    assert content_types(request) == ["text/json"] and request.body == b'{"csv":"a\\nb"}'


def test_a_json_body_without_its_own_type_is_application_json():
    request = build_request("https://x.test", Call("c", "POST", "/c", read, json={}))
    assert content_types(request) == ["application/json"]


@pytest.mark.parametrize("options", [
    {"content": b"x"},  # no Content-Type for it
    {"content": "text", "headers": (("Content-Type", "text/csv"),)},  # not bytes
    {"content": b"x", "json": {}, "headers": (("Content-Type", "text/csv"),)},
])
def test_raw_content_without_type_or_with_another_body_is_refused(options):
    with pytest.raises(InvalidArgument):
        Call("c", "POST", "/c", read, **options)
