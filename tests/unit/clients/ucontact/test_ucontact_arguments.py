"""What a uContact client is built from, checked before anything is sent."""

import pytest

from bridge.clients.errors import InvalidArgument
from bridge.clients.ucontact import AsyncUContactClient, UContactClient


@pytest.mark.parametrize("cls", [UContactClient, AsyncUContactClient])
@pytest.mark.parametrize("url", ["http://acme.ucontactcloud.com", "http://10.0.0.5:8080", "ftp://x", "acme.com",
                                 "https://user:pw@acme.ucontactcloud.com", "https://acme.ucontactcloud.com?x=1", 5])
def test_the_base_url_is_https_or_plain_http_to_this_machine_only(cls, url):
    # "Only https is used" (the seed): the supervisor's password never crosses a network in clear.
    with pytest.raises(InvalidArgument):
        cls(url, "Admin", "ExamplePassword")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9", "https://acme.test/"])
def test_https_anywhere_and_http_on_loopback_are_accepted(url):
    client = UContactClient(url, "Admin", "ExamplePassword")
    assert repr(client) == f"UContactClient({url.rstrip('/')!r}, user='Admin')"
    client.close()


@pytest.mark.parametrize("user, password", [("", "pw123456"), (None, "pw123456"), ("Admin", ""), ("Admin", None),
                                            ("Admin", 123456)])
def test_user_and_password_are_non_empty_strings(user, password):
    with pytest.raises(InvalidArgument):
        UContactClient("https://acme.test", user, password)
