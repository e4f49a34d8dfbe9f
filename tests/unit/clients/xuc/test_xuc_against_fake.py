"""The XUC client against the testing kit's fake (bridge.testing.fakes.XucFake, in-process over
httpx2.WSGITransport): the seed's users, every family of endpoints, the SSO logins, the JWT's
ACLs, an expired token and the renewal through /auth/check, the 1.0 API."""

import asyncio

import httpx2
import pytest

from bridge.clients.errors import AuthenticationError, NotFoundError, PermissionDeniedError
from bridge.clients.retry import NO_RETRY
from bridge.clients.xuc import AsyncXucClient, Cas, CtiUser, Kerberos, Oidc, WebServiceUser, XucClient
from bridge.testing.fakes import XucFake

WS = WebServiceUser("web_service_user_login", "web_service_user_password")
NEGOTIATE = "Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACjggS"


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def on(fake, credentials=WS, **options):
    options.setdefault("retry", NO_RETRY)
    return XucClient("http://127.0.0.1:8090", credentials, transport=httpx2.WSGITransport(app=fake), **options)


def test_a_web_service_user_dials_sets_dnd_and_forwards_and_reads_history(xuc_fake):
    with on(xuc_fake) as xuc:
        xuc.dial_number("jbond", "0123456789", {"crm": "4711"})
        xuc.set_dnd("jbond", True)
        xuc.forward_busy("jbond", "0612345678")
        calls = xuc.history("bruce", 2)
    assert xuc_fake.dials[-1]["destination"] == "0123456789"
    assert xuc_fake.dnd["jbond"] is True
    assert xuc_fake.forwards["jbond"]["busy"] == {"enabled": True, "destination": "0612345678"}
    assert [c.srcUsername for c in calls] == ["bruce", "bruce"]


def test_callbacks_go_in_as_text_json_and_come_out_as_csv(xuc_fake):
    csv_text = ("phoneNumber|mobilePhoneNumber|firstName|lastName|company|description|dueDate|period\n"
                "0230210092|0689746321|John|Doe|MyCompany|Call back quickly||")
    with on(xuc_fake) as xuc:
        xuc.import_callbacks("1", csv_text)
        tickets = xuc.export_callback_tickets("1")
    assert "0230210092" in tickets
    assert xuc_fake.callback_imports[-1]["content_type"].startswith("text/json")


def test_a_cti_user_manages_personal_contacts(xuc_fake):
    with on(xuc_fake, CtiUser("cti_user_login", "cti_user_password")) as xuc:
        assert {row["Firstname"] for row in xuc.contacts().rows()} >= {"hawkeye", "peter"}
        created = xuc.create_contact({"firstname": "Ada", "lastname": "Lovelace", "number": "1111"})
        assert xuc.contact(created.id).lastname == "Lovelace"
        # The fake's PUT replaces the contact (it must stay valid): every field is sent.
        changed = {"firstname": "Ada", "lastname": "Lovelace", "number": "1111", "mobile": "2222"}
        assert xuc.update_contact(created.id, changed).mobile == "2222"
        assert "Lovelace" in xuc.export_contacts()
        xuc.delete_contact(created.id)
        with pytest.raises(NotFoundError) as raised:
            xuc.contact(created.id)
        assert raised.value.vendor_code == "ContactNotFound"
        imported = xuc.import_contacts("firstname,lastname,number\nAlan,Turing,3333\n")
        assert [c.lastname for c in imported.created] == ["Turing"]
        xuc.delete_all_contacts()
        assert xuc.contacts().entries == ()


def test_a_cti_user_reads_qualifications_and_registers_a_push_token(xuc_fake):
    with on(xuc_fake, CtiUser("cti_user_login", "cti_user_password")) as xuc:
        assert [q.name for q in xuc.qualifications(42)] == ["General Questions", "Support"]
        assert "callid1" in xuc.export_qualifications(1, "home", "office")  # the seed's answer is queue 1's
        xuc.register_push("1234-5678")
        with pytest.raises(PermissionDeniedError, match="web-service users only"):
            xuc.set_dnd("jbond", True)
    assert "1234-5678" in xuc_fake.push_tokens.values()


@pytest.mark.parametrize("credentials", [
    Kerberos(NEGOTIATE), Cas("https://cas.myplatform.com", "ST-11-Qsicgrh1mZ3dgoeOx7m6-af27d9025e0c"),
    Oidc("oidc-access-token-alicej"), Oidc("oidc-access-token-alicej", bearer=True),
], ids=["kerberos", "cas", "oidc-query", "oidc-bearer"])
def test_the_sso_logins_work_once_and_are_not_repeated(credentials):
    fake = XucFake()
    with on(fake, credentials) as xuc:
        xuc.contacts()
        assert xuc.claims.user_type == "cti"
        fake.expire_tokens()
        with pytest.raises(AuthenticationError, match="SSO login must be done again"):
            xuc.contacts()


def test_a_missing_acl_is_refused_by_the_client_before_the_fake_sees_it(xuc_fake):
    with on(xuc_fake, WebServiceUser("dialer", "dialer_password")) as xuc:
        xuc.dial_number("jbond", "0123456789")
        seen = len(xuc_fake.dials)
        with pytest.raises(PermissionDeniedError, match=r"xuc\.rest\.dnd\.jbond\.create"):
            xuc.set_dnd("jbond", True)
    assert xuc_fake.dnd["jbond"] is False and len(xuc_fake.dials) == seen


def test_an_expired_token_is_replaced_and_the_call_replayed(xuc_fake):
    with on(xuc_fake) as xuc:
        xuc.set_dnd("jbond", True)
        xuc_fake.expire_tokens()
        xuc.set_dnd("jbond", False)
        assert xuc.logins == 2
    assert xuc_fake.dnd["jbond"] is False


def test_the_token_is_renewed_through_auth_check_before_the_fake_expires_it():
    wall = Clock(1_700_000_000.0)
    fake = XucFake(clock=wall, ttl=600)
    engine_clock = Clock(50.0)
    with on(fake, clock=engine_clock, wall_clock=wall) as xuc:
        xuc.set_dnd("jbond", True)
        for _ in range(5):  # 50 min of 9-minute steps: each renewal comes 60 s before expiry
            wall.now += 540
            engine_clock.now += 540
            xuc.set_dnd("jbond", True)
        assert (xuc.logins, xuc.renewals) == (1, 5)


def test_the_async_client_against_the_fake_on_loopback(xuc_fake_server):
    async def main():
        async with AsyncXucClient(xuc_fake_server.url, WS, retry=NO_RETRY) as xuc:
            await asyncio.gather(*(xuc.set_dnd(user, True) for user in ("jbond", "drno", "alicej")))
            return xuc.logins

    assert asyncio.run(main()) == 1
    assert all(xuc_fake_server.dnd[user] for user in ("jbond", "drno", "alicej"))


def test_the_legacy_api_against_the_fake(xuc_fake):
    with on(xuc_fake, legacy_api=True) as xuc:
        xuc.legacy.dnd("avencall.com", "jbond", True)
        assert len(xuc.legacy.history("avencall.com", "bruce", size=2)) == 2
    assert xuc_fake.dnd["jbond"] is True
