"""A request timeout (000035) is a refused timestamp only when the timestamp was outside the
ten-minute window. Within it the server took the timestamp, so its timeout may be its own, the
request carried out: a call that may be repeated is replayed once (corrected), one that must not
(callback2ivr rings a customer, a create makes an agent) is not. An authentication error (200020)
is a refusal before anything is done: replayed with a skew over a minute, whatever the call."""

import email.utils
import json
import time

import httpx2
import pytest

from bridge.clients.errors import AuthenticationError
from bridge.clients.udesk import UdeskClient

NOW = time.time()


def server(code: str, skew: float, envelope: str = "ErrCode"):
    """Answers ``code`` to the first request and success after it, its Date ``skew`` s off ours."""
    seen = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        headers = {"Date": email.utils.formatdate(NOW + skew, usegmt=True)}
        failed = len(seen) == 1
        if envelope == "code":
            body = {"code": code if failed else "000000", "message": "x", "results": "call-1"}
        else:
            body = {"ErrCode": code if failed else "000000", "ErrDesc": "x", "Result": {"AgentId": "9415"}}
        return httpx2.Response(200, headers=headers, content=json.dumps(body).encode())
    return seen, httpx2.MockTransport(answer)


def client(transport) -> UdeskClient:
    return UdeskClient("https://udesk.test", "sid-1", "token-1", "app-1", transport=transport,
                       wall_clock=lambda: NOW)


def test_a_callback_timed_out_within_the_window_is_not_placed_twice():
    seen, transport = server("000035", 120, "code")
    with pytest.raises(AuthenticationError) as failed:
        client(transport).callback_to_ivr("13676546374", "057126200671")
    assert len(seen) == 1 and failed.value.vendor_code == "000035"


def test_a_create_timed_out_within_the_window_is_not_replayed():
    seen, transport = server("000035", -300)
    with pytest.raises(AuthenticationError):
        client(transport).create_agent("9415", "199")
    assert len(seen) == 1


def test_a_read_timed_out_within_the_window_is_replayed_corrected():
    seen, transport = server("000035", 120)
    client(transport).agent("9415")
    assert len(seen) == 2
    assert int(seen[1].url.params["Timestamp"]) - int(seen[0].url.params["Timestamp"]) == pytest.approx(120_000, abs=3000)


@pytest.mark.parametrize("skew", [11 * 60, -11 * 60])
def test_a_callback_refused_outside_the_window_is_replayed_once(skew):
    seen, transport = server("000035", skew, "code")
    assert client(transport).callback_to_ivr("13676546374", "057126200671") == "call-1"
    assert len(seen) == 2


def test_an_authentication_error_with_a_skew_is_replayed_even_for_a_create():
    seen, transport = server("200020", 120)
    assert client(transport).create_agent("9415", "199").AgentId == "9415"
    assert len(seen) == 2
