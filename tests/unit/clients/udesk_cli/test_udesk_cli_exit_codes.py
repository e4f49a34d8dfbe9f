"""Each kind of failure has its exit code (bridge/clients/cli_support.py) and one line on stderr:
a missing or bad setting 2, a wrong AuthToken 3, an unreachable host 4, an API refusal 1, an
argument out of the document's format 2 with nothing sent."""

import socket

import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.udesk import cli

REQUIRED = ["UDESK_URL", "UDESK_SID", "UDESK_AUTH_TOKEN", "UDESK_APP_ID"]


@pytest.mark.parametrize("missing", [[name] for name in REQUIRED] + [REQUIRED, ["UDESK_SID", "UDESK_APP_ID"]])
def test_missing_variables_are_exit_2_and_each_named(udesk, run, monkeypatch, missing):
    for name in missing:
        monkeypatch.delenv(name)
    code, out, err = run("queues", "list")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    for name in REQUIRED:
        assert (name in err) == (name in missing)
    assert udesk.requests == []


def test_an_empty_variable_is_missing(udesk, run, env):
    env(auth_token="")
    code, out, err = run("queues", "list")
    assert (code, out) == (2, "") and "UDESK_AUTH_TOKEN" in err


@pytest.mark.parametrize("unit", ["ns", "MS", "seconds"])
def test_a_bad_timestamp_unit_is_exit_2(udesk, run, env, unit):
    env(timestamp_unit=unit)
    code, out, err = run("queues", "list")
    assert (code, out) == (2, "")
    assert "UDESK_TIMESTAMP_UNIT must be ms or s" in err and err.count("\n") == 1
    assert udesk.requests == []


@pytest.mark.parametrize("unit, digits", [("ms", 13), ("s", 10)])
def test_the_timestamp_unit_is_used(udesk, run, env, unit, digits):
    env(timestamp_unit=unit)
    assert run("queues", "list")[0] == 0
    assert len(udesk.requests[0].query["Timestamp"]) == digits


def test_a_url_with_the_api_path_is_exit_2(udesk, run, env):
    env(url="https://udesk.test/ccapi/v2")
    code, out, err = run("queues", "list")
    assert (code, out) == (2, "") and "the server's root" in err
    assert udesk.requests == []


def test_a_wrong_auth_token_is_exit_3(udesk, run, env):
    env(auth_token="not-the-auth-token")
    code, out, err = run("agents", "list")
    assert (code, out) == (3, "")
    assert "AuthenticationError" in err and "200020" in err and err.count("\n") == 1


def test_an_unreachable_host_is_exit_4(udesk, run, env, monkeypatch):
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"retry": NO_RETRY})  # the real network path
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env(url=f"http://127.0.0.1:{port}")
    code, out, err = run("queues", "list")
    assert (code, out) == (4, "")
    assert err.startswith("python -m bridge: ConnectionFailed:") and err.count("\n") == 1


def test_deleting_a_bound_extension_is_refused_exit_1(udesk, run):
    # "An extension bound to an agent cannot be deleted; it must be unbound first."
    code, out, err = run("extensions", "delete", "1001")
    assert (code, out) == (1, "")
    assert "100022" in err and err.count("\n") == 1
    assert "1001" in udesk.extensions


@pytest.mark.parametrize("argv, field", [
    (("extensions", "create", "0123"), "extension"),       # [1-9]\d{3}
    (("extensions", "delete", "12345"), "extension"),
    (("extensions", "bind", "189", "abc"), "extension"),
    (("queues", "create", "8001"), "queue"),               # 9\d{3}
    (("queues", "add-agents", "9001", "12a"), "agent"),    # digits up to 32
    (("agents", "create", "4001", "work id"), "work"),     # \w+
    (("agents", "create", "4" * 33, "w"), "agent"),
    (("sign-in", "189", "--queue", "901"), "queue"),
    (("sign-out", "x189"), "agent"),
    (("callback", "12345", "057126200671"), "caller"),     # a PSTN number
])
def test_an_argument_out_of_format_is_exit_2_and_nothing_is_sent(udesk, run, argv, field):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.startswith("python -m bridge: InvalidArgument:") and field in err and err.count("\n") == 1
    assert udesk.requests == []


def test_a_server_failure_is_exit_1(udesk, run):
    udesk.fail_code("000060")
    code, out, err = run("queues", "list")
    assert (code, out) == (1, "") and "000060" in err
