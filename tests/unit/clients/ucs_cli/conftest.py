"""Fixtures of the UCS CLI tests: the handler of ucs_cli_handler.py wired into the CLI."""

from __future__ import annotations

import httpx2
import pytest

from bridge.__main__ import main
from bridge.clients.retry import NO_RETRY
from bridge.clients.ucs import cli

from ucs_cli_handler import CLIENT_ID, SECRET, UcsHandler


@pytest.fixture
def ucs(monkeypatch):
    """The handler, wired into the CLI (transport seam, no retry sleeps) with the credentials set."""
    handler = UcsHandler([
        {"id": 26920, "group_id": 1, "displayname": "Abrhám Václav", "firstname": "Václav", "lastname": "Abrhám",
         "external_id": "16943"},
        {"id": 13270, "group_id": 1, "displayname": "Adamec Lukáš", "firstname": "Lukáš", "lastname": "Adamec",
         "external_id": "20451", "contacts": [{"id": 71616, "type": 1, "contact": "+420654321987", "label": "mobil"}]},
    ])
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(handler), "retry": NO_RETRY})
    monkeypatch.setenv("UCS_URL", "https://ucs.example.com")
    monkeypatch.setenv("UCS_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("UCS_CLIENT_SECRET", SECRET)
    return handler


@pytest.fixture
def run(capsys):
    """``run("ucs", "status")`` -> (exit code, stdout, stderr) of ``python -m bridge ...``."""
    def run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run
