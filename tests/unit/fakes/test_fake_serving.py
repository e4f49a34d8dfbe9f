"""The fakes on 127.0.0.1: real sockets, HTTP/1.1 keep-alive, concurrent requests."""

import http.client
import socket
import threading
import time
from contextlib import nullcontext
from urllib.parse import quote, urlsplit

import httpx2
import pytest

from bridge.testing.fakes import UContactFake, UcsFake, serving

from fake_helpers import API, client_for, log_in


def test_a_fake_answers_over_loopback():
    fake = UcsFake()
    with fake.serve() as url:
        assert url == fake.url and url.startswith("http://127.0.0.1:")
        with httpx2.Client(base_url=url) as client:
            log_in(client, fake)
            assert client.get(API + "/status").json()["success"] is True
    assert fake.url is None


def test_the_connection_is_kept_alive():
    fake = UcsFake()
    with fake.serve() as url:
        connection = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=5)
        sockets = []
        for _ in range(3):
            connection.request("GET", API + "/status")
            answer = connection.getresponse()
            body = answer.read()
            assert answer.status == 401 and body and not answer.will_close
            assert answer.version == 11 and answer.getheader("Content-Length") == str(len(body))
            sockets.append(connection.sock)  # http.client drops its socket when the server closes
        connection.close()
        assert sockets[0] is not None and all(sock is sockets[0] for sock in sockets)
    assert [r.status for r in fake.requests] == [401, 401, 401]


def test_two_requests_are_answered_side_by_side():
    fake = UcsFake()
    with fake.serve() as url:
        with httpx2.Client(base_url=url) as client:
            log_in(client, fake)
            fake.slow(0.5, times=2)
            answers = []

            def get():
                answers.append(client.get(API + "/status").status_code)

            threads = [threading.Thread(target=get) for _ in range(2)]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - start
    assert answers == [200, 200]
    assert 0.5 <= elapsed < 0.95  # one after the other would take a second


@pytest.mark.parametrize("served", [True, False])
def test_an_external_id_with_a_slash_and_accents_reaches_its_record(served):
    fake = UcsFake()
    external_id = "crm/42 čeština"
    with fake.serve() if served else nullcontext() as url:
        with httpx2.Client(base_url=url) if served else client_for(fake) as client:
            log_in(client, fake)
            client.post(API + "/crm/person", json={"group_id": 1, "external_id": external_id})
            answer = client.get(API + "/crm/person/external/" + quote(external_id, safe=""))
    assert answer.json()["data"]["external_id"] == external_id
    assert fake.requests[-1].path == "/api/v1.0/crm/person/external/" + external_id


def test_a_chunked_body_is_refused_with_411():
    with UcsFake().serve() as url:
        with socket.create_connection((urlsplit(url).hostname, urlsplit(url).port), timeout=5) as sock:
            sock.sendall(b"POST /login/oauth2/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                         b"2\r\n{}\r\n0\r\n\r\n")
            assert sock.recv(1024).startswith(b"HTTP/1.1 411 ")


def test_a_body_over_the_limit_is_refused_unread():
    with UcsFake().serve() as url:
        with socket.create_connection((urlsplit(url).hostname, urlsplit(url).port), timeout=5) as sock:
            sock.sendall(b"POST /login/oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n{}")
            assert sock.recv(1024).startswith(b"HTTP/1.1 413 ")


def test_any_wsgi_app_can_be_served_and_stops_with_the_block():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["PATH_INFO"].encode("latin-1"), b"?", environ["QUERY_STRING"].encode()]

    with serving(app) as url:
        assert httpx2.get(url + "/a%20b?x=1").text == "/a b?x=1"
    with pytest.raises(httpx2.ConnectError):
        httpx2.get(url + "/")


def test_the_ucontact_fake_over_loopback():
    fake = UContactFake()
    with fake.serve() as url:
        answer = httpx2.post(url + "/Integra/resources/auth/UserLogin",
                             data={"user": "Admin", "password": "ExamplePassword"})
        assert answer.json()[2] in fake.open_sessions
