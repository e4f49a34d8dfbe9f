"""Arguments the UCS client cannot send are refused before anything is sent (not even the login):
InvalidArgument, and the handler saw no request. An id is always one path segment."""

import datetime

import pytest

from bridge.clients.errors import InvalidArgument
from ucs_helpers import BASE_URL, Seed, client, ok

REFUSED = {
    "create_user without username": lambda c: c.create_user({"group_id": 1}),
    "create_user without group_id": lambda c: c.create_user({"username": "test"}),
    "create_user with group_id None": lambda c: c.create_user({"username": "test", "group_id": None}),
    "create_person without group_id": lambda c: c.create_person({"displayname": "Martin Dvořák"}),
    "create_company without group_id": lambda c: c.create_company({"name": "Společnost a.s."}),
    "persons limit 0": lambda c: c.persons(0),
    "persons limit -1": lambda c: c.persons(-1),
    "persons limit True": lambda c: c.persons(True),
    "persons limit 2.5": lambda c: c.persons(2.5),
    "persons limit too big": lambda c: c.persons(10_001),
    "companies offset -1": lambda c: c.companies(50, -1),
    "companies offset '0'": lambda c: c.companies(50, "0"),
    "iter_persons page_size 0": lambda c: next(c.iter_persons(0)),
    "update_user with a list": lambda c: c.update_user(1, [("team_id", 1)]),
    "update_person with a string": lambda c: c.update_person(1, "firstname=Martin"),
    "create_company with None": lambda c: c.create_company(None),
    "update_metadata with a list": lambda c: c.update_metadata("1723018607.115", ["pokus"]),
    "update_metadata with a non-string key": lambda c: c.update_metadata("1723018607.115", {1: "x"}),
    "update_user with a value JSON cannot carry": lambda c: c.update_user(1, {"data": {"at": datetime.date.today()}}),
    "update_shared_data with a value JSON cannot carry": lambda c: c.update_shared_data("osl", {"x": object()}),
    "update_metadata with NaN": lambda c: c.update_metadata("1.1", {"x": float("nan")}),
    "membership agents as one mapping": lambda c: c.update_queue_membership({"id": 1, "queues": []}),
    "membership agents as a string": lambda c: c.update_queue_membership("1"),
    "membership item without id or external_id": lambda c: c.update_queue_membership([{"queues": []}]),
    "membership item without queues": lambda c: c.update_queue_membership([{"id": 1}]),
    "membership item with queues not a list": lambda c: c.update_queue_membership([{"id": 1, "queues": {"id": 82}}]),
    "membership queue without id": lambda c: c.update_queue_membership([{"id": 1, "queues": [{"priority": 5}]}]),
    "membership item not a mapping": lambda c: c.update_queue_membership([1]),
    "user id empty": lambda c: c.user(""),
    "user id ..": lambda c: c.user(".."),
    "user id .": lambda c: c.delete_user("."),
    "user id None": lambda c: c.user(None),
    "user id True": lambda c: c.user(True),
    "user id a float": lambda c: c.user(1.0),
    "external id with a newline": lambda c: c.user_by_external_id("a\nb"),
    "person external id ..": lambda c: c.person_by_external_id(".."),
    "company id empty": lambda c: c.delete_company(""),
    "call uniqueid ..": lambda c: c.call_record(".."),
    "shared identificator empty": lambda c: c.shared_data(""),
}


@pytest.mark.parametrize("ask", REFUSED.values(), ids=REFUSED.keys())
def test_refused_before_anything_is_sent(ask):
    seed = Seed({})
    with client(seed) as c, pytest.raises(InvalidArgument):
        ask(c)
    assert seed.requests == []


@pytest.mark.parametrize("value, raw", [("a/b", "a%2Fb"), ("../status", "..%2Fstatus"), ("x?y#z", "x%3Fy%23z"),
                                        ("T 1000", "T%201000"), ("%2F", "%252F")])
def test_an_id_is_quoted_as_one_segment(value, raw):
    seed = Seed({f"GET /user/external/{raw}": ok({"id": 1})})
    with client(seed) as c:
        assert c.user_by_external_id(value).id == 1
    (request,) = seed.api_requests
    assert request.url.raw_path.decode() == f"/api/v1.0/user/external/{raw}"
    assert str(request.url) == f"{BASE_URL}/api/v1.0/user/external/{raw}"
