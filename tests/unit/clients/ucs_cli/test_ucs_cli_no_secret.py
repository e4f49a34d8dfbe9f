"""The client secret and the token never reach stdout or stderr, whatever the command and
however it ends (the secret echoed back by the server included)."""

import httpx2
import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.ucs import cli

from ucs_cli_handler import SECRET, TOKEN


@pytest.mark.parametrize("argv", [
    ("status",), ("status", "--json"), ("queues",), ("users", "--json"), ("call", "1500000000.123"),
    ("call", "missing"), ("metadata", "get", "1500000000.123"), ("persons", "export", "--format", "json"),
])
def test_no_secret_in_output(ucs, run, argv):
    code, out, err = run("ucs", *argv)
    assert SECRET not in out + err and TOKEN not in out + err


def test_no_secret_when_the_server_echoes_it_in_an_error(ucs, run, monkeypatch):
    def echo(request):
        return httpx2.Response(401, json={"error": "invalid_client", "error_description": f"bad secret {SECRET}"})

    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(echo), "retry": NO_RETRY})
    code, out, err = run("ucs", "status")
    assert code == 3 and "bad secret ***" in err
    assert SECRET not in out + err
