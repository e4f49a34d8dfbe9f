"""config.sso.headers (optiontypes.RequestHeaders): extra headers of the SSO token request, the
CSRF token a framework wants. Checked strictly, and no refusal ever says a value (they are CSRF
tokens). The JavaScript checker runs the same table (tests/data/config_cases.json, in
tests/browser/test_config.py) and the browser test tests/browser/test_sso_csrf_headers.py."""

import pytest

from bridge.component.options import PAGE_OPTIONS_BY_NAME, SSO
from bridge.errors import BridgeError

SSO_OPTION = PAGE_OPTIONS_BY_NAME["sso"]
SECRET = "Zq81csrfTOKENzq81"

# The Fetch standard's forbidden request-headers (https://fetch.spec.whatwg.org/#forbidden-request-header):
# "`Accept-Charset` `Accept-Encoding` `Access-Control-Request-Headers` `Access-Control-Request-Method`
# `Connection` `Content-Length` `Cookie` `Cookie2` `Date` `DNT` `Expect` `Host` `Keep-Alive` `Origin`
# `Referer` `Set-Cookie` `TE` `Trailer` `Transfer-Encoding` `Upgrade` `Via`", and names that start with
# "`proxy-`" or "`sec-`"; `X-HTTP-Method`, `X-HTTP-Method-Override` and `X-Method-Override` (with a
# forbidden method: we refuse them whatever the value, as any override changes the bridge's POST).
FETCH_FORBIDDEN = ["Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
                   "Access-Control-Request-Method", "Connection", "Content-Length", "Cookie", "Cookie2", "Date",
                   "DNT", "Expect", "Host", "Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
                   "Transfer-Encoding", "Upgrade", "Via", "Proxy-Authorization", "Sec-Fetch-Site", "sec-ch-ua",
                   "X-HTTP-Method", "X-HTTP-Method-Override", "X-Method-Override"]


def check(headers):
    return SSO_OPTION.kind.check({"tokenUrl": "/crm/sso-token", "provider": "CRM", "headers": headers}, "config.sso")


def refusal(headers) -> str:
    with pytest.raises(BridgeError) as refused:
        check(headers)
    assert refused.value.code == "INVALID_ARGUMENT"
    return refused.value.message


def test_csrf_headers_are_accepted_as_given_and_none_by_default():
    assert check({"X-CSRFToken": SECRET})["headers"] == {"X-CSRFToken": SECRET}
    # Rails' and Flask-WTF's spellings, a bearer session (the URL is same-origin), an empty token.
    assert check({"X-CSRF-Token": SECRET, "Authorization": "Bearer " + SECRET, "X-Requested-With": ""})["headers"]
    assert SSO_OPTION.kind.check({"tokenUrl": "/t", "provider": "CRM"}, "config.sso")["headers"] is None
    assert [f.name for f in SSO.fields][-1] == "headers"


@pytest.mark.parametrize("name", FETCH_FORBIDDEN + [n.upper() for n in FETCH_FORBIDDEN[:3]])
def test_the_fetch_standards_forbidden_request_headers_are_refused(name):
    assert refusal({name: SECRET}) == (f'config.sso.headers: "{name}" is not a header the page may set '
                                       "(the browser's or the bridge's own)")


@pytest.mark.parametrize("name", ["Content-Type", "content-type", "Content-Encoding", "Content-Language"])
def test_the_bridges_content_headers_stay_the_bridges(name):
    assert "is not a header the page may set" in refusal({name: "text/plain"})


@pytest.mark.parametrize("name", ["X CSRF", "X-CSRF:Token", "", "X-Tökén", "X-CSRF\r\n", "(x)", "a/b", "a@b", "{x}"])
def test_names_must_be_http_tokens(name):
    assert "is not a header name (an HTTP token" in refusal({name: SECRET})


def test_a_name_given_twice_in_two_cases_is_refused():
    assert refusal({"X-CSRFToken": "a", "x-csrftoken": "b"}) == (
        'config.sso.headers: "x-csrftoken" is given twice (header names are case-insensitive)')


def test_at_most_sixteen_headers_and_four_kilobytes_a_value():
    assert len(check({f"X-H{i}": "v" for i in range(16)})["headers"]) == 16
    assert "got 17 headers" in refusal({f"X-H{i}": "v" for i in range(17)})
    assert check({"X-CSRFToken": "a" * 4096})["headers"]["X-CSRFToken"] == "a" * 4096
    assert refusal({"X-CSRFToken": "a" * 4097}) == (
        'config.sso.headers["X-CSRFToken"] must be at most 4,096 characters; got 4,097')


@pytest.mark.parametrize("value", [SECRET + "\r\nX-Evil: 1", SECRET + "\n", SECRET + "\r", SECRET + "\0",
                                   SECRET + "\x7f", SECRET + "\x1b", SECRET + "é", SECRET + "€"])
def test_values_are_printable_ascii_and_never_said(value):
    message = refusal({"X-CSRFToken": value})
    assert message == ('config.sso.headers["X-CSRFToken"] must be printable ASCII (no CR, LF, NUL or other '
                       "control characters); got a string that is not")
    assert SECRET not in message


@pytest.mark.parametrize("headers, got", [
    ({"X-CSRFToken": 42}, '["X-CSRFToken"] must be a string; got a number'),
    ({"X-CSRFToken": [SECRET]}, '["X-CSRFToken"] must be a string; got an array'),
    ({"X-CSRFToken": {"v": SECRET}}, '["X-CSRFToken"] must be a string; got an object'),
    (SECRET, "; got a string"),  # the token itself where the object goes: not echoed as other options are
    ([SECRET], "; got an array"),
])
def test_a_wrong_shape_says_what_it_got_and_not_what_it_says(headers, got):
    message = refusal(headers)
    assert message.endswith(got) and SECRET not in message and "42" not in message


def test_the_schema_carries_the_same_rules_to_the_javascript_checker():
    schema = SSO_OPTION.kind.of.schema()["fields"][-1]["kind"]["of"]
    assert schema["kind"] == "headers" and schema["maxItems"] == 16 and schema["maxLength"] == 4096
    assert set(n.lower() for n in FETCH_FORBIDDEN) - set(schema["forbidden"]) == {
        "proxy-authorization", "sec-fetch-site", "sec-ch-ua"}  # the prefixes' cases
    assert schema["forbiddenPrefixes"] == ["proxy-", "sec-", "content-"]
