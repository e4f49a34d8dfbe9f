"""The httpx2 transport on real sockets: what a timeout, a refused connection and a failed TLS
handshake become, redirects left alone, timeouts on by default, and one pooled connection
reused across calls."""

import asyncio
import shutil
import socket
import ssl
import subprocess
import threading

import httpx2
import pytest

from bridge.clients.base import AsyncClient, SyncClient
from bridge.clients.engines import DEFAULT_TIMEOUT
from bridge.clients.errors import ApiError, ConnectionFailed, InvalidArgument, RequestTimeout, TlsError
from bridge.clients.redaction import Redactor
from bridge.clients.retry import NO_RETRY
from bridge.clients.ucs.api import UcsApi
from core_doubles import CLIENT_ID, CLIENT_SECRET, TOKEN_PATH, LoopbackUcs, UcsDouble, get, sync_client


def client_for(url, **options):
    options.setdefault("retry", NO_RETRY)
    return SyncClient(UcsApi(url, CLIENT_ID, CLIENT_SECRET), Redactor(CLIENT_SECRET), **options)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: nothing listens there


def test_a_server_that_never_answers_is_a_request_timeout():
    with socket.create_server(("127.0.0.1", 0)) as silent:  # the kernel accepts; nobody ever answers
        with client_for(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.05) as client:
            with pytest.raises(RequestTimeout) as raised:
                client._run(get())
    assert raised.value.operation == "login" and raised.value.status is None
    assert raised.value.code == "API_UNREACHABLE"


def test_a_refused_connection_is_connection_failed():
    port = free_port()
    with client_for(f"http://127.0.0.1:{port}") as client:
        with pytest.raises(ConnectionFailed) as raised:
            client._run(get())
    assert type(raised.value) is ConnectionFailed
    assert raised.value.url == f"http://127.0.0.1:{port}{TOKEN_PATH}"


def test_https_to_a_server_that_does_not_speak_tls_is_a_tls_error():
    with socket.create_server(("127.0.0.1", 0)) as plain:
        def answer_in_plain_http():
            connection, _ = plain.accept()
            with connection:
                connection.recv(4096)  # the ClientHello
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

        thread = threading.Thread(target=answer_in_plain_http, daemon=True)
        thread.start()
        with client_for(f"https://127.0.0.1:{plain.getsockname()[1]}") as client:
            with pytest.raises(TlsError, match="TLS failed") as raised:
                client._run(get())
        thread.join(5)
    assert isinstance(raised.value, ConnectionFailed)  # an except for ConnectionFailed catches it too


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context, str(cert)


def test_a_self_signed_certificate_is_a_tls_error_until_the_client_trusts_it(self_signed):
    context, cert = self_signed
    with LoopbackUcs(ssl_context=context) as server:
        with client_for(server.url) as client:
            with pytest.raises(TlsError, match="CERTIFICATE_VERIFY_FAILED") as raised:
                client._run(get())
        assert raised.value.operation == "login" and raised.value.url == server.url + TOKEN_PATH
        # The same server, its certificate trusted: the failure was the certificate, not the setup.
        with client_for(server.url, verify=ssl.create_default_context(cafile=cert)) as client:
            assert client._run(get()) == {"path": "/api/v1.0/things/1"}


def test_redirects_are_not_followed():
    server = UcsDouble()
    server.script = [httpx2.Response(302, headers={"Location": "https://elsewhere.test/steal"})]
    with pytest.raises(ApiError) as raised:
        sync_client(server)._run(get())
    assert raised.value.status == 302
    assert [r.url.host for r in server.requests] == ["ucs.test", "ucs.test"]  # the login, the call


def test_every_request_has_a_timeout_by_default():
    seen = []

    def handler(request):
        seen.append(request.extensions["timeout"])
        return httpx2.Response(200, json={"access_token": "tok-abcdef", "expires_in": "3610"})

    client = SyncClient(UcsApi("https://ucs.test", CLIENT_ID, CLIENT_SECRET), Redactor(),
                        transport=httpx2.MockTransport(handler))
    client._run(UcsApi("https://ucs.test", CLIENT_ID, CLIENT_SECRET).login())
    assert DEFAULT_TIMEOUT == 10.0
    assert seen == [{"connect": 5.0, "read": 10.0, "write": 10.0, "pool": 10.0}]
    seen.clear()
    client = SyncClient(UcsApi("https://ucs.test", CLIENT_ID, CLIENT_SECRET), Redactor(), timeout=2,
                        transport=httpx2.MockTransport(handler))
    client._run(UcsApi("https://ucs.test", CLIENT_ID, CLIENT_SECRET).login())
    assert seen == [{"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}]


@pytest.mark.parametrize("timeout", [0, -1, None, "10", True, float("nan"), float("inf"), 3601])
def test_a_timeout_that_is_not_seconds_is_refused(timeout):
    api = UcsApi("https://ucs.test", CLIENT_ID, CLIENT_SECRET)
    with pytest.raises(InvalidArgument, match="timeout"):
        SyncClient(api, Redactor(), timeout=timeout)
    with pytest.raises(InvalidArgument, match="timeout"):
        AsyncClient(api, Redactor(), timeout=timeout)


@pytest.mark.parametrize("transport", [object(), httpx2.AsyncHTTPTransport()])
def test_a_transport_a_sync_client_cannot_use_is_refused(transport):
    with pytest.raises(InvalidArgument, match="transport"):
        SyncClient(UcsApi("https://ucs.test", CLIENT_ID, CLIENT_SECRET), Redactor(), transport=transport)


def test_two_sequential_calls_reuse_one_pooled_connection():
    with LoopbackUcs() as server:
        with client_for(server.url) as client:
            client._run(get())
            client._run(get("/api/v1.0/things/2"))
        assert [path for _, path, _ in server.seen] == [TOKEN_PATH, "/api/v1.0/things/1", "/api/v1.0/things/2"]
        assert server.connections == 1


def test_the_async_client_reuses_one_pooled_connection_too():
    async def scenario(url):
        async with AsyncClient(UcsApi(url, CLIENT_ID, CLIENT_SECRET), Redactor(CLIENT_SECRET)) as client:
            await client._run(get())
            await client._run(get("/api/v1.0/things/2"))

    with LoopbackUcs() as server:
        asyncio.run(scenario(server.url))
        assert len(server.seen) == 3 and server.connections == 1
