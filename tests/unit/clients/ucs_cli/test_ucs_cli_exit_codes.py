"""Each kind of failure has its exit code and one line on stderr: missing environment 2, bad
credentials 3, host unreachable 4, TLS failure 5 (real sockets on 127.0.0.1 for the last two)."""

import socket
import threading

import pytest

from bridge.clients.retry import NO_RETRY
from bridge.clients.ucs import cli


@pytest.mark.parametrize("missing", ["UCS_URL", "UCS_CLIENT_ID", "UCS_CLIENT_SECRET"])
def test_a_missing_variable_is_exit_2_and_named(ucs, run, monkeypatch, missing):
    monkeypatch.delenv(missing)
    code, out, err = run("ucs", "status")
    assert (code, out) == (2, "")
    assert missing in err and err.count("\n") == 1
    assert ucs.log == []


def test_bad_credentials_are_exit_3(ucs, run, monkeypatch):
    monkeypatch.setenv("UCS_CLIENT_SECRET", "not-the-secret")
    code, out, err = run("ucs", "queues")
    assert (code, out) == (3, "")
    assert "Invalid username or password" in err and err.count("\n") == 1


@pytest.fixture
def network(monkeypatch, ucs):
    # The real network path: no injected transport, no retry sleeps.
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"retry": NO_RETRY})


def test_a_closed_port_is_exit_4(network, run, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("UCS_URL", f"http://127.0.0.1:{port}")
    code, out, err = run("ucs", "status")
    assert (code, out) == (4, "")
    assert err.count("\n") == 1


def test_a_failed_tls_handshake_is_exit_5(network, run, monkeypatch):
    # A server that answers TLS's hello with plain HTTP: the handshake fails on the client.
    server = socket.create_server(("127.0.0.1", 0))

    def answer():
        conn, _ = server.accept()
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("UCS_URL", f"https://127.0.0.1:{server.getsockname()[1]}")
        code, out, err = run("ucs", "status")
    finally:
        thread.join(5)
        server.close()
    assert (code, out) == (5, "")
    assert "TLS" in err and err.count("\n") == 1


def test_a_ca_bundle_that_cannot_be_read_is_exit_2(ucs, run, monkeypatch, tmp_path):
    # A setting, like a missing variable: one line naming it, no traceback, nothing sent.
    monkeypatch.setenv("UCS_CA_BUNDLE", str(tmp_path / "missing.pem"))
    code, out, err = run("ucs", "status")
    assert (code, out) == (2, "")
    assert "UCS_CA_BUNDLE" in err and err.count("\n") == 1
    (tmp_path / "bad.pem").write_text("not a certificate")
    monkeypatch.setenv("UCS_CA_BUNDLE", str(tmp_path / "bad.pem"))
    code, out, err = run("ucs", "status")
    assert (code, out) == (2, "") and "UCS_CA_BUNDLE" in err
    assert ucs.log == []


def test_an_output_file_that_cannot_be_written_is_exit_2(ucs, run, tmp_path):
    code, out, err = run("ucs", "persons", "export", "--format", "json", "--output", str(tmp_path / "no" / "x.json"))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
