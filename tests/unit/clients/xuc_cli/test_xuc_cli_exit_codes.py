"""Each kind of failure has its exit code and one line on stderr: a missing or bad setting 2, bad
credentials 3, a closed port 4, an ACL the token lacks (or a web-service command run by a CTI
user) 1 naming it, with nothing but the login sent."""

import socket

import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.xuc import cli


@pytest.mark.parametrize("missing", ["XUC_URL", "XUC_LOGIN", "XUC_PASSWORD"])
def test_a_missing_variable_is_exit_2_and_named(xuc, run, monkeypatch, missing):
    monkeypatch.delenv(missing)
    code, out, err = run("login-check")
    assert (code, out) == (2, "")
    assert missing in err and err.count("\n") == 1
    assert xuc.requests == []


def test_an_unknown_user_type_is_exit_2(xuc, run, env):
    env(user_type="admin")
    code, out, err = run("dnd", "jbond", "on")
    assert (code, out) == (2, "") and "XUC_USER_TYPE must be webservice or cti" in err
    assert xuc.requests == []


def test_a_url_with_the_api_path_is_exit_2(xuc, run, env):
    env(url="http://127.0.0.1:8090/xuc/api/2.0")
    code, out, err = run("login-check")
    assert (code, out) == (2, "") and "the server's root" in err


@pytest.mark.parametrize("user_type", ["webservice", "cti"])
def test_bad_credentials_are_exit_3(xuc, run, env, user_type):
    env(user_type=user_type, password="not-the-password")
    code, out, err = run("login-check")
    assert (code, out) == (3, "")
    assert "AuthenticationError" in err and err.count("\n") == 1


def test_a_closed_port_is_exit_4(xuc, run, env, monkeypatch):
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"retry": NO_RETRY})  # the real network path
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env(url=f"http://127.0.0.1:{port}")
    code, out, err = run("dial", "jbond", "1002")
    assert (code, out) == (4, "")
    assert err.startswith("python -m bridge: ConnectionFailed:") and err.count("\n") == 1


def test_a_missing_acl_is_exit_1_naming_it(xuc, run, env):
    env(login="dialer", password="dialer_password")  # holds xuc.rest.dial.number.*.create only
    code, out, err = run("dnd", "jbond", "on")
    assert (code, out) == (1, "")
    assert "PermissionDeniedError" in err and "xuc.rest.dnd.jbond.create" in err and err.count("\n") == 1
    assert xuc.dnd["jbond"] is False
    assert [r.path for r in xuc.requests] == ["/xuc/api/2.0/auth/webservice"]  # refused before sending


def test_a_web_service_user_has_no_personal_contacts(xuc, run):
    code, out, err = run("contacts", "export")
    assert (code, out) == (1, "") and "xuc.rest.contact.export.personal.read" in err
    assert [r.path for r in xuc.requests] == ["/xuc/api/2.0/auth/webservice"]


def test_a_cti_user_is_told_dial_is_for_web_service_users(cti, run):
    code, out, err = run("dial", "jbond", "1002")
    assert (code, out) == (1, "") and "for web-service users only" in err
    assert cti.dials == []
