"""Event subscriptions: create ({"subscriptions": [{callback, events, name}]} -> {sub_succ:
[{subid, name}], sub_fail}), update (callback, name, events, enable all required -> {name: id}),
delete (Result []), list (the example's Result is one object, enable "false" as a string)."""

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk_fixtures import SUBSCRIPTION_EXAMPLE

from udesk_fake_helpers import API, code, result

SUBS = API + "/subscriptions"
UPDATE = {"callback": "https://qa.udesk.cn/api/v2/middleware/", "name": "ymtest111", "events": ["acd_agent_state"],
          "enable": False}


def test_the_list_example():
    assert result(UdeskFake(), "GET", SUBS) == {"callback": "http://ip:port", "enable": "false",
                                                "events": ["acd_agent_state"], "name": "sub1"}


def test_the_create_example_and_a_list_of_two():
    fake = UdeskFake()
    assert result(fake, "POST", SUBS, SUBSCRIPTION_EXAMPLE) == {"sub_succ": [{"subid": 168, "name": "lymtest"}],
                                                                "sub_fail": None}
    listed = result(fake, "GET", SUBS)
    assert [s["name"] for s in listed] == ["sub1", "lymtest"] and listed[1]["enable"] == "true"


def test_a_taken_name_fails_alone():
    fake = UdeskFake()
    body = {"subscriptions": [{"callback": "http://a.test/x", "events": ["general_hangup"], "name": "sub1"},
                              {"callback": "http://a.test/y", "events": ["general_hangup"], "name": "new"}]}
    assert result(fake, "POST", SUBS, body) == {"sub_succ": [{"subid": 168, "name": "new"}], "sub_fail": ["sub1"]}


@pytest.mark.parametrize("body, expected", [
    ({}, "100001"), ({"subscriptions": "x"}, "200002"),
    ({"subscriptions": [{"callback": "http://a.test", "events": ["x"]}]}, "100001"),
    ({"subscriptions": [{"callback": "ftp://a.test", "events": ["x"], "name": "n"}]}, "000001"),
    ({"subscriptions": [{"callback": "http://a.test", "events": [], "name": "n"}]}, "100001"),
    ({"subscriptions": [{"callback": "http://a.test", "events": [1], "name": "n"}]}, "200002"),
])
def test_create_refusals(body, expected):
    fake = UdeskFake()
    assert code(fake, "POST", SUBS, body) == expected
    assert list(fake.subscriptions) == [164]


def test_the_update_example():
    fake = UdeskFake()
    assert result(fake, "PUT", SUBS + "/164", UPDATE) == {"ymtest111": 164}
    assert fake.subscriptions[164] == {"name": "ymtest111", "callback": UPDATE["callback"],
                                       "events": ["acd_agent_state"], "enable": False}


@pytest.mark.parametrize("missing", list(UPDATE))
def test_update_needs_all_four(missing):
    body = {k: v for k, v in UPDATE.items() if k != missing}
    assert code(UdeskFake(), "PUT", SUBS + "/164", body) == "100001"


def test_update_and_delete_unknown():
    assert code(UdeskFake(), "PUT", SUBS + "/73", UPDATE) == "200004"
    assert code(UdeskFake(), "DELETE", SUBS + "/73") == "200004"


def test_delete():
    fake = UdeskFake()
    assert result(fake, "DELETE", SUBS + "/164") == []
    assert fake.subscriptions == {} and result(fake, "GET", SUBS) == []
