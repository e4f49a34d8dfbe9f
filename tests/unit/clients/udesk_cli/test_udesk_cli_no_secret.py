"""No secret reaches stdout or stderr, whatever the command and however it ends: the AuthToken,
the Sign of any request sent, a SIP password without --show-password, a callback URL's path
without --show-callback."""

import httpx2
import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.udesk import cli

TOKEN_PATH = "Zq3-receiver-capability-token"
CALLBACK = f"https://crm.example.com/udesk/events/{TOKEN_PATH}"

COMMANDS = [
    ("agents", "list"), ("agents", "list", "--json"), ("agents", "list", "--json", "--role", "leader"),
    ("agents", "create", "4001", "w4001", "--with-extension"), ("agents", "create", "189", "w189"),
    ("extensions", "create", "2001"), ("extensions", "create", "1001"), ("extensions", "create", "0123"),
    ("extensions", "delete", "1001"), ("extensions", "bind", "189", "1135"), ("extensions", "unbind", "355", "1145"),
    ("queues", "list"), ("queues", "list", "--json"), ("queues", "create", "9100"), ("queues", "delete", "9001"),
    ("queues", "add-agents", "9001", "189"), ("queues", "agents", "9001"), ("queues", "agents", "9001", "--json"),
    ("queues", "agents", "9999"),
    ("sign-in", "189", "--queue", "9003", "--state", "waiting"), ("sign-in", "999"), ("sign-out", "189"),
    ("callback", "13800138000", "057126200671"), ("callback", "1", "2"),
    ("subscriptions", "list"), ("subscriptions", "create", "crm", "acd_agent_state"),
    ("subscriptions", "create", "sub1", "acd_agent_state"),
    ("subscriptions", "delete", "170"), ("subscriptions", "delete", "999"),
]


def _secrets(fake, recording):
    passwords = [extension["Password"] for extension in fake.extensions.values()]
    return [fake.auth_token, TOKEN_PATH, *recording.signs, *passwords]


@pytest.fixture
def seeded(udesk, env):
    env(callback_url=CALLBACK)
    udesk.subscriptions[170] = {"name": "crm2", "callback": CALLBACK, "events": ["acd_agent_state"], "enable": True}
    return udesk


@pytest.mark.parametrize("argv", COMMANDS)
def test_no_secret_in_the_output(seeded, recording, run, argv):
    code, out, err = run(*argv)
    for secret in _secrets(seeded, recording):
        assert secret not in out + err, secret


@pytest.mark.parametrize("argv", [("queues", "list"), ("extensions", "delete", "1001"), ("sign-in", "999"),
                                  ("callback", "13800138000", "057126200671")])
def test_no_secret_when_the_request_fails(seeded, recording, run, argv):
    seeded.fail_code("200020")  # refused: the error names the request, never its Sign
    code, out, err = run(*argv)
    assert code == 3 and recording.signs
    for secret in _secrets(seeded, recording):
        assert secret not in out + err, secret


def test_no_secret_with_a_wrong_auth_token(udesk, recording, run, env):
    env(auth_token="a-wrong-auth-token-pasted")
    code, out, err = run("agents", "list")
    assert code == 3 and recording.signs
    for secret in ["a-wrong-auth-token-pasted", *recording.signs]:
        assert secret not in out + err


def test_no_secret_when_the_server_echoes_it(udesk, run, monkeypatch):
    def echo(request):
        return httpx2.Response(200, json={"ErrCode": "000060", "ErrDesc": f"no: {udesk.auth_token} {request.url}",
                                          "Result": None})

    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(echo), "retry": NO_RETRY})
    code, out, err = run("queues", "list")
    assert code == 1 and "no: ***" in err
    assert udesk.auth_token not in out + err and "Sign=" not in err.replace("Sign=***", "")


def test_no_secret_when_a_setting_is_refused(udesk, run, env):
    env(timestamp_unit=udesk.auth_token)  # the AuthToken pasted into the wrong variable
    code, out, err = run("queues", "list")
    assert code == 2 and udesk.auth_token not in out + err


def test_the_secrets_are_shown_when_asked(seeded, recording, run):
    # The guard above is no accident of the output: the flags do print them.
    assert CALLBACK in run("subscriptions", "list", "--show-callback")[1]
    code, out, _ = run("extensions", "create", "2001", "--show-password")
    assert seeded.extensions["2001"]["Password"] in out


def test_no_secret_when_the_callback_is_refused(udesk, run, env):
    env(callback_url="ftp://crm.example.com/" + TOKEN_PATH)
    code, out, err = run("subscriptions", "create", "x", "acd_agent_state")
    assert code == 2 and TOKEN_PATH not in out + err


def test_no_secret_when_the_server_echoes_the_callback(udesk, run, env, monkeypatch):
    env(callback_url=CALLBACK)

    def echo(request):
        return httpx2.Response(200, json={"ErrCode": "000001", "ErrDesc": f"bad: {request.content.decode()}",
                                          "Result": None})

    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(echo), "retry": NO_RETRY})
    code, out, err = run("subscriptions", "create", "crm", "acd_agent_state")
    assert code == 1 and "bad:" in err and TOKEN_PATH not in out + err
