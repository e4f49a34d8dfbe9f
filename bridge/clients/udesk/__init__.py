"""Udesk CCPaaS ccapi v2 client (seed 003): ``UdeskClient`` and ``AsyncUdeskClient`` on the core
(every attempt signed anew, the server's clock learned from ``Date`` and one corrected replay of a
refused timestamp, the three envelopes, the document's input formats checked before sending), the
records of :mod:`.models`, and the operations as data in :mod:`.operations`."""

from .api import RETURN_CODES, ScopedId
from .client import AsyncUdeskClient, UdeskClient
from .models import (Agent, AgentPage, CreatedAgent, Extension, ExtensionInfo, Queue, RelayNumbers, SignInResult,
                     Subscription, SubscriptionResult)

__all__ = ["AsyncUdeskClient", "UdeskClient", "RETURN_CODES", "ScopedId", "Agent", "AgentPage", "CreatedAgent",
           "Extension", "ExtensionInfo", "Queue", "RelayNumbers", "SignInResult", "Subscription",
           "SubscriptionResult"]
