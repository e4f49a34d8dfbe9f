"""Fixtures of the XUC CLI tests: a XucFake wired into the CLI (the transport seam, no retry
sleeps), a web-service user's credentials in the environment, and every token the fake gave."""

from __future__ import annotations

import json

import httpx2
import pytest

from bridge.__main__ import main
from bridge.clients.retry import NO_RETRY
from bridge.clients.xuc import cli

WS_LOGIN, WS_PASSWORD = "web_service_user_login", "web_service_user_password"
CTI_LOGIN, CTI_PASSWORD = "cti_user_login", "cti_user_password"
ENV = ("XUC_URL", "XUC_LOGIN", "XUC_PASSWORD", "XUC_USER_TYPE")


class Recording:
    """The fake behind an httpx2 handler that keeps each token its answers carry (logins, checks)."""

    def __init__(self, fake):
        self.fake = fake
        self.tokens: list[str] = []
        self._wsgi = httpx2.WSGITransport(app=fake)

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        response = self._wsgi.handle_request(request)
        response.read()
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("token"), str):
            self.tokens.append(body["token"])
        return httpx2.Response(response.status_code, headers=response.headers, content=response.content)


@pytest.fixture
def recording(xuc_fake):
    return Recording(xuc_fake)


@pytest.fixture
def env(monkeypatch):
    """``env(login=..., password=..., user_type=..., url=...)`` sets XUC_*; a web-service user's to start."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def set_env(**values):
        for name, value in values.items():
            monkeypatch.setenv(f"XUC_{name.upper()}", value)
    set_env(url="http://127.0.0.1:8090", login=WS_LOGIN, password=WS_PASSWORD)
    return set_env


@pytest.fixture
def xuc(xuc_fake, recording, env, monkeypatch):
    """The fake, wired into the CLI, with a web-service user's credentials set."""
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(recording), "retry": NO_RETRY})
    return xuc_fake


@pytest.fixture
def cti(xuc, env):
    """As ``xuc``, logged in as the seed's CTI user (whose personal contacts the fake holds)."""
    env(login=CTI_LOGIN, password=CTI_PASSWORD, user_type="cti")
    return xuc


@pytest.fixture
def run(capsys):
    """``run("dial", "jbond", "1002")`` -> (exit code, stdout, stderr) of ``python -m bridge xuc ...``."""
    def run(*argv):
        code = main(["xuc", *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run
