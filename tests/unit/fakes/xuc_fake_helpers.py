"""Clients on the XUC fake (httpx2's WSGI transport, no socket) and its logins."""

import httpx2

from bridge.testing.fakes.xuc import jwt_payload  # noqa: F401 - the tests read tokens with it

XUC_URL = "http://xuc.example.com:8090"
API = "/xuc/api/2.0"
WS = ("web_service_user_login", "web_service_user_password")
CTI = ("cti_user_login", "cti_user_password")


class Clock:
    """A clock a test moves (seconds since the epoch)."""

    def __init__(self, now=1_537_464_000.0):  # 2018-09-20 17:20:00 UTC, amid the seed's history
        self.now = now

    def __call__(self):
        return self.now


def client_for(fake, **transport) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.WSGITransport(app=fake, **transport), base_url=XUC_URL)


def log_in(client: httpx2.Client, credentials=WS, path="/auth/webservice") -> str:
    """Log ``client`` in: its Authorization header carries the token from now on."""
    answer = client.post(API + path, json={"login": credentials[0], "password": credentials[1]})
    assert answer.status_code == 200, answer.text
    token = answer.json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return token


def web_service_client(fake, credentials=WS) -> httpx2.Client:
    client = client_for(fake)
    log_in(client, credentials)
    return client


def cti_client(fake, credentials=CTI) -> httpx2.Client:
    client = client_for(fake)
    log_in(client, credentials, "/auth/login")
    return client
