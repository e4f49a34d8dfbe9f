"""The token in the path is the only credential (XUC and Udesk sign no event: seed 003, "18.
Subscription to Events" documents no signature): a long random one by default, compared in
constant time, every other path answered the same 404 whatever the method and body, and the
token never logged nor shown by repr(). For both receivers."""

import hmac
import logging

import pytest

import bridge.clients.webhooks as webhooks
from bridge.clients.errors import InvalidArgument

from webhook_helpers import JSON, client_of, nothing_more_delivered, receiving


def test_a_receiver_draws_a_long_random_token_for_its_path(kind):
    first, second = kind.receiver(), kind.receiver()
    prefix, _, token = first.path.rpartition("/")
    assert prefix == kind.default_prefix
    assert len(token) >= 43  # secrets.token_urlsafe(32): 256 bits
    assert first.path != second.path


@pytest.mark.parametrize("char", ["t", "u"])
def test_a_given_token_makes_the_path_and_a_short_one_is_refused(kind, char):
    token = char * 32
    assert kind.receiver(token=token, prefix=f"/hooks/{kind}/").path == f"/hooks/{kind}/{token}"
    for bad in (char * 31, char * 31 + "/", char * 31 + "é", 123):
        with pytest.raises(InvalidArgument):
            kind.receiver(token=bad)


@pytest.mark.parametrize("method", ["POST", "GET", "PUT", "DELETE"])
def test_every_other_path_is_the_same_404_whatever_the_method(kind, method):
    with receiving(kind) as (receiver, collector, client):
        token = receiver.path.rpartition("/")[2]
        prefix = kind.default_prefix
        wrong = [receiver.path[:-1] + ("A" if receiver.path[-1] != "A" else "B"), receiver.path[:-1],
                 receiver.path + "x", prefix + "/", "/", "/other", prefix + "/" + token.upper(),
                 prefix + "/é" + token, kind.other_prefix + "/" + token]
        answers = {(a.status_code, a.content) for a in
                   (client.request(method, path, content=kind.body, headers=JSON) for path in wrong)}
        assert answers == {(404, b'{"error": "not found"}')}
        assert nothing_more_delivered(receiver, collector)


def test_the_path_is_compared_in_constant_time(kind, monkeypatch):
    compared, original = [], hmac.compare_digest

    def compare_digest(a, b):
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(webhooks.hmac, "compare_digest", compare_digest)
    guess = kind.default_prefix + "/guess"
    with receiving(kind) as (receiver, collector, client):
        assert client.post(guess, content=kind.body, headers=JSON).status_code == 404
        assert client.post(receiver.path, content=kind.body, headers=JSON).status_code == 202
    assert compared == [(guess.encode(), receiver.path.encode()), (receiver.path.encode(),) * 2]


def test_the_token_is_never_logged_nor_in_repr(kind, caplog):
    # The receiver's own log (httpx2, the client here, logs the URLs it requests).
    caplog.set_level(logging.DEBUG, logger="bridge.clients")

    def failing(event):
        raise RuntimeError("the CRM failed")

    receiver = kind.receiver(failing)
    token = receiver.path.rpartition("/")[2]
    with client_of(receiver) as client:
        client.post(receiver.path[:-1], content=kind.body, headers=JSON)  # the token with a typo
        client.post(receiver.path, content=kind.body, headers=JSON)
        client.post(receiver.path, content=kind.body, headers=JSON)  # a duplicate
        client.get(receiver.path)
        client.post(receiver.path, content=b"{", headers=JSON)
    receiver.close()
    ours = "\n".join(r.getMessage() + str(r.exc_info) for r in caplog.records if r.name.startswith("bridge.clients"))
    assert "the CRM failed" in ours and "refused: 404" in ours and "duplicate" in ours  # what was logged is there
    assert token[:-1] not in ours
    assert token not in repr(receiver)
    assert repr(receiver) == f"<{kind.receiver.__name__} at {kind.default_prefix}/<token>>"
