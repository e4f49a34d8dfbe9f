"""The fault knobs, on both fakes: fail the next requests then succeed, Retry-After, slow
answers, scoped by path; UCS validation refusals; uContact 0 for a login or an end-session."""

import time

import pytest

from bridge.testing.fakes import UContactFake, UcsFake

from fake_helpers import API, UCONTACT_URL, client_for, credentials, log_in, ucontact_login

STATUS = API + "/status"


class Sleeps(list):
    """A sleep that records the delays instead of waiting."""

    def __call__(self, seconds):
        self.append(seconds)


@pytest.mark.parametrize("status", [401, 403, 499, 500, 502, 503, 599])  # 499, 599: unnamed statuses
def test_fail_next_answers_the_status_then_succeeds(fake, api, status):
    fake.fail_next(status, times=2)
    answers = [api.get(STATUS) for _ in range(3)]
    assert [a.status_code for a in answers] == [status, status, 200]
    if status == 401:
        assert answers[0].json()["error"] == "invalid_token"  # OAuth-shaped, as a real 401
    else:
        assert answers[0].json()["success"] is False
    assert [r.authorized for r in fake.requests[-3:]] == [True, True, True]  # the token was good all along


def test_429_with_retry_after(fake, api):
    fake.fail_next(429, retry_after=2)
    answer = api.get(STATUS)
    assert answer.status_code == 429 and answer.headers["retry-after"] == "2"
    assert api.get(STATUS).status_code == 200
    fake.fail_next(429)
    assert "retry-after" not in api.get(STATUS).headers


def test_a_fault_scoped_to_a_path_spares_the_others(fake, api):
    fake.fail_next(503, path="/api/v1.0/crm")
    assert api.get(STATUS).status_code == 200
    assert api.get(API + "/crmx").status_code == 404  # whole segments: /crm does not cover /crmx
    assert api.get(API + "/crm/persons").status_code == 503
    assert api.get(API + "/crm/persons").status_code == 200


def test_faults_are_used_in_the_order_they_were_armed(fake, api):
    fake.fail_next(503)
    fake.fail_next(429, retry_after=1)
    assert [api.get(STATUS).status_code for _ in range(3)] == [503, 429, 200]


def test_a_faulted_login_counts_as_a_login(fake):
    client = client_for(fake)
    fake.fail_next(503, path="/login")
    answer = client.post("/login/oauth2/token", json=credentials(fake))
    assert answer.status_code == 503 and answer.json()["error"] == "temporarily_unavailable"
    fake.fail_next(401, path="/login")
    assert client.post("/login/oauth2/token", json=credentials(fake)).json()["error"] == "invalid_client"
    log_in(client, fake)
    assert fake.login_count == 3


def test_slow_delays_the_matching_requests():
    sleeps = Sleeps()
    fake = UcsFake(sleep=sleeps)
    api = client_for(fake)
    log_in(api, fake)
    fake.slow(0.25, times=2, path="/api/v1.0/status")
    for _ in range(3):
        api.get(STATUS)
    api.get(API + "/groups")
    assert sleeps == [0.25, 0.25]
    fake.slow(1.5)  # every request, until cleared
    api.get(API + "/groups")
    api.get(STATUS)
    fake.clear_faults()
    api.get(STATUS)
    assert sleeps == [0.25, 0.25, 1.5, 1.5]


def test_slow_really_waits():
    fake = UcsFake()
    client = client_for(fake)
    log_in(client, fake)
    fake.slow(0.2, times=1)
    start = time.perf_counter()
    client.get(STATUS)
    assert time.perf_counter() - start >= 0.2


def test_clear_faults_disarms_every_knob(fake, api):
    fake.fail_next(503, times=5)
    fake.fail_validation({"x": "y"})
    fake.clear_faults()
    assert api.get(STATUS).status_code == 200
    assert api.patch(API + "/user/10", json={"active": False}).json()["success"] is True


def test_fail_validation_refuses_the_next_write_and_changes_nothing(fake, api):
    fake.fail_validation({"external_id": "value already exists"}, path="/api/v1.0/crm/person")
    assert api.get(API + "/crm/person/59233").json()["success"] is True  # reads do not use it
    before = fake.persons[59233].copy()
    assert api.patch(API + "/crm/person/59233", json={"note": "x"}).json() == {
        "success": False, "data": {"external_id": "value already exists"}}
    assert fake.persons[59233] == before
    assert api.patch(API + "/crm/person/59233", json={"note": "x"}).json()["success"] is True


def test_fail_validation_applies_to_creates(fake, api):
    fake.fail_validation({"username": "value already exists"}, times=2)
    for _ in range(2):
        assert api.post(API + "/user", json={"username": "new", "group_id": 1}).json()["success"] is False
    assert api.post(API + "/user", json={"username": "new", "group_id": 1}).json() == {"success": True, "data": 123}


@pytest.mark.parametrize("call", [
    lambda f: f.fail_next(200), lambda f: f.fail_next(600), lambda f: f.fail_next(503, times=0),
    lambda f: f.fail_next(503, times=None), lambda f: f.fail_next(429, retry_after=-1),
    lambda f: f.fail_next(429, retry_after=1.5), lambda f: f.fail_next(503, path="api"),
    lambda f: f.slow(-1), lambda f: f.slow("1"),
    lambda f: f.fail_validation({}), lambda f: f.fail_validation({"a": 1}),
])
def test_bad_knob_arguments_are_refused(fake, call):
    with pytest.raises(ValueError):
        call(fake)


def test_the_knobs_on_the_ucontact_fake():
    fake = UContactFake()
    client = client_for(fake, UCONTACT_URL)
    fake.fail_next(503, path="/Integra/resources/auth/UserLogin")
    assert ucontact_login(client).status_code == 503
    key = ucontact_login(client).json()[1]["md5secret"]
    fake.fail_next(429, retry_after=3)
    answer = client.get("/Integra/resources/x", headers={"Authorization": f"Basic {key}"})
    assert answer.status_code == 429 and answer.headers["retry-after"] == "3"
    fake.fail_next(401)
    assert client.get("/Integra/resources/x", headers={"Authorization": f"Basic {key}"}).status_code == 401
    assert client.get("/Integra/resources/x", headers={"Authorization": f"Basic {key}"}).status_code == 200


def test_ucontact_fail_login_answers_0_once():
    fake = UContactFake()
    client = client_for(fake, UCONTACT_URL)
    fake.fail_login()
    assert ucontact_login(client).text == "0" and fake.open_sessions == {}
    assert ucontact_login(client).json()[1]["md5secret"] in fake.open_sessions


def test_ucontact_fail_end_session_answers_0_and_leaves_it_open():
    fake = UContactFake()
    client = client_for(fake, UCONTACT_URL)
    key = ucontact_login(client, "Admin").json()[2]
    fake.fail_end_session()
    end = {"data": {"user": "Admin", "token": key}, "headers": {"Authorization": f"Basic {key}"}}
    assert client.post("/Integra/resources/auth/EndSession", **end).text == "0"
    assert fake.open_sessions == {key: "Admin"}
    assert client.post("/Integra/resources/auth/EndSession", **end).text == "1"


def test_a_bug_in_a_fake_answers_500_with_its_traceback(fake, api, capsys):
    fake.calls["1723018607.115"]["metadata"] = None  # breaks the metadata update
    answer = api.post(API + "/metadata/1723018607.115", json={"a": 1})
    assert answer.status_code == 500 and answer.json() == {"success": False, "data": None,
                                                           "error": "Internal Server Error"}
    assert "Traceback" in capsys.readouterr().err
