"""The XUC fake's shared knobs and serving: fail_next in XUC's {error, message} shape (403 is
TokenExpired, 503 Unreachable), slow, clear_faults; CORS for one exact origin; the request log;
every endpoint of the seed routed."""

import httpx2
import pytest

from bridge.testing.fakes import XucFake
from bridge.testing.fakes.xuc import ENDPOINTS

from xuc_fake_helpers import API, client_for, log_in, web_service_client

DIAL = API + "/dial/number/jbond"
BODY = {"destination": "1"}


@pytest.mark.parametrize("status, error", [(400, "BadRequest"), (401, "InvalidCredentials"), (403, "TokenExpired"),
                                           (500, "NotHandledError"), (503, "Unreachable")])
def test_fail_next_answers_xucs_shape_then_succeeds(status, error):
    fake = XucFake()
    client = web_service_client(fake)
    fake.fail_next(status, times=2, path=API + "/dial")
    answers = [client.post(DIAL, json=BODY) for _ in range(3)]
    assert [a.status_code for a in answers] == [status, status, 200]
    assert set(answers[0].json()) == {"error", "message"} and answers[0].json()["error"] == error
    assert len(fake.dials) == 1


def test_a_faulted_login_counts():
    fake = XucFake()
    client = client_for(fake)
    fake.fail_next(503, path=API + "/auth")
    assert client.post(API + "/auth/webservice", json={"login": "x", "password": "y"}).status_code == 503
    log_in(client)
    assert fake.login_count == 2


def test_slow_then_clear_faults():
    sleeps = []
    fake = XucFake(sleep=sleeps.append)
    client = web_service_client(fake)
    fake.slow(0.5, path=API + "/dnd")
    client.post(API + "/dnd/jbond", json={"state": True})
    client.post(DIAL, json=BODY)
    fake.fail_next(503)
    fake.clear_faults()
    client.post(API + "/dnd/jbond", json={"state": True})
    assert sleeps == [0.5] and client.post(DIAL, json=BODY).status_code == 200


def test_the_request_log():
    fake = XucFake()
    client = web_service_client(fake)
    client.post(DIAL, json=BODY)
    del client.headers["Authorization"]
    client.post(DIAL, json=BODY)
    assert [(r.method, r.path, r.authorized, r.status) for r in fake.requests] == [
        ("POST", API + "/auth/webservice", False, 200), ("POST", DIAL, True, 200), ("POST", DIAL, False, 400)]


def test_cors_for_one_exact_origin():
    fake = XucFake(cors_origin="http://127.0.0.1:8000")
    client = client_for(fake)
    headers = {"Origin": "http://127.0.0.1:8000", "Access-Control-Request-Method": "POST"}
    preflight = client.options(DIAL, headers=headers)
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"
    assert client.options(DIAL, headers={**headers, "Origin": "http://evil.test"}).status_code == 403
    answer = client.post(API + "/auth/webservice", json={"login": "x", "password": "y"},
                         headers={"Origin": "http://evil.test"})
    assert "access-control-allow-origin" not in answer.headers
    with pytest.raises(ValueError):
        XucFake(cors_origin="*")


def test_serve_on_loopback():
    fake = XucFake()
    with fake.serve() as url, httpx2.Client(base_url=url) as client:
        assert fake.url == url and url.startswith("http://127.0.0.1:")
        log_in(client)
        assert client.post(DIAL, json=BODY).json() == {"res": "success"}
    assert fake.url is None


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_every_endpoint_is_routed(method, path):
    """No endpoint answers 404 or 405 (any other answer means a handler took it)."""
    concrete = path.replace("{", "").replace("}", "")
    answer = client_for(XucFake()).request(method, concrete)
    assert answer.status_code not in (404, 405), answer.text


def test_an_unknown_path_and_a_wrong_method():
    client = client_for(XucFake())
    assert client.get(API + "/nothing").status_code == 404
    answer = client.put(DIAL)
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"


@pytest.mark.parametrize("options", [{"ttl": 0}, {"ttl": True}, {"clock": 5}, {"cti_users": {"a/b": None}}])
def test_bad_options(options):
    with pytest.raises(ValueError):
        XucFake(**options)
