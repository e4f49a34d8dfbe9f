"""The CLI over a real socket: the fake served on 127.0.0.1, no transport injected."""

import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.xuc import cli


@pytest.fixture
def served(xuc_fake_server, env, monkeypatch):
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"retry": NO_RETRY})
    env(url=xuc_fake_server.url)
    return xuc_fake_server


def test_login_check_dial_and_history_on_loopback(served, run):
    code, out, err = run("login-check")
    assert (code, err) == (0, "") and out.startswith("OK: web_service_user_login (webservice) logged in to http://127.0.0.1:")
    assert run("dial", "bruce", "1058") == (0, "OK: bruce is dialing 1058\n", "")
    code, out, err = run("history", "bruce", "--size", "1")
    assert code == 0 and out.splitlines()[1].split()[3:] == ["bruce", "1058", "emitted"]
    assert served.login_count == 3  # one process, one login, per command
