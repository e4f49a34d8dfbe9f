"""The Flask example mounts XUC's event receiver under /hooks (DispatcherMiddleware): XUC's
events reach the CRM at ``/hooks`` + ``receiver.path``; every other path there is a 404."""

import time

from example_helpers import EVENTS_TOKEN

from bridge.clients.xuc.events import PhoneEvent, PhoneEventType

# The seed's export (seed 004, "Export events"): {username, message: {msgType, ctiMessage}}.
RINGING = {"username": "jbond", "message": {"msgType": "PhoneEvent", "ctiMessage": {
    "eventType": "EventRinging", "DN": "1000", "otherDN": "0800123456", "linkedId": "1.1", "uniqueId": "1.1",
    "userData": {}}}}


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_an_event_posted_to_the_receivers_path_reaches_the_crm(flask_app):
    receiver = flask_app.extensions["acme.xuc_receiver"]
    assert receiver.path.endswith("/" + EVENTS_TOKEN)  # the token from the settings (the environment)
    answer = flask_app.test_client().post("/hooks" + receiver.path, json=RINGING)
    assert answer.status_code == 202
    events = flask_app.extensions["acme.xuc_events"]
    wait_for(lambda: len(events) == 1)
    event = events[0]
    assert event.username == "jbond"
    assert isinstance(event.message, PhoneEvent) and event.message.eventType is PhoneEventType.RINGING


def test_the_fake_xuc_pushes_to_the_served_app(flask_app, xuc_fake):
    from example_helpers import served

    with served(flask_app) as origin:
        status = xuc_fake.push_event(origin + "/hooks" + flask_app.extensions["acme.xuc_receiver"].path,
                                     "jbond", "PhoneEvent", RINGING["message"]["ctiMessage"])
    assert status == 202
    wait_for(lambda: len(flask_app.extensions["acme.xuc_events"]) == 1)


def test_other_paths_under_the_mount_are_404_and_nothing_is_delivered(flask_app):
    client = flask_app.test_client()
    receiver = flask_app.extensions["acme.xuc_receiver"]
    for path in ("/hooks", "/hooks/xuc/events", "/hooks/xuc/events/" + "x" * 43, receiver.path):
        assert client.post(path, json=RINGING).status_code == 404, path
    time.sleep(0.2)
    assert len(flask_app.extensions["acme.xuc_events"]) == 0
