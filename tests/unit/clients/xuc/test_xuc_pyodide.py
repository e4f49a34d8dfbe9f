"""A CTI user's client in the browser's worker: in Pyodide the async client takes pyfetch by
itself (a fake ``pyodide.http`` stands in on CPython), logs in with the agent's own credentials,
sends the bearer token and checks the JWT's ACLs there too; the sync client refuses to start."""

import asyncio
import json
import sys
import types

import pytest
from xuc_seed import API, BASE_URL, CONTACTS, CTI_LOGIN, CTI_PASSWORD, NOW, Clock, jwt

from bridge.clients import base
from bridge.clients.errors import InvalidArgument, PermissionDeniedError
from bridge.clients.xuc import AsyncXucClient, CtiUser, XucClient

TOKEN = jwt(CTI_LOGIN, user_type="cti", acls=["alias.ctiuser"])


class Answer:
    def __init__(self, status, body):
        self.status, self.headers, self._body = status, {"Content-Type": "application/json"}, body

    async def bytes(self):
        return self._body


@pytest.fixture
def fetch(monkeypatch):
    calls = []

    async def pyfetch(url, **options):
        calls.append((url, options))
        if url.endswith("/auth/login"):
            return Answer(200, json.dumps({"login": CTI_LOGIN, "token": TOKEN, "TTL": 3600}).encode())
        return Answer(200, json.dumps(CONTACTS).encode())

    http = types.ModuleType("pyodide.http")
    http.pyfetch = pyfetch
    pyodide = types.ModuleType("pyodide")
    pyodide.http = http
    monkeypatch.setitem(sys.modules, "pyodide", pyodide)
    monkeypatch.setitem(sys.modules, "pyodide.http", http)
    monkeypatch.setattr(base, "IN_PYODIDE", True)
    return calls


def test_a_cti_users_client_runs_over_pyfetch(fetch):
    async def main():
        async with AsyncXucClient(BASE_URL, CtiUser(CTI_LOGIN, CTI_PASSWORD), wall_clock=Clock(NOW)) as xuc:
            listing = await xuc.contacts()
            with pytest.raises(PermissionDeniedError, match="web-service users only"):
                await xuc.set_dnd("jbond", True)
            return listing

    assert asyncio.run(main()).rows()[1]["Firstname"] == "peter"
    (login_url, login), (call_url, call) = fetch
    assert login_url == BASE_URL + API + "/auth/login" and json.loads(login["body"])["password"] == CTI_PASSWORD
    assert call_url == BASE_URL + API + "/contact/personal" and call["headers"]["Authorization"] == f"Bearer {TOKEN}"


def test_the_sync_client_has_no_transport_in_pyodide(fetch):
    with pytest.raises(InvalidArgument, match="async"):
        XucClient(BASE_URL, CtiUser(CTI_LOGIN, CTI_PASSWORD))
