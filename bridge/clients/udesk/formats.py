"""The input checks of Udesk ccapi v2, with the formats its "Data Format Conventions" give; each
raises :class:`~bridge.clients.errors.InvalidArgument` naming the field, before anything is sent.

- Extension: ``[1-9]\\d{3}``, four digits, not starting with 0.
- QueueId: ``9\\d{3}``, four digits starting with 9. Some examples contradict it (queue
  membership lists ``"551"``, ``"114"``; the queue agents list reads ``/queues/agents_list/3``; a
  create answers ``"QueueId": "181154"``): the convention is the specification, the examples
  were typed by hand, so the convention is what is checked, everywhere a queue id is sent.
- AgentId: digits, at most 32. WorkId: ``\\w+`` (ASCII letters, digits, underscore: the document
  says "digits or characters"), at most 32.
- PSTN numbers (callback to IVR): a landline ``0{area code}{local number}``, an 11-digit mobile,
  or an international ``00{country}{area}{local}``. Lengths are not given: a landline is 0 and
  then 9 to 11 digits (the examples ``01067654637``, ``057126200671``), an international number
  00 and then 7 to 15 digits (E.164's longest is 15), a mobile 1 and 10 more digits.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..errors import InvalidArgument

EXTENSION = re.compile(r"[1-9][0-9]{3}")
QUEUE_ID = re.compile(r"9[0-9]{3}")
AGENT_ID = re.compile(r"[0-9]{1,32}")
WORK_ID = re.compile(r"[A-Za-z0-9_]{1,32}")
PSTN = re.compile(r"0[1-9][0-9]{8,10}|1[0-9]{10}|00[1-9][0-9]{6,14}")
SUBSCRIPTION_ID = re.compile(r"[0-9]{1,20}")


def _fail(field: str, what: str, value: Any) -> InvalidArgument:
    shown = value if isinstance(value, (str, int)) and not isinstance(value, bool) and len(str(value)) <= 40 else \
        type(value).__name__
    return InvalidArgument(f"Udesk: {field} must be {what}, got {shown!r}")


def _matching(value: Any, field: str, pattern: re.Pattern, what: str) -> str:
    # An int is taken where the id is digits (agent 9415): sent as its decimal string.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _fail(field, what, value)
    return value


def extension(value: Any, field: str = "extension") -> str:
    return _matching(value, field, EXTENSION, "four digits not starting with 0 ([1-9]\\d{3})")


def queue_id(value: Any, field: str = "queue_id") -> str:
    return _matching(value, field, QUEUE_ID, "four digits starting with 9 (9\\d{3})")


def agent_id(value: Any, field: str = "agent_id") -> str:
    return _matching(value, field, AGENT_ID, "digits, at most 32")


def work_id(value: Any, field: str = "work_id") -> str:
    return _matching(value, field, WORK_ID, "letters, digits or _, at most 32")


def pstn_number(value: Any, field: str) -> str:
    if not isinstance(value, str) or not PSTN.fullmatch(value):
        raise _fail(field, "a PSTN number: 0 and an area code (landline), 11 digits (mobile) or 00 and a "
                           "country code (international)", value)
    return value


def subscription_id(value: Any, field: str = "subscription_id") -> str:
    return _matching(value, field, SUBSCRIPTION_ID, "a subscription's number (digits)")


def each(values: Any, check, field: str) -> list[str]:
    """A non-empty list of values, each passing ``check`` (its field named with the index)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidArgument(f"Udesk: {field} must be a list, got {type(values).__name__}")
    items = list(values)
    if not items:
        raise InvalidArgument(f"Udesk: {field} must not be empty")
    return [check(item, f"{field}[{index}]") for index, item in enumerate(items)]


def text(value: Any, field: str, *, max_length: int = 255, optional: bool = False) -> str | None:
    """Free text (a name, a callback URL's name): a string, no control characters."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length or any(
            ord(c) < 32 or ord(c) == 127 for c in value):
        raise InvalidArgument(f"Udesk: {field} must be text of 1 to {max_length} characters without control characters")
    return value


def flag(value: Any, field: str, *, optional: bool = True) -> bool | None:
    if value is None and optional:
        return None
    if not isinstance(value, bool):
        raise InvalidArgument(f"Udesk: {field} must be True or False, got {type(value).__name__}")
    return value


def count(value: Any, field: str, *, low: int = 0, high: int = 86_400, optional: bool = True) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidArgument(f"Udesk: {field} must be an integer from {low} to {high}")
    return value
