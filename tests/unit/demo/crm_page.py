"""The demo's CRM page, signed in, with a UCS REST fake (the stand-in) holding one ended call."""

import json

import pytest

from demo.server import UCS_CLIENT_ID
from demo.ucs_calls import call_record_fields
from demo_client import UCS_SECRET, Client, routes
from simulated_calls import CREATED, answered_and_ended
from ucs_stand_in import UcsStandIn

UNIQUEID = f"{CREATED}.1"


@pytest.fixture
def fake():
    fake = UcsStandIn(client_id=UCS_CLIENT_ID, client_secret=UCS_SECRET)
    uniqueid, fields = call_record_fields(answered_and_ended(65))
    fake.add_call(uniqueid, **fields)
    return fake


@pytest.fixture
def crm(fake):
    client = Client(routes(ucs_fake=fake))
    client.sign_in()
    return client


def ask(crm, method, url, body=None, **kwargs):
    """(status, JSON answer, headers) of the CRM's API; ``body`` sent as JSON unless bytes."""
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
    kwargs.setdefault("content_type", "application/json" if body is not None else "")
    status, headers, answer = crm.request(method, url, body or b"", **kwargs)
    return status, json.loads(answer), headers
