"""XUC's SSO logins: Kerberos (the caller's Negotiate header) and CAS (service and ticket, each
ticket good once) answer {login, token} WITHOUT TTL, as the seed shows; OIDC (token in the query
or as Bearer) answers with TTL. Each refusal has the seed's code."""

import pytest

from bridge.testing.fakes import XucFake
from bridge.testing.fakes.xuc_fixtures import CAS_SERVICE, CAS_TICKETS, KERBEROS_TOKENS

from xuc_fake_helpers import API, client_for, jwt_payload

NEGOTIATE = next(iter(KERBEROS_TOKENS))
TICKET = next(iter(CAS_TICKETS))


def test_kerberos_answers_without_ttl():
    answer = client_for(XucFake()).get(API + "/auth/sso", headers={"Authorization": f"Negotiate {NEGOTIATE}"})
    assert answer.status_code == 200 and set(answer.json()) == {"login", "token"}
    assert answer.json()["login"] == "jbond" and jwt_payload(answer.json()["token"])["userType"] == "cti"


def test_kerberos_without_negotiate_is_challenged():
    answer = client_for(XucFake()).get(API + "/auth/sso")
    assert answer.status_code == 401 and answer.json()["error"] == "SsoAuthenticationFailed"
    assert answer.headers["www-authenticate"] == "Negotiate"


def test_kerberos_refusals():
    client = client_for(XucFake(kerberos_tokens={"good": "jbond", "stranger": "nobody"}))
    bad = client.get(API + "/auth/sso", headers={"Authorization": "Negotiate other"})
    assert bad.status_code == 401 and bad.json()["error"] == "SsoAuthenticationFailed"
    unknown = client.get(API + "/auth/sso", headers={"Authorization": "Negotiate stranger"})
    assert unknown.status_code == 401 and unknown.json()["error"] == "UserNotFound"


def test_cas_answers_without_ttl_and_a_ticket_is_good_once():
    client = client_for(XucFake())
    params = {"service": CAS_SERVICE, "ticket": TICKET}
    answer = client.get(API + "/auth/cas", params=params)
    assert answer.status_code == 200 and set(answer.json()) == {"login", "token"}
    again = client.get(API + "/auth/cas", params=params)
    assert again.status_code == 403 and again.json()["error"] == "CasServerInvalidTicket"


@pytest.mark.parametrize("params, error", [
    ({"service": CAS_SERVICE}, "CasServerInvalidParameter"),
    ({"ticket": TICKET}, "CasServerInvalidParameter"),
    ({"service": "https://elsewhere.example.com", "ticket": TICKET}, "CasServerInvalidService"),
    ({"service": CAS_SERVICE, "ticket": "ST-0-unknown"}, "CasServerInvalidTicket"),
])
def test_cas_refusals(params, error):
    answer = client_for(XucFake()).get(API + "/auth/cas", params=params)
    assert answer.status_code == 403 and answer.json()["error"] == error


def test_cas_not_configured():
    answer = client_for(XucFake(cas_service=None)).get(API + "/auth/cas", params={"service": "x", "ticket": "y"})
    assert answer.status_code == 403 and answer.json()["error"] == "CasServerUrlNotSet"


def test_oidc_in_the_query_or_as_bearer_answers_with_ttl():
    client = client_for(XucFake(ttl=600))
    by_query = client.get(API + "/auth/oidc", params={"token": "oidc-access-token-alicej"})
    by_header = client.get(API + "/auth/oidc", headers={"Authorization": "Bearer oidc-access-token-alicej"})
    for answer in (by_query, by_header):
        assert answer.status_code == 200 and answer.json()["login"] == "alicej" and answer.json()["TTL"] == 600


@pytest.mark.parametrize("fake, params, status, error", [
    (XucFake(), {}, 403, "OidcInvalidParameter"),
    (XucFake(), {"token": "forged"}, 403, "OidcAuthenticationFailed"),
    (XucFake(oidc_tokens={"t": "nobody"}), {"token": "t"}, 401, "UserNotFound"),
])
def test_oidc_refusals(fake, params, status, error):
    answer = client_for(fake).get(API + "/auth/oidc", params=params)
    assert answer.status_code == status and answer.json()["error"] == error
