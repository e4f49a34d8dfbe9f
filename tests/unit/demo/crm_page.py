"""The demo's CRM page, signed in, with a UCS REST fake holding one ended call."""

import json

import pytest

from bridge.clients.retry import RetryPolicy
from bridge.testing.fakes.ucs import API, UcsFake
from demo.server import UCS_CLIENT_ID
from demo.ucs_calls import call_record_fields
from demo_client import UCS_SECRET, Client, routes
from simulated_calls import CREATED, answered_and_ended

UNIQUEID = f"{CREATED}.1"


@pytest.fixture
def fake():
    fake = UcsFake(client_id=UCS_CLIENT_ID, client_secret=UCS_SECRET)
    uniqueid, fields = call_record_fields(answered_and_ended(65))
    fake.add_call(uniqueid, **fields)
    return fake


@pytest.fixture
def crm(fake):
    client = Client(routes(ucs_fake=fake))
    client.sign_in()
    return client


def asked(fake) -> list[tuple[str, str]]:
    """(method, path) of every request the fake answered."""
    return [(request.method, request.path) for request in fake.requests]


def fail_every_api_call(fake, status: int) -> None:
    """The fake answers ``status`` to the API (not to the login), retries included."""
    fake.fail_next(status, times=RetryPolicy().retries + 1, path=API)


def ask(crm, method, url, body=None, **kwargs):
    """(status, JSON answer, headers) of the CRM's API; ``body`` sent as JSON unless bytes."""
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
    kwargs.setdefault("content_type", "application/json" if body is not None else "")
    status, headers, answer = crm.request(method, url, body or b"", **kwargs)
    return status, json.loads(answer), headers
