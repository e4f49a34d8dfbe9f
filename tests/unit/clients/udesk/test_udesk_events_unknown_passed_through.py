"""What the receiver does not know is passed on as it came, with no category: a name outside the
document's table (its own subscription example lists "begin" and "end"), a documented name
spelled otherwise, a body with no name or a name that is not a string."""

import json

import pytest

from udesk_events_helpers import JSON, receiving


@pytest.mark.parametrize("body, name", [
    ({"event": "begin", "session": {"id": 9}}, "begin"),  # the document's example subscribes to begin, end
    ({"EventType": "GENERAL_HANGUP"}, "GENERAL_HANGUP"),  # not as the document spells it
    ({"type": "inbound", "Event": "end"}, "inbound"),  # no documented name: the first string, in key order
    ({"agent_id": "355", "state": 1}, None),
    ({"event": {"name": "general_hangup"}, "event_type": 3}, None),
], ids=["undocumented", "spelled otherwise", "first string", "no name", "not strings"])
def test_an_unrecognised_event_is_passed_on_as_it_came(body, name):
    raw = json.dumps(body).encode()
    with receiving() as (receiver, collector, client):
        assert client.post(receiver.path, content=raw, headers=JSON).status_code == 202
        event = collector.next()
        assert (event.category, event.name) == (None, name)
        assert type(event.name) in (str, type(None))
        assert (event.data, event.body) == (body, raw)
