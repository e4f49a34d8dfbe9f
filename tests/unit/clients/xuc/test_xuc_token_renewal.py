"""Renewal through /auth/check BEFORE expiry, scheduled from the answer's TTL or the JWT's
expiresAt (milliseconds since the epoch; its lifetime expiresAt - issuedAt, so this machine's
clock does not matter), whichever is known, the earlier when both are;
Kerberos answers no TTL, so its JWT decides. The engine's clock and the wall clock are injected."""

import asyncio
import json

from xuc_seed import API, NOW, Clock, Xuc, async_client, b64url, client

from bridge.clients.calls import Reply
from bridge.clients.messages import Response
from bridge.clients.redaction import Redactor
from bridge.clients.xuc import CtiUser, Kerberos
from bridge.clients.xuc.api import XucApi

START = 1000.0  # the engine's monotonic clock at the first login


def renewals(xuc):
    return [r for r in xuc.requests if r.url.path == API + "/auth/check"]


def logins(xuc):
    return [r for r in xuc.requests if r.url.path.startswith(API + "/auth/") and r.url.path != API + "/auth/check"]


def test_the_ttl_schedules_the_renewal_when_the_jwt_has_no_expiry():
    xuc, clock = Xuc({"POST /dnd/jbond": {"res": "success"}}, ttl=3600, lifetime=None), Clock(START)
    c = client(xuc, clock=clock)
    c.set_dnd("jbond", True)
    clock.now = START + 3600 - 300 - 0.001  # a 3600 s token is renewed 300 s before its end
    c.set_dnd("jbond", True)
    assert renewals(xuc) == []
    clock.now = START + 3600 - 300
    c.set_dnd("jbond", True)
    assert len(renewals(xuc)) == 1 and len(logins(xuc)) == 1
    assert (c.renewals, c.logins) == (1, 1)
    assert renewals(xuc)[0].headers["authorization"] == f"Bearer {xuc.token_for(1)}"
    assert xuc.calls()[-1].headers["authorization"] == f"Bearer {xuc.token_for(2)}"
    assert xuc.refusals == 0  # renewed before any call met a refusal


def test_the_jwt_expiry_schedules_the_renewal_without_a_ttl():
    xuc, clock = Xuc({"POST /dnd/jbond": {"res": "success"}}, ttl=None, lifetime=600), Clock(START)
    c = client(xuc, clock=clock, wall_clock=Clock(NOW))
    c.set_dnd("jbond", True)
    clock.now = START + 540 - 0.001  # 600 s left at the login: renewed 60 s before the JWT's expiresAt
    c.set_dnd("jbond", True)
    assert renewals(xuc) == []
    clock.now = START + 540
    c.set_dnd("jbond", True)
    assert len(renewals(xuc)) == 1 and len(logins(xuc)) == 1


def test_the_earlier_of_ttl_and_jwt_expiry_decides():
    xuc, clock = Xuc({"POST /dnd/jbond": {"res": "success"}}, ttl=3600, lifetime=600), Clock(START)
    c = client(xuc, clock=clock)
    c.set_dnd("jbond", True)
    clock.now = START + 540
    c.set_dnd("jbond", True)
    assert len(renewals(xuc)) == 1


def test_a_kerberos_token_is_renewed_from_its_jwt_and_the_sso_login_is_not_sent_again():
    xuc, clock = Xuc({"GET /contact/personal": {"entries": [], "headers": []}}, ttl=None, lifetime=600,
                     user_type="cti", acls=["alias.ctiuser"]), Clock(START)
    c = client(xuc, Kerberos("Negotiate YIIKerberosTicket"), clock=clock)
    c.contacts()
    for step in range(1, 4):
        clock.now = START + 540 * step
        c.contacts()
    assert len(logins(xuc)) == 1 and len(renewals(xuc)) == 3


def test_a_failed_renewal_falls_back_to_a_password_login():
    xuc, clock = Xuc({"POST /dnd/jbond": {"res": "success"}}), Clock(START)
    c = client(xuc, clock=clock)
    c.set_dnd("jbond", True)
    xuc.expire_all()  # the check answers 403 TokenExpired
    clock.now = START + 3600
    c.set_dnd("jbond", True)
    assert xuc.paths() == ["/auth/webservice", "/dnd/jbond", "/auth/check", "/auth/webservice", "/dnd/jbond"]


def test_the_async_client_renews_before_expiry_too():
    xuc, clock = Xuc({"POST /dnd/jbond": {"res": "success"}}, ttl=None, lifetime=600), Clock(START)

    async def main():
        async with async_client(xuc, clock=clock) as c:
            await c.set_dnd("jbond", True)
            clock.now = START + 540
            await c.set_dnd("jbond", True)

    asyncio.run(main())
    assert xuc.paths() == ["/auth/webservice", "/dnd/jbond", "/auth/check", "/dnd/jbond"]


def test_a_client_clock_a_day_off_still_renews_from_the_jwts_own_lifetime():
    # expiresAt - issuedAt is the server's clock on both sides: this machine's clock does not matter.
    xuc, clock = Xuc({"POST /dnd/jbond": {"res": "success"}}, ttl=None, lifetime=600), Clock(START)
    c = client(xuc, clock=clock, wall_clock=Clock(NOW + 86_400))
    c.set_dnd("jbond", True)
    clock.now = START + 540 - 0.001
    c.set_dnd("jbond", True)
    assert renewals(xuc) == []
    clock.now = START + 540
    c.set_dnd("jbond", True)
    assert len(renewals(xuc)) == 1


def test_without_issued_at_the_expiry_is_read_with_the_wall_clock():
    payload = b64url(json.dumps({"login": "u", "expiresAt": int((NOW + 300) * 1000)}).encode())
    token = f"{b64url(b'{}')}.{payload}.{b64url(b'sig')}"
    reply = Reply(Response(200, {}, json.dumps({"login": "u", "token": token}).encode()), "XUC", "auth.sso", "GET",
                  "https://xuc.test/", str)
    read = XucApi("https://xuc.test", CtiUser("u", "p"), Redactor())._read_login(reply)
    assert (read.lifetime, read.expires_at) == (None, NOW + 300)
