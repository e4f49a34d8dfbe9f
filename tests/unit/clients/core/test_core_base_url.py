"""A client's base URL is checked before it is used: http(s), a host, nothing that would carry
a credential or change where requests go."""

import pytest

from bridge.clients.base import checked_base_url
from bridge.clients.errors import InvalidArgument


@pytest.mark.parametrize("url, checked", [
    ("https://ucs.example.com", "https://ucs.example.com"),
    ("https://ucs.example.com/", "https://ucs.example.com"),
    ("http://127.0.0.1:8080/ucs/", "http://127.0.0.1:8080/ucs"),
    ("http://localhost:8000", "http://localhost:8000"),
    ("http://[::1]:8000", "http://[::1]:8000"),
    ("https://[::1]:8443", "https://[::1]:8443"),
])
def test_a_base_url_is_kept_without_its_trailing_slash(url, checked):
    assert checked_base_url(url, vendor="UCS") == checked


@pytest.mark.parametrize("url, problem", [
    (None, "must be a string"),
    (b"https://h", "must be a string"),
    ("ftp://h", "http\\(s\\)://host"),
    ("https://", "http\\(s\\)://host"),
    ("ucs.example.com", "http\\(s\\)://host"),
    ("https://user:pw@h", "credentials"),
    ("https://user@h", "credentials"),
    ("https://h?x=1", "query"),
    ("https://h/#top", "fragment"),
    ("https://h:99999", "port"),
    ("https://h:port", "port"),
    ("https://h\n.evil.test", "blanks"),
    ("https://h/\tx", "blanks"),
    (" https://h", "blanks"),
    # A secret would cross the network in clear: plain http only to this machine (a fake).
    ("http://ucs.example.com", "must be https"),
    ("http://10.0.0.5:8080", "must be https"),
    ("http://localhost.evil.test", "must be https"),
])
def test_a_base_url_that_cannot_be_used_is_refused(url, problem):
    with pytest.raises(InvalidArgument, match=problem) as raised:
        checked_base_url(url, vendor="UCS")
    assert str(raised.value).startswith("UCS: ")


def test_the_ucs_client_wants_the_servers_root_not_the_documents_api_url():
    # The document writes https://ucs.example.com/api/v1.0; the login is outside it, so with it
    # every login would miss and read as bad credentials.
    from bridge.clients.ucs import UcsClient

    with pytest.raises(InvalidArgument, match="without /api/v1.0"):
        UcsClient("https://ucs.example.com/api/v1.0/", client_id="crm", client_secret="secret")
