"""``python -m bridge ucontact login-check | end-session``: credentials from the environment,
one exit code per kind of failure, one line on stderr that holds no secret."""

import base64
import socket
from contextlib import closing

import httpx2
import pytest
from integra_seed import NO_PHONE_USER, PASSWORD, Integra, wsgi

from bridge.__main__ import main
from bridge.clients.cli_support import EXIT_CODES
from bridge.clients.ucontact import UContactClient
from bridge.testing.fakes import serving

ENV = ("UCONTACT_URL", "UCONTACT_USER", "UCONTACT_PASSWORD", "UCONTACT_API_KEY")


@pytest.fixture
def integra():
    return Integra()


@pytest.fixture
def url(integra):
    with serving(wsgi(integra)) as url:
        yield url


@pytest.fixture
def env(monkeypatch, url):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def set_env(**values):
        for name, value in values.items():
            monkeypatch.setenv(f"UCONTACT_{name.upper()}", value)
    set_env(url=url, user=NO_PHONE_USER, password=PASSWORD)
    return set_env


def run(capsys, *argv):
    code = main(["ucontact", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def open_session(url, integra) -> str:
    client = UContactClient(url, NO_PHONE_USER, PASSWORD)
    client.login()
    client.close()  # the connections, not the session: it stays open
    return next(iter(integra.sessions))


def test_login_check_logs_in_prints_ok_and_the_user_and_ends_the_session(capsys, env, integra, url):
    code, out, err = run(capsys, "login-check")
    assert (code, err) == (0, "")
    assert out == f"OK: {NO_PHONE_USER} logged in to {url} (session ended)\n"
    assert integra.logins == 1 and integra.sessions == {} and len(integra.sent("EndSession")) == 1


def test_bad_credentials_exit_3(capsys, env, integra):
    env(password="wrong-password")
    code, out, err = run(capsys, "login-check")
    assert (code, out) == (3, "")
    assert err.startswith("python -m bridge: AuthenticationError: uContact login:") and err.count("\n") == 1
    assert integra.sent("EndSession") == []


def test_missing_environment_exits_2_naming_every_variable_and_sends_nothing(capsys, env, integra, monkeypatch):
    monkeypatch.delenv("UCONTACT_USER")
    monkeypatch.setenv("UCONTACT_PASSWORD", "")
    code, out, err = run(capsys, "login-check")
    assert (code, out) == (2, "")
    assert "UCONTACT_USER, UCONTACT_PASSWORD" in err and "UCONTACT_URL" not in err
    code, out, err = run(capsys, "end-session")
    assert code == 2 and "UCONTACT_API_KEY" in err and "UCONTACT_PASSWORD" not in err
    assert integra.requests == []


def test_an_unusable_url_exits_2(capsys, env):
    env(url="http://ucontact.example.com")  # plain http off this machine
    code, out, err = run(capsys, "login-check")
    assert code == 2 and "https" in err


def test_an_unreachable_host_exits_4(capsys, env):
    with closing(socket.socket()) as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    env(url=f"http://127.0.0.1:{port}")
    code, out, err = run(capsys, "login-check")
    assert code == 4 and err.startswith("python -m bridge: ConnectionFailed:")


def test_a_tls_failure_exits_5(capsys, env, url):
    env(url=url.replace("http://", "https://"))  # a server that speaks no TLS
    code, out, err = run(capsys, "login-check")
    assert code == 5 and err.startswith("python -m bridge: TlsError:")


def test_another_api_error_exits_1(capsys, env, integra):
    integra.end_answers = [httpx2.Response(200, text="0")]
    code, out, err = run(capsys, "login-check")
    assert (code, out) == (1, "") and err.startswith("python -m bridge: ApiError:") and "answer is 0" in err


def test_end_session_ends_the_key_in_the_environment_without_logging_in(capsys, env, integra, url, monkeypatch):
    key = open_session(url, integra)
    monkeypatch.delenv("UCONTACT_PASSWORD")  # not needed
    env(api_key=key)
    code, out, err = run(capsys, "end-session")
    assert (code, err) == (0, "") and out == f"OK: the session of {NO_PHONE_USER} on {url} is ended\n"
    assert integra.sessions == {} and integra.logins == 1


def test_end_session_of_a_key_the_server_does_not_know_exits_1_and_a_refused_one_3(capsys, env, integra):
    env(api_key=base64.b64encode(b"Admin:00000000-0000-0000-0000-000000000000").decode())
    assert run(capsys, "end-session")[0] == 1
    integra.end_answers = [httpx2.Response(401, text="Unauthorized")]
    assert run(capsys, "end-session")[0] == 3


def test_end_session_refuses_a_key_that_is_no_key(capsys, env, integra):
    env(api_key="not a key\r\n")
    code, out, err = run(capsys, "end-session")
    assert code == 2 and integra.requests == [] and "not a key" not in err


def test_no_output_holds_a_secret(capsys, env, integra, url):
    key = open_session(url, integra)
    secrets = [PASSWORD, key, base64.b64decode(key).decode().split(":", 1)[1]]
    integra.login_answers = [httpx2.Response(400, text=f"bad form password={PASSWORD}")]
    integra.end_answers = [httpx2.Response(500, text=f"cannot end {key}")]
    env(api_key=key)
    said = [run(capsys, "login-check"), run(capsys, "end-session")]
    assert [code for code, _, _ in said] == [1, 1]
    assert "bad form" in said[0][2] and "cannot end" in said[1][2]
    for _, out, err in said:
        for secret in secrets:
            assert secret not in out + err


def test_help_names_the_variables_and_every_exit_code_and_credentials_are_no_flags(capsys):
    for argv in (["--help"], ["login-check", "--help"], ["end-session", "--help"]):
        with pytest.raises(SystemExit) as done:
            main(["ucontact", *argv])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert "UCONTACT_URL" in out and "UCONTACT_USER" in out
        for _, code, meaning in EXIT_CODES:
            assert f"{code}  {meaning}" in out
    with pytest.raises(SystemExit) as done:
        main(["ucontact", "login-check", "--password", "x"])
    assert done.value.code == 2
