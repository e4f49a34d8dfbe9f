"""SSO tokens against vectors computed independently (openssl sha1 -binary | base64)."""

import base64

import pytest

from bridge.sso import (SsoTokenError, SsoTokenExpiredError, SsoTokenSignatureError, SsoTokenUserError, TokenContents,
                        make_token, read_token, verify_token)

# printf '%s%s%s' SECRET USER TS | openssl sha1 -binary; printf '%s%s' USER TS  | base64
VECTORS = [
    ("s3cret", "agent", 1700000000, "YP0ahqUYLma/E/2ZFwoB3+l4ajZhZ2VudDE3MDAwMDAwMDA="),
    ("s3cret", "jan.novák", 1700000000, "QsrB0MgLzooihIMUy323Dr5uJDZqYW4ubm92w6FrMTcwMDAwMDAwMA=="),
    ("preshared-ÿ", "agent.šťastný", 1732441200,
     "alXnJbOE17yBTQLeO8vqdMTVKsdhZ2VudC7FocWlYXN0bsO9MTczMjQ0MTIwMA=="),
    ("x", "a", 1000000000, "HagZYHweiOfiGULZ72Ki/BaA7/1hMTAwMDAwMDAwMA=="),
]


@pytest.mark.parametrize("secret, username, timestamp, token", VECTORS)
def test_known_vectors(secret, username, timestamp, token):
    assert make_token(secret, username, timestamp) == token
    assert read_token(token) == TokenContents(username, timestamp)
    assert verify_token(token, secret, username, now=timestamp + 10) == TokenContents(username, timestamp)


def test_default_timestamp_is_now():
    token = make_token("s", "agent")
    assert verify_token(token, "s", "agent").username == "agent"


def test_username_ending_in_digits_reads_with_the_username():
    token = make_token("s", "agent2", 1700000000)
    assert read_token(token, "agent2").timestamp == 1700000000
    assert read_token(token).username == "agent2"  # 10-digit seconds: unambiguous until 2286


def test_milliseconds_deployments():
    token = make_token("s", "agent", 1700000000123, units="milliseconds")
    assert read_token(token, units="milliseconds") == TokenContents("agent", 1700000000123)
    assert verify_token(token, "s", "agent", units="milliseconds", now=1700000001).timestamp == 1700000000123


@pytest.mark.parametrize("now, words", [(1700000000 + 301, "expired"), (1700000000 - 31, "in the future")])
def test_expiry_and_skew(now, words):
    token = make_token("s", "agent", 1700000000)
    with pytest.raises(SsoTokenExpiredError, match=words) as raised:
        verify_token(token, "s", "agent", max_age=300, max_skew=30, now=now)
    assert (raised.value.username, raised.value.timestamp) == ("agent", 1700000000)
    assert verify_token(token, "s", "agent", now=1700000000 + 299)


def test_wrong_secret_wrong_user_and_tampering():
    token = make_token("s", "agent", 1700000000)
    with pytest.raises(SsoTokenSignatureError, match="signature") as raised:
        verify_token(token, "other", "agent", now=1700000000)
    assert (raised.value.username, raised.value.timestamp) == ("agent", 1700000000)
    with pytest.raises(SsoTokenUserError, match="another user") as raised:
        verify_token(token, "s", "boss", now=1700000000)
    assert (raised.value.username, raised.value.timestamp) == ("agent", 1700000000)  # the token's own
    raw = bytearray(base64.b64decode(token))
    raw[-1:] = b"9"  # a later timestamp, same digest
    with pytest.raises(SsoTokenSignatureError, match="signature") as raised:
        verify_token(base64.b64encode(bytes(raw)).decode(), "s", "agent", now=1700000009)
    assert raised.value.timestamp == 1700000009  # what the altered token claims


def test_a_token_for_another_user_whose_tail_does_not_read_names_nobody():
    # Six digits: too short for the 10 a timestamp in seconds has, so the token's user is unknown.
    token = base64.b64encode(b"x" * 20 + b"123456").decode()
    with pytest.raises(SsoTokenUserError) as raised:
        read_token(token, "agent")
    assert (raised.value.username, raised.value.timestamp) == (None, None)


@pytest.mark.parametrize("call, words", [
    (lambda: make_token("s", ""), "username must not be empty"),
    (lambda: make_token(b"s", "agent"), "secret must be text"),
    (lambda: make_token("", "agent"), "secret must not be empty"),
    (lambda: make_token("s", "agent", -1), "non-negative integer"),
    (lambda: make_token("s", "agent", 1.5), "non-negative integer"),
    (lambda: make_token("s", "agent", units="hours"), "units must be one of"),
    (lambda: make_token("s", "a" * 256), "at most 255 bytes"),
    (lambda: read_token("not base64!"), "not base64"),
    (lambda: read_token(""), "non-empty"),
    (lambda: read_token(base64.b64encode(b"x" * 20).decode()), "too short"),
    (lambda: read_token(base64.b64encode(b"x" * 20 + b"agentnow").decode()), "username and a timestamp"),
])
def test_bad_input_is_a_clear_error(call, words):
    with pytest.raises(SsoTokenError, match=words) as raised:
        call()
    # Malformed input is the base class itself, which knows no username or timestamp.
    assert type(raised.value) is SsoTokenError
    assert (raised.value.username, raised.value.timestamp) == (None, None)
