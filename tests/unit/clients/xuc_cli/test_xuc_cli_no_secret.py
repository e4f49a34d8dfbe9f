"""The password and the token never reach stdout or stderr, whatever the command and however it
ends (the password echoed back by the server included)."""

import httpx2
import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.xuc import cli

WS_PASSWORD, CTI_PASSWORD = "web_service_user_password", "cti_user_password"


@pytest.mark.parametrize("argv", [
    ("login-check",), ("dial", "jbond", "1002"), ("dial", "nobody", "1002"), ("dnd", "jbond", "on"),
    ("forward", "busy", "jbond", "off"), ("history", "bruce", "--size", "2"), ("history", "bruce", "--days", "1", "--json"),
    ("callbacks", "export", "1"), ("callbacks", "export", "nope"), ("contacts", "export"),
])
def test_no_secret_in_output_of_a_web_service_user(xuc, recording, run, argv):
    code, out, err = run(*argv)
    assert recording.tokens
    for secret in [WS_PASSWORD, *recording.tokens]:
        assert secret not in out + err


@pytest.mark.parametrize("argv", [("login-check",), ("contacts", "export")])
def test_no_secret_in_output_of_a_cti_user(cti, recording, run, argv):
    code, out, err = run(*argv)
    assert recording.tokens
    for secret in [CTI_PASSWORD, *recording.tokens]:
        assert secret not in out + err


def test_no_secret_when_the_server_echoes_it_in_an_error(xuc, run, monkeypatch):
    def echo(request):
        return httpx2.Response(401, json={"error": "InvalidCredentials", "message": f"bad password {WS_PASSWORD}"})

    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(echo), "retry": NO_RETRY})
    code, out, err = run("login-check")
    assert code == 3 and "bad password ***" in err
    assert WS_PASSWORD not in out + err


def test_no_secret_when_a_setting_is_refused(xuc, run, env):
    env(user_type=WS_PASSWORD)  # a password pasted into the wrong variable
    code, out, err = run("login-check")
    assert code == 2 and WS_PASSWORD not in out + err
