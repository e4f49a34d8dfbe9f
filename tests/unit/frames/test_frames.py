import pytest

from bridge.errors import BridgeError
from bridge.frames.ratelimit import RateLimiter
from bridge.frames.rules import read_frame_rules


def rule(**entry):
    (only,) = read_frame_rules([entry])
    return only


def test_default_is_no_frame():
    assert read_frame_rules(None) == ()


def test_exact_origin():
    r = rule(origin="https://forms.example.com:8443", allow=["dispositionCall", "dial"], events=True)
    assert r.matches("https://forms.example.com:8443")
    assert not r.matches("https://forms.example.com")
    assert not r.matches("https://forms.example.com:8443.evil.com")
    assert r.allow == {"dispositionCall", "dial"} and r.events


def test_pattern_is_anchored_and_never_admits_null():
    r = rule(pattern=r"^https://[a-z]+\.example\.com$", allow=["closeTab"])
    assert r.matches("https://crm.example.com")
    assert not r.matches("https://crm.example.com.evil.net")
    assert not r.matches("https://evil.net/?https://crm.example.com")
    assert rule(pattern="^.*$").matches("https://anything") and not rule(pattern="^.*$").matches("null")


def test_ipv6_and_port_range():
    assert rule(origin="http://[::1]:8080").matches("http://[::1]:8080")
    with pytest.raises(BridgeError):
        read_frame_rules([{"origin": "[::1]"}])
    with pytest.raises(BridgeError):
        read_frame_rules([{"origin": "http://x.com:70000"}])


def test_null_origin_needs_its_own_rule():
    assert rule(origin="null", allow=["closeTab"]).matches("null")


@pytest.mark.parametrize("entry, words", [
    ({"origin": "https://x.com/"}, "must be an origin"),
    ({"origin": "https://x.com/path"}, "must be an origin"),
    ({"origin": "*"}, "must be an origin"),
    ({"origin": "HTTPS://X.COM"}, "must be an origin"),
    ({"pattern": "https://x.com"}, "must be anchored"),
    ({"pattern": "^https://x.com"}, "must be anchored"),
    ({"pattern": "^(unclosed$"}, "not a valid regular expression"),
    ({"origin": "https://x.com", "pattern": "^x$"}, "exactly one of origin and pattern"),
    ({}, "exactly one of origin and pattern"),
    ({"origin": "https://x.com", "allow": ["rm -rf"]}, "unknown capability 'rm -rf'"),
    ({"origin": "https://x.com", "allow": "dial"}, "must be a list"),
    ({"origin": "https://x.com", "events": "yes"}, "events must be true or false"),
    ({"origin": "https://x.com", "capabilities": []}, "must be an object with origin"),
])
def test_bad_rules(entry, words):
    with pytest.raises(BridgeError) as info:
        read_frame_rules([entry])
    assert words in info.value.message


def test_rate_limit_refills():
    now = [0.0]
    limiter = RateLimiter(rate=10, burst=3, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # per origin
    now[0] += 0.1
    assert limiter.allow("a") and not limiter.allow("a")
