"""The Django example mounts Udesk's subscription receiver under /hooks (acme_django/wsgi.py wraps
Django's WSGI application): events reach the CRM at ``/hooks`` + ``receiver.path``; every other
path there is a 404, and Django's own routes are untouched."""

import time

from example_helpers import EVENTS_TOKEN, served
from werkzeug.test import Client

from bridge.clients.udesk.events import Category, EventName

# Udesk gives no schema; the receiver finds the name under `event` among other keys (README).
AGENT_STATE = {"event": "acd_agent_state", "event_id": "e-1", "agent_id": "355", "state": "idle"}


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_an_event_posted_to_the_receivers_path_reaches_the_crm(django_project):
    receiver, events = django_project.receiver, django_project.events
    events.clear()
    assert receiver.path.endswith("/" + EVENTS_TOKEN)  # the token from the settings (the environment)
    answer = Client(django_project.application).post("/hooks" + receiver.path, json=AGENT_STATE)
    assert answer.status_code == 202
    wait_for(lambda: len(events) == 1)
    assert events[0].name is EventName.ACD_AGENT_STATE and events[0].category is Category.AGENT_STATE


def test_the_fake_udesk_pushes_to_the_served_app(django_project, udesk_fake):
    django_project.events.clear()
    with served(django_project.application) as origin:
        status = udesk_fake.push_event(origin + "/hooks" + django_project.receiver.path,
                                       {**AGENT_STATE, "event_id": "e-2"})
    assert status == 202
    wait_for(lambda: len(django_project.events) == 1)


def test_other_paths_under_the_mount_are_404_and_nothing_is_delivered(django_project):
    django_project.events.clear()
    client = Client(django_project.application)
    for path in ("/hooks", "/hooks/udesk/events", "/hooks/udesk/events/" + "x" * 43, django_project.receiver.path):
        assert client.post(path, json={**AGENT_STATE, "event_id": path}).status_code == 404, path
    time.sleep(0.2)
    assert len(django_project.events) == 0
    assert client.get("/login/").status_code == 200  # Django still answers its own paths
