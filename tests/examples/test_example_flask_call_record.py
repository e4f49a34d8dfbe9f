"""The Flask example's call-record API: the CRM's server reads UCS through the UCS REST client
(here a UcsFake on 127.0.0.1, at the URL the settings give), for its signed-in user only."""

from example_helpers import flask_sign_in

# The vendor document's example call, which the fake holds (duration 524).
SEED_CALL = "1723018607.115"


def test_a_call_record_is_read_from_ucs(make_flask_app, ucs_fake_server):
    app = make_flask_app(UCS_URL=ucs_fake_server.url, UCS_CLIENT_ID=ucs_fake_server.client_id,
                         UCS_CLIENT_SECRET=ucs_fake_server.client_secret)
    client = app.test_client()
    flask_sign_in(client)
    answer = client.get(f"/crm/api/call-record/{SEED_CALL}")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["uniqueid"] == SEED_CALL and body["duration"] == 524
    assert answer.headers["Cache-Control"] == "no-store"
    assert ucs_fake_server.login_count == 1


def test_an_unknown_call_is_404_and_ucs_failing_is_502(make_flask_app, ucs_fake_server):
    app = make_flask_app(UCS_URL=ucs_fake_server.url, UCS_CLIENT_ID=ucs_fake_server.client_id,
                         UCS_CLIENT_SECRET=ucs_fake_server.client_secret)
    client = app.test_client()
    flask_sign_in(client)
    assert client.get("/crm/api/call-record/1700000000.1").status_code == 404
    ucs_fake_server.fail_next(403)  # refused, not retried (a 503 would be)
    failed = client.get(f"/crm/api/call-record/{SEED_CALL}")
    assert failed.status_code == 502
    assert ucs_fake_server.url not in failed.get_data(as_text=True)  # UCS's URL is the server's business


def test_a_bad_uniqueid_is_refused_before_ucs_is_asked(make_flask_app, ucs_fake_server):
    app = make_flask_app(UCS_URL=ucs_fake_server.url, UCS_CLIENT_ID=ucs_fake_server.client_id,
                         UCS_CLIENT_SECRET=ucs_fake_server.client_secret)
    client = app.test_client()
    flask_sign_in(client)
    assert client.get("/crm/api/call-record/not-a-call").status_code == 400
    assert ucs_fake_server.requests == []


def test_the_api_needs_the_crm_login(make_flask_app, ucs_fake_server):
    app = make_flask_app(UCS_URL=ucs_fake_server.url)
    assert app.test_client().get(f"/crm/api/call-record/{SEED_CALL}").status_code == 401
    assert ucs_fake_server.requests == []
