"""Users: create, read (by id and by external_id), update with field errors, delete."""

import pytest

from fake_helpers import API


def user(api, ref):
    return api.get(f"{API}/user/{ref}").json()


def test_a_created_user_gets_a_new_id_and_is_listed_and_readable(api):
    created = api.post(API + "/user", json={"username": "test", "group_id": 1}).json()
    assert created == {"success": True, "data": 123}  # the seed's example id
    second = api.post(API + "/user", json={"username": "test2", "group_id": 1, "firstname": "Ann",
                                            "lastname": "Lee", "external_id": "E-2"}).json()["data"]
    assert second == 124
    detail = user(api, second)["data"]
    assert detail["username"] == "test2" and detail["displayname"] == "Ann Lee" and detail["external_id"] == "E-2"
    assert detail["active"] is True and detail["locale"] == "en_US"  # defaults
    assert user(api, "external/E-2")["data"] == detail
    assert {"id": 123, "name": "test", "external_id": None} in api.get(API + "/users").json()["data"]


def test_the_displayname_follows_the_names(api):
    api.patch(API + "/user/43", json={"firstname": "Jana"})
    assert user(api, 43)["data"]["displayname"] == "Jana Bezfrontovej"
    api.patch(API + "/user/43", json={"firstname": None, "lastname": None})
    assert user(api, 43)["data"]["displayname"] == "pokus"  # no names: the username
    api.patch(API + "/user/1", json={"active": True})
    assert user(api, 1)["data"]["displayname"] == "admin"  # the seed's, kept while the names are not changed


def test_the_password_is_taken_but_never_answered(api):
    new = api.post(API + "/user", json={"username": "pw", "group_id": 1, "password": "1pokus+Hokus2"}).json()["data"]
    assert "password" not in user(api, new)["data"]
    assert "1pokus" not in api.get(API + "/users").text


def test_an_update_changes_only_the_given_attributes(api):
    before = user(api, 10)["data"]
    assert api.patch(API + "/user/10", json={"external_id": "T1000", "password": "x", "team_id": 1}).json() == \
        {"success": True, "data": None}
    after = user(api, "external/T1000")["data"]
    assert after == {**before, "external_id": "T1000", "team_id": 1}


def test_the_seeds_refused_update_changes_nothing(api, fake):
    before = user(api, "external/asdf")["data"]
    answer = api.patch(API + "/user/external/asdf", json={"external_id": "t123456", "number": "cislo",
                                                          "filter_id": "PSTN"}).json()
    assert answer == {"success": False, "data": {"number": 'contain invalid character (invalid character "c")',
                                                 "filter_id": "value must be integer number"}}
    assert user(api, 1)["data"] == before  # external_id, though valid, is not written
    assert user(api, "external/t123456")["error"] == "Unknown user external_id"


@pytest.mark.parametrize("changes, errors", [
    ({"number": "+420 123"}, {"number": 'contain invalid character (invalid character " ")'}),
    ({"clid_number": 5}, {"clid_number": "value must be string"}),
    ({"active": "yes"}, {"active": "value must be boolean"}),
    ({"locale": "de_DE"}, {"locale": "value must be one of cs_CZ, en_US, sk_SK"}),
    ({"data": []}, {"data": "value must be object"}),
    ({"group_id": 99}, {"group_id": "value must be an existing group id"}),
    ({"group_id": True}, {"group_id": "value must be integer number"}),
    ({"id": 5, "displayname": "x"}, {"id": "read-only attribute", "displayname": "read-only attribute"}),
    ({"nickname": "x"}, {"nickname": "unknown attribute"}),
    ({"username": "ADMIN"}, {"username": "value already exists"}),  # login names are case-insensitive
    ({"external_id": "2468"}, {"external_id": "value already exists"}),  # Bob's
])
def test_field_errors(api, changes, errors):
    before = user(api, 10)["data"]
    assert api.patch(API + "/user/10", json=changes).json() == {"success": False, "data": errors}
    assert user(api, 10)["data"] == before


def test_external_id_is_case_sensitive(api):
    assert user(api, "external/asdf")["data"]["id"] == 1
    assert user(api, "external/ASDF") == {"success": False, "data": None, "error": "Unknown user external_id"}
    # Another case is another external_id: taking it is not a clash.
    assert api.patch(API + "/user/10", json={"external_id": "ASDF"}).json()["success"] is True
    assert user(api, "external/ASDF")["data"]["id"] == 10


def test_create_needs_username_and_group_id(api):
    assert api.post(API + "/user", json={"firstname": "x"}).json() == {
        "success": False, "data": {"username": "value is required", "group_id": "value is required"}}
    assert api.post(API + "/user", json={"username": " ", "group_id": 1}).json()["data"] == {
        "username": "value must not be empty"}


def test_delete_by_id_and_by_external_id(api, fake):
    assert api.delete(API + "/user/external/2468").json() == {"success": True, "data": None}
    assert user(api, 11)["error"] == "Unknown user id"
    assert 11 not in fake.membership  # Bob no longer serves queues
    # "The reference will be canceled in the call history, but the records remain."
    assert api.get(API + "/call/1723018607.115").json()["data"]["dst_user_id"] is None
    assert api.delete(API + "/user/10").json()["success"] is True
    assert [u["id"] for u in api.get(API + "/users").json()["data"]] == [1, 43]
    assert api.delete(API + "/user/10").json() == {"success": False, "data": None, "error": "Unknown user id"}


def test_a_deleted_users_id_is_not_given_again(api):
    first = api.post(API + "/user", json={"username": "a", "group_id": 1}).json()["data"]
    api.delete(f"{API}/user/{first}")
    assert api.post(API + "/user", json={"username": "b", "group_id": 1}).json()["data"] == first + 1


@pytest.mark.parametrize("ref", ["999", "abc", "-1", "1.0"])
def test_unknown_user_ids(api, ref):
    for method in ("GET", "DELETE"):
        assert api.request(method, f"{API}/user/{ref}").json() == {"success": False, "data": None,
                                                                   "error": "Unknown user id"}
    assert api.patch(f"{API}/user/{ref}", json={"active": False}).json()["error"] == "Unknown user id"


@pytest.mark.parametrize("send, status, error", [
    ({"content": b"[1,", "headers": {"Content-Type": "application/json"}}, 200, "Payload is not valid: the body is not JSON"),
    ({"json": ["username"]}, 200, "Payload must be a JSON object"),
    ({"data": {"username": "x"}}, 415, "Content-Type must be application/json"),
])
def test_a_body_that_is_not_a_json_object(api, send, status, error):
    answer = api.post(API + "/user", **send)
    assert answer.status_code == status and answer.json() == {"success": False, "data": None, "error": error}
