"""Clients on the fakes, through httpx2's WSGI transport (no socket)."""

import httpx2

from bridge.testing.fakes import UcsFake

UCS_URL = "https://ucs.example.com"
UCONTACT_URL = "https://acme.ucontactcloud.com"
API = "/api/v1.0"


def client_for(fake, base_url=UCS_URL) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url=base_url)


def credentials(fake: UcsFake, **changes) -> dict:
    return {"client_id": fake.client_id, "client_secret": fake.client_secret, "grant_type": "client_credentials",
            **changes}


def log_in(client: httpx2.Client, fake: UcsFake) -> str:
    """Log ``client`` in to the UCS fake: its Authorization header carries the token from now on."""
    answer = client.post("/login/oauth2/token", json=credentials(fake))
    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return token


def ucontact_login(client: httpx2.Client, user="Carina", password="ExamplePassword"):
    return client.post("/Integra/resources/auth/UserLogin", data={"user": user, "password": password})
