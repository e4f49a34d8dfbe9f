"""Requests to the Udesk fake signed by hand (hashlib, httpx2's WSGI transport, no socket), not
through the Udesk client: the fake is tested against the document, not against our client."""

import hashlib

import httpx2

UDESK_URL = "https://udesk.example.com"
API = "/ccapi/v2"
# The app id's key as each endpoint's document spells it: app_id for these two, AppId elsewhere.
SNAKE = {API + "/agent/logout", API + "/callback2ivr"}


class Clock:
    """A clock a test moves (seconds since the epoch)."""

    def __init__(self, now=1_796_000_000.0):  # 2026-11-30
        self.now = now

    def __call__(self):
        return self.now


def client_for(fake) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url=UDESK_URL)


def sign(sid: str, auth_token: str, timestamp: str) -> str:
    # "Sign: SHA1(Sid + AuthToken + Timestamp)"
    return hashlib.sha1((sid + auth_token + timestamp).encode("utf-8")).hexdigest()


def signed_query(fake, path, *, at=None, unit="ms", app_key=None, app_id=None, sid=None, token=None, **extra):
    """The query of a request to ``path`` signed for ``fake`` at ``at`` (default: the fake's clock,
    skew included) in ``unit`` ("ms" or "s")."""
    when = fake.now() if at is None else at
    stamp = str(int(when * 1000)) if unit == "ms" else str(int(when))
    key = app_key or ("app_id" if path in SNAKE else "AppId")
    sid = fake.sid if sid is None else sid
    query = {key: fake.app_id if app_id is None else app_id, "Sid": sid, "Timestamp": stamp,
             "Sign": sign(sid, fake.auth_token if token is None else token, stamp)}
    query.update(extra)
    return {k: v for k, v in query.items() if v is not None}


def call(fake, method, path, body=None, *, client=None, **signing):
    """A signed request; the answer (httpx2.Response)."""
    query = signed_query(fake, path, **signing)
    own = client is None
    client = client or client_for(fake)
    try:
        return client.request(method, path, params=query, json=body)
    finally:
        if own:
            client.close()


def result(fake, method, path, body=None, **signing):
    """The Result of a successful answer (asserts ErrCode 000000)."""
    answer = call(fake, method, path, body, **signing)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["ErrCode"] == "000000", data
    return data["Result"]


def code(fake, method, path, body=None, **signing) -> str:
    """The return code of an answer, whichever envelope it came in."""
    data = call(fake, method, path, body, **signing).json()
    return data["ErrCode"] if "ErrCode" in data else data["code"]
