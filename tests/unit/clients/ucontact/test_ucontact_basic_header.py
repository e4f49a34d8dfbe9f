"""``Authorization: Basic <key>`` on every request after the login, the key as it came."""

from integra_seed import PHONE_USER


def test_every_request_after_the_login_carries_the_key_as_is(integra, make_client):
    with make_client(user=PHONE_USER) as uc:
        uc.request("any/request", {"param1": "x"})
        uc.request("agents/list", method="GET")
        key = next(iter(integra.sessions))
    login, *rest = integra.requests
    assert login.url.path.endswith("/auth/UserLogin") and "authorization" not in login.headers
    assert [request.url.path.rsplit("/", 1)[1] for request in rest] == ["request", "list", "EndSession"]
    # Already base64 ("user:uuid"): sent as it came, not encoded again.
    assert {request.headers["authorization"] for request in rest} == {f"Basic {key}"}
