"""The timestamp is "valid within 10 minutes"; the text says milliseconds ("the number of
milliseconds since 1970-01-01"), the examples show seconds (``1566523582``): the fake takes both,
told apart by magnitude, and refuses one more than 600 s early or late with 200020 (or 000035
with ``stale_code``)."""

import pytest

from bridge.testing.fakes import UdeskFake

from udesk_fake_helpers import API, Clock, code

PATH = API + "/queues"


@pytest.mark.parametrize("unit", ["ms", "s"])
def test_both_units_are_taken(unit):
    clock = Clock()
    assert code(UdeskFake(clock=clock), "GET", PATH, at=clock.now, unit=unit) == "000000"


@pytest.mark.parametrize("unit", ["ms", "s"])
@pytest.mark.parametrize("offset, expected", [(-599, "000000"), (599, "000000"), (-601, "200020"), (601, "200020")])
def test_the_ten_minute_window_both_ways(unit, offset, expected):
    clock = Clock()
    assert code(UdeskFake(clock=clock), "GET", PATH, at=clock.now + offset, unit=unit) == expected


def test_the_stale_code_can_be_request_timeout():
    clock = Clock()
    fake = UdeskFake(clock=clock, stale_code="000035")
    assert code(fake, "GET", PATH, at=clock.now - 700) == "000035"
    assert code(fake, "GET", PATH, at=clock.now - 700, token="wrong") == "200020"  # the signature first


def test_bad_stale_code():
    with pytest.raises(ValueError):
        UdeskFake(stale_code="000001")
