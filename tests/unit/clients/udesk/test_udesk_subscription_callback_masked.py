"""A subscription's callback is a receiver's URL, its path holding the receiver's token: the
client masks it (the URL, and each token-long segment) in what it says once it has sent it, and a
listed subscription's repr leaves it out."""

import json

import httpx2
import pytest

from bridge.clients.errors import ValidationError
from bridge.clients.udesk import Subscription, UdeskClient

TOKEN = "Zq3-receiver-capability-token-0123456789"
CALLBACK = f"https://crm.example.com/hooks/udesk/events/{TOKEN}"


def echoing(request: httpx2.Request) -> httpx2.Response:
    sent = json.loads(request.content)
    callback = sent["subscriptions"][0]["callback"] if "subscriptions" in sent else sent["callback"]
    # A server quoting the path it refuses, without the scheme and host.
    return httpx2.Response(200, json={"ErrCode": "000001", "ErrDesc": f"bad path {callback.split('.com')[1]}",
                                      "Result": None})


@pytest.mark.parametrize("operation", ["create", "update"])
def test_an_echoed_callback_path_is_masked(operation):
    udesk = UdeskClient("https://udesk.test", "sid-1", "token-1", "app-1", transport=httpx2.MockTransport(echoing))
    with pytest.raises(ValidationError) as refused:
        if operation == "create":
            udesk.create_subscription("crm", CALLBACK, ["acd_agent_state"])
        else:
            udesk.update_subscription(164, name="crm", callback=CALLBACK, events=["acd_agent_state"], enable=True)
    text = f"{refused.value} {refused.value.vendor_message} {refused.value!r}"
    assert "bad path /hooks/udesk/events/***" in text and TOKEN not in text


def test_a_listed_subscription_s_repr_leaves_the_callback_out():
    subscription = Subscription.from_api({"callback": CALLBACK, "enable": "true", "events": ["x"], "name": "crm"})
    assert subscription.callback == CALLBACK and TOKEN not in repr(subscription)
