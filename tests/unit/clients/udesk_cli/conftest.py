"""Fixtures of the Udesk CLI tests: a UdeskFake wired into the CLI (the transport seam, no retry
sleeps), its credentials in the environment, and every Sign the CLI's requests carried."""

from __future__ import annotations

import httpx2
import pytest

from bridge.__main__ import main
from bridge.clients.retry import NO_RETRY
from bridge.clients.udesk import cli

ENV = ("UDESK_URL", "UDESK_SID", "UDESK_AUTH_TOKEN", "UDESK_APP_ID", "UDESK_TIMESTAMP_UNIT", "UDESK_CALLBACK_URL")


class Recording:
    """The fake behind an httpx2 handler that keeps each request's ``Sign`` (the fake's own log
    drops it) and the URLs sent."""

    def __init__(self, fake):
        self.fake = fake
        self.signs: list[str] = []
        self.urls: list[str] = []
        self._wsgi = httpx2.WSGITransport(app=fake)

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.urls.append(str(request.url))
        sign = request.url.params.get("Sign")
        if sign:
            self.signs.append(sign)
        response = self._wsgi.handle_request(request)
        response.read()
        return httpx2.Response(response.status_code, headers=response.headers, content=response.content)


@pytest.fixture
def recording(udesk_fake):
    return Recording(udesk_fake)


@pytest.fixture
def env(monkeypatch, udesk_fake):
    """``env(auth_token=..., url=..., timestamp_unit=...)`` sets UDESK_*; the fake's to start."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def set_env(**values):
        for name, value in values.items():
            monkeypatch.setenv(f"UDESK_{name.upper()}", value)
    set_env(url="https://udesk.test", sid=udesk_fake.sid, auth_token=udesk_fake.auth_token, app_id=udesk_fake.app_id)
    return set_env


@pytest.fixture
def udesk(udesk_fake, recording, env, monkeypatch):
    """The fake, wired into the CLI, with its credentials set."""
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(recording), "retry": NO_RETRY})
    return udesk_fake


@pytest.fixture
def run(capsys):
    """``run("agents", "list")`` -> (exit code, stdout, stderr) of ``python -m bridge udesk ...``."""
    def run(*argv):
        code = main(["udesk", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run
