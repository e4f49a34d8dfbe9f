"""Kerberos, CAS and OIDC logins spend a one-time credential: the first login sends it, and when
the token is refused or cannot be renewed any more, AuthenticationError says the SSO login must
be done again, instead of sending the spent credential again (no loop)."""

import httpx2
import pytest
from xuc_seed import API, Xuc, client

from bridge.clients.errors import AuthenticationError, ConnectionFailed
from bridge.clients.xuc import Cas, Kerberos, Oidc

ROUTES = {"GET /contact/personal": {"entries": [], "headers": []}}
NEGOTIATE = "Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6i"


@pytest.mark.parametrize("credentials, path", [
    (Kerberos(NEGOTIATE), "/auth/sso"),
    (Cas("https://cas.myplatform.com", "ST-11-Qsicgrh1mZ3dgoeOx7m6-af27d9025e0c"), "/auth/cas"),
    (Oidc("eyOAuthAccessToken0123456789"), "/auth/oidc"),
], ids=["kerberos", "cas", "oidc"])
def test_a_refused_sso_token_is_not_logged_in_again(credentials, path):
    xuc = Xuc(ROUTES, ttl=None, user_type="cti", acls=["alias.ctiuser"])
    c = client(xuc, credentials)
    c.contacts()
    xuc.expire_all()
    with pytest.raises(AuthenticationError, match="SSO login must be done again"):
        c.contacts()
    assert [r.url.path for r in xuc.requests].count(API + path) == 1
    with pytest.raises(AuthenticationError, match="SSO login must be done again"):
        c.contacts()
    assert [r.url.path for r in xuc.requests].count(API + path) == 1


def test_the_kerberos_login_sends_the_callers_negotiate_header():
    xuc = Xuc(ROUTES, ttl=None, user_type="cti", acls=["alias.ctiuser"])
    client(xuc, Kerberos(NEGOTIATE)).contacts()
    login = xuc.requests[0]
    assert (login.method, login.url.path, login.headers["authorization"]) == ("GET", API + "/auth/sso", NEGOTIATE)


def test_the_cas_login_sends_service_and_ticket():
    xuc = Xuc(ROUTES, ttl=None, user_type="cti", acls=["alias.ctiuser"])
    client(xuc, Cas("https://cas.myplatform.com", "ST-11-Qsicgrh1mZ3dgoeOx7m6-af27d9025e0c")).contacts()
    login = xuc.requests[0]
    assert login.url.path == API + "/auth/cas"
    assert dict(login.url.params) == {"service": "https://cas.myplatform.com",
                                      "ticket": "ST-11-Qsicgrh1mZ3dgoeOx7m6-af27d9025e0c"}


def test_the_oidc_token_goes_in_the_query_or_as_bearer():
    xuc = Xuc(ROUTES, user_type="cti", acls=["alias.ctiuser"])
    client(xuc, Oidc("eyOAuthAccessToken0123456789")).contacts()
    client(xuc, Oidc("eyOAuthAccessToken0123456789", bearer=True)).contacts()
    in_query, as_bearer = [r for r in xuc.requests if r.url.path == API + "/auth/oidc"]
    assert in_query.url.params["token"] == "eyOAuthAccessToken0123456789" and "authorization" not in in_query.headers
    assert as_bearer.headers["authorization"] == "Bearer eyOAuthAccessToken0123456789" and not as_bearer.url.query


def test_a_refused_sso_login_is_an_authentication_error_with_the_vendor_code():
    xuc = Xuc({"GET /auth/cas": httpx2.Response(403, json={"error": "CasServerInvalidTicket", "message": "expired"})})
    with pytest.raises(AuthenticationError) as raised:
        client(xuc, Cas("https://cas.myplatform.com", "ST-1-ticket-value")).contacts()
    assert raised.value.vendor_code == "CasServerInvalidTicket" and raised.value.status == 403


def test_an_sso_login_that_got_no_answer_may_be_tried_again():
    xuc = Xuc(ROUTES, ttl=None, user_type="cti", acls=["alias.ctiuser"])
    answers = [httpx2.ConnectError("no route to host")]

    def flaky(request):
        if answers:
            raise answers.pop(0)
        return xuc(request)

    c = client(flaky, Kerberos(NEGOTIATE))  # NO_RETRY: the first login fails with no answer
    with pytest.raises(ConnectionFailed):
        c.contacts()
    c.contacts()  # the ticket never reached the server: it is sent once more
    assert [r.url.path for r in xuc.requests].count(API + "/auth/sso") == 1


def test_a_refused_sso_login_is_not_sent_again():
    xuc = Xuc({"GET /auth/sso": httpx2.Response(401, json={"error": "SsoAuthenticationFailed", "message": "no"})})
    c = client(xuc, Kerberos(NEGOTIATE))
    with pytest.raises(AuthenticationError, match="no"):
        c.contacts()
    with pytest.raises(AuthenticationError, match="SSO login must be done again"):
        c.contacts()
    assert len(xuc.requests) == 1
