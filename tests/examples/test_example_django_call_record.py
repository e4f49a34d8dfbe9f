"""The Django example's call-record API: the CRM's server reads UCS through the UCS REST client
(here a UcsFake on 127.0.0.1, at the URL the settings give), for its signed-in user only."""

import pytest
from example_helpers import django_client, django_sign_in

# The vendor document's example call, which the fake holds (duration 524).
SEED_CALL = "1723018607.115"


@pytest.fixture
def ucs_settings(django_project, ucs_fake_server):
    from django.test import override_settings

    with override_settings(UCS_URL=ucs_fake_server.url, UCS_CLIENT_ID=ucs_fake_server.client_id,
                           UCS_CLIENT_SECRET=ucs_fake_server.client_secret):
        yield ucs_fake_server
    from acme_crm.views import close_ucs_clients

    close_ucs_clients()


def test_a_call_record_is_read_from_ucs(ucs_settings):
    client = django_client()
    django_sign_in(client)
    answer = client.get(f"/crm/api/call-record/{SEED_CALL}")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["uniqueid"] == SEED_CALL and body["duration"] == 524
    assert "no-store" in answer["Cache-Control"]
    assert ucs_settings.login_count == 1


def test_an_unknown_call_is_404_and_ucs_failing_is_502(ucs_settings):
    client = django_client()
    django_sign_in(client)
    assert client.get("/crm/api/call-record/1700000000.1").status_code == 404
    ucs_settings.fail_next(403)  # refused, not retried (a 503 would be)
    failed = client.get(f"/crm/api/call-record/{SEED_CALL}")
    assert failed.status_code == 502
    assert ucs_settings.url not in failed.content.decode()  # UCS's URL is the server's business


def test_a_bad_uniqueid_is_refused_before_ucs_is_asked(ucs_settings):
    client = django_client()
    django_sign_in(client)
    assert client.get("/crm/api/call-record/not-a-call").status_code == 400
    assert ucs_settings.requests == []


def test_the_api_needs_the_crm_login(ucs_settings):
    assert django_client().get(f"/crm/api/call-record/{SEED_CALL}").status_code == 401
    assert ucs_settings.requests == []
