import pytest

from bridge.errors import BridgeError
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


def test_anchors_bind_the_whole_pattern_not_its_first_and_last_alternative():
    r = rule(pattern=r"^https://a\.com|https://b\.com$")
    assert r.matches("https://a.com") and r.matches("https://b.com")
    assert not r.matches("https://a.com.evil.net") and not r.matches("https://xhttps://b.com")


@pytest.mark.parametrize("origin, fix", [
    ("https://a.com:443", "'https://a.com'"),
    ("http://a.com:80", "'http://a.com'"),
    ("http://[::1]:80", "'http://[::1]'"),
    ("https://a.com:0443", "'https://a.com'"),
    ("https://a.com:08443", "'https://a.com:8443'"),
])
def test_an_origin_written_with_its_default_port_is_refused_as_never_matching(origin, fix):
    with pytest.raises(BridgeError) as info:
        read_frame_rules([{"origin": "https://ok.com"}, {"origin": origin}])
    assert info.value.code == "INVALID_ARGUMENT"
    assert info.value.message.startswith(f"config.frames[1].origin {origin!r} can never match")
    assert info.value.message.endswith(f"write {fix}")


def test_other_ports_are_kept():
    assert rule(origin="https://a.com:80").matches("https://a.com:80")
    assert rule(origin="http://a.com:443").matches("http://a.com:443")


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
