"""A server that echoes the callback in its error (ErrDesc quoting what it was sent) does not put
the receiver's token in the exception: subscribe() masks it in the client before the call."""

import json

import httpx2
import pytest

from bridge.clients.errors import ValidationError
from bridge.clients.udesk import UdeskClient
from bridge.clients.udesk.events import SubscriptionReceiver

TOKEN = "T" * 40


def echoing(request: httpx2.Request) -> httpx2.Response:
    callback = json.loads(request.content)["subscriptions"][0]["callback"]
    return httpx2.Response(200, json={"ErrCode": "000001", "ErrDesc": f"bad callback {callback}", "Result": None})


def test_the_token_of_an_echoed_callback_is_masked():
    receiver = SubscriptionReceiver(token=TOKEN)
    client = UdeskClient("https://udesk.test", "sid-1", "auth-token-1", "app-1",
                         transport=httpx2.MockTransport(echoing))
    with pytest.raises(ValidationError) as refused:
        receiver.subscribe(client, "crm", "https://crm.example.com/hooks", ["acd_agent_state"])
    text = f"{refused.value} {refused.value.vendor_message!r} {refused.value!r}"
    assert "bad callback https://crm.example.com/hooks/udesk/events/" in text
    assert TOKEN not in text
