"""Udesk signs no event (seed 003, "18. Subscription to Events" documents no signature), so the
token in the path is the only credential: a long random one by default, compared in constant
time, every other path answered the same 404 whatever the method and body, and the token never
logged nor shown by repr()."""

import hmac
import logging

import httpx2
import pytest

import bridge.clients.webhooks as webhooks
from bridge.clients.errors import InvalidArgument
from bridge.clients.udesk.events import SubscriptionReceiver

from udesk_events_helpers import HANGUP, JSON, nothing_more_delivered, receiving


def test_a_receiver_draws_a_long_random_token_for_its_path():
    first, second = SubscriptionReceiver(), SubscriptionReceiver()
    prefix, _, token = first.path.rpartition("/")
    assert prefix == "/udesk/events"
    assert len(token) >= 43  # secrets.token_urlsafe(32): 256 bits
    assert first.path != second.path


def test_a_given_token_makes_the_path_and_a_short_one_is_refused():
    token = "u" * 32
    assert SubscriptionReceiver(token=token, prefix="/hooks/udesk/").path == f"/hooks/udesk/{token}"
    for bad in ("u" * 31, "u" * 31 + "/", "u" * 31 + "é", 123):
        with pytest.raises(InvalidArgument):
            SubscriptionReceiver(token=bad)


@pytest.mark.parametrize("method", ["POST", "GET", "PUT", "DELETE"])
def test_every_other_path_is_the_same_404_whatever_the_method(method):
    with receiving() as (receiver, collector, client):
        token = receiver.path.rpartition("/")[2]
        wrong = [receiver.path[:-1] + ("A" if receiver.path[-1] != "A" else "B"), receiver.path[:-1],
                 receiver.path + "x", "/udesk/events/", "/", "/xuc/events/" + token, "/udesk/events/" + token.upper()]
        answers = {(a.status_code, a.content) for a in
                   (client.request(method, path, content=HANGUP, headers=JSON) for path in wrong)}
        assert answers == {(404, b'{"error": "not found"}')}
        assert nothing_more_delivered(receiver, collector)


def test_the_path_is_compared_in_constant_time(monkeypatch):
    compared, original = [], hmac.compare_digest

    def compare_digest(a, b):
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(webhooks.hmac, "compare_digest", compare_digest)
    with receiving() as (receiver, collector, client):
        assert client.post("/udesk/events/guess", content=HANGUP, headers=JSON).status_code == 404
        assert client.post(receiver.path, content=HANGUP, headers=JSON).status_code == 202
    assert compared == [(b"/udesk/events/guess", receiver.path.encode()), (receiver.path.encode(),) * 2]


def test_the_token_is_never_logged_nor_in_repr(caplog):
    # The receiver's own log (httpx2, the client here, logs the URLs it requests).
    caplog.set_level(logging.DEBUG, logger="bridge.clients")

    def failing(event):
        raise RuntimeError("the CRM failed")

    receiver = SubscriptionReceiver(failing)
    token = receiver.path.rpartition("/")[2]
    with httpx2.Client(transport=httpx2.WSGITransport(app=receiver), base_url="https://crm.example.com") as client:
        client.post(receiver.path[:-1], content=HANGUP, headers=JSON)  # the token with a typo
        client.post(receiver.path, content=HANGUP, headers=JSON)
        client.post(receiver.path, content=HANGUP, headers=JSON)  # a duplicate
        client.get(receiver.path)
        client.post(receiver.path, content=b"{", headers=JSON)
    receiver.close()
    ours = "\n".join(r.getMessage() + str(r.exc_info) for r in caplog.records if r.name.startswith("bridge.clients"))
    assert "the CRM failed" in ours and "refused: 404" in ours and "duplicate" in ours  # what was logged is there
    assert token[:-1] not in ours
    assert token not in repr(receiver) and repr(receiver) == "<SubscriptionReceiver at /udesk/events/<token>>"
