"""No secret reaches a log, a repr, an exception or a printed URL: the password, the JWT (old and
renewed), the Negotiate header, the CAS ticket, the OIDC token (in the query too)."""

import logging

import httpx2
import pytest
from xuc_seed import WS_PASSWORD, Xuc, client

from bridge.clients.errors import ApiError
from bridge.clients.xuc import Cas, Kerberos, Oidc

NEGOTIATE_TOKEN = "YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF"
TICKET = "ST-11-Qsicgrh1mZ3dgoeOx7m6-af27d9025e0c"
OIDC_TOKEN = "eyOAuthAccessToken0123456789abcdef"


def echoing(secret_source):
    """A server that quotes what it got in its error message (some do)."""
    def answer(request):
        return httpx2.Response(500, json={"error": "NotHandledError", "message": f"bad {secret_source(request)}"})
    return answer


def said(caplog, error, c) -> str:
    return "\n".join([caplog.text, str(error), repr(error), repr(c), str(error.url), str(error.vendor_message),
                      repr(c._api), repr(c._api.credentials)])


def test_the_password_and_the_token_are_never_shown(caplog):
    caplog.set_level(logging.DEBUG, logger="bridge.clients")
    xuc = Xuc()
    xuc.routes["POST /dnd/jbond"] = echoing(lambda r: f"{r.headers['authorization']} {WS_PASSWORD}")
    c = client(xuc)
    with pytest.raises(ApiError) as raised:
        c.set_dnd("jbond", True)
    text = said(caplog, raised.value, c)
    assert WS_PASSWORD not in text and xuc.token_for(1) not in text
    assert "***" in raised.value.vendor_message


@pytest.mark.parametrize("credentials, secrets", [
    (Kerberos(f"Negotiate {NEGOTIATE_TOKEN}"), [NEGOTIATE_TOKEN]),
    (Cas("https://cas.myplatform.com", TICKET), [TICKET]),
    (Oidc(OIDC_TOKEN), [OIDC_TOKEN]),
], ids=["kerberos", "cas", "oidc-query"])
def test_sso_credentials_are_never_shown(caplog, credentials, secrets):
    caplog.set_level(logging.DEBUG, logger="bridge.clients")
    path = {"kerberos": "/auth/sso", "cas": "/auth/cas", "oidc": "/auth/oidc"}[credentials.kind]
    xuc = Xuc({f"GET {path}": echoing(lambda r: f"{r.url} {r.headers.get('authorization')}")})
    c = client(xuc, credentials)
    with pytest.raises(ApiError) as raised:
        c.contacts()
    text = said(caplog, raised.value, c)
    for secret in secrets:
        assert secret not in text
    assert "***" in raised.value.vendor_message


def test_a_renewed_token_is_masked_too():
    xuc = Xuc({"POST /dnd/jbond": {"res": "success"}})
    c = client(xuc)
    c.check()  # a second token, issued by the check, is in the answer
    xuc.routes["POST /dnd/jbond"] = echoing(lambda r: xuc.token_for(2))
    with pytest.raises(ApiError) as raised:
        c.set_dnd("jbond", True)
    assert xuc.token_for(2) not in str(raised.value)


def test_the_legacy_connect_password_is_masked():
    password = "legacy-Password-77"
    xuc = Xuc({"POST /xuc/api/1.0/connect/avencall.com/jbond/": echoing(lambda r: r.content.decode())})
    with pytest.raises(ApiError) as raised:
        client(xuc, legacy_api=True).legacy.connect("avencall.com", "jbond", password)
    assert password not in str(raised.value) and password not in str(raised.value.vendor_message)
