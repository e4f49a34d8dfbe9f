"""uContact's "CrossDomain Connection" messages, checked as data.

A uContact form inside an iframe talks to its parent with ``window.parent.postMessage``
(shared/seeds/001_..., "CrossDomain Connection"):

- ``{action: "DISPOSITION_CALL", disposition: {campaign, callerid, guid, l1, l2, l3, d1, d2,
  comment, schedule}}``: end the call with a disposition; the uContact console answers it with
  ``UC_DispositionCall(campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule,
  callback, errorCallback)``;
- ``{action: "CLOSE_TAB"}``: close the form's tab (``closeActiveTab()`` in the console).

Forms written for uContact must work unchanged, so the shapes are exactly these. The vendor
shows one example and no schema; the choices (which fields are required, lengths, the
schedule format) are below and pinned by ``tests/unit/frames/test_ucontact.py``.

One field is ours: the frame SDK adds ``agentBridgeId`` (:data:`REPLY_ID`) to the messages it
posts on the window (these two, and its hello), and the bridge echoes it in the answer, so
two dispositions under way at once are told apart and no other message can pass for the
answer. A uContact console ignores the field; a form that does not send it gets answers
without it.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..component.argtypes import JsonObject, Text
from ..errors import invalid_argument

DISPOSITION_CALL = "DISPOSITION_CALL"
CLOSE_TAB = "CLOSE_TAB"
ACTIONS = (DISPOSITION_CALL, CLOSE_TAB)

# The frame SDK's token for matching an answer to its message: short and plain, so it can be
# echoed as it came.
REPLY_ID_FIELD = "agentBridgeId"
REPLY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

# The order UC_DispositionCall takes them in.
DISPOSITION_FIELDS = ("campaign", "callerid", "guid", "l1", "l2", "l3", "d1", "d2", "comment", "schedule")

# campaign, callerid and guid name the call; l1 is the disposition itself. The rest may be
# missing or empty: the vendor's forms send "" for levels and data they do not use.
_REQUIRED = {"campaign", "callerid", "guid", "l1"}
_LIMITS = {"campaign": 255, "callerid": 64, "guid": 128, "l1": 255, "l2": 255, "l3": 255,
           "d1": 1000, "d2": 1000, "comment": 4000, "schedule": 19}
SCHEDULE_FORMAT = "%Y-%m-%d %H:%M:%S"
_SCHEDULE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_ENVELOPE = JsonObject(max_bytes=16_384, max_depth=3)


def is_message(data) -> bool:
    """Whether ``data`` is meant as a CrossDomain message (it names one of the actions), right
    or wrong; anything else is another library's and gets no answer."""
    return isinstance(data, dict) and data.get("action") in ACTIONS


def reply_id(data) -> str | None:
    """The ``agentBridgeId`` of a window message, when it has a well-formed one (to echo)."""
    value = data.get(REPLY_ID_FIELD) if isinstance(data, dict) else None
    return value if isinstance(value, str) and REPLY_ID.fullmatch(value) else None


def check_message(data) -> dict:
    """Check a CrossDomain message; return it normalised (every disposition field a string,
    ``agentBridgeId`` kept when the frame SDK sent one).

    :raises BridgeError: ``INVALID_ARGUMENT`` with what is wrong.
    """
    _ENVELOPE.check(data, "message")
    action = data.get("action")
    if action not in ACTIONS:
        raise invalid_argument(f"message: action must be one of {', '.join(ACTIONS)}")
    tag = {}
    if REPLY_ID_FIELD in data:
        if reply_id(data) is None:
            raise invalid_argument(f"{action}: {REPLY_ID_FIELD} must be 1 to 64 letters, digits, _ or -")
        tag = {REPLY_ID_FIELD: data[REPLY_ID_FIELD]}
    fields = set(data) - {REPLY_ID_FIELD}
    if action == CLOSE_TAB:
        if fields - {"action"}:
            raise invalid_argument("CLOSE_TAB: no other fields are allowed")
        return {"action": CLOSE_TAB, **tag}
    if fields - {"action", "disposition"}:
        raise invalid_argument("DISPOSITION_CALL: only action and disposition are allowed")
    disposition = data.get("disposition")
    if not isinstance(disposition, dict):
        raise invalid_argument("DISPOSITION_CALL: disposition must be an object")
    unknown = set(disposition) - set(DISPOSITION_FIELDS)
    if unknown:
        raise invalid_argument(f"DISPOSITION_CALL: unknown field {sorted(unknown)[0]!r}")
    checked = {}
    for name in DISPOSITION_FIELDS:
        value = disposition.get(name)
        if value is None:
            value = ""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "callerid":
            value = str(value)  # forms often keep caller IDs as numbers
        Text(max_length=_LIMITS[name]).check(value, f"DISPOSITION_CALL: disposition.{name}")
        if name in _REQUIRED and not value.strip():
            raise invalid_argument(f"DISPOSITION_CALL: disposition.{name} is required")
        checked[name] = value
    if checked["schedule"]:
        _check_schedule(checked["schedule"])
    return {"action": DISPOSITION_CALL, "disposition": checked, **tag}


def _check_schedule(value: str) -> None:
    if not _SCHEDULE.fullmatch(value):
        raise invalid_argument(f"DISPOSITION_CALL: disposition.schedule must be YYYY-MM-DD HH:MM:SS, got {value!r}")
    try:
        datetime.strptime(value, SCHEDULE_FORMAT)
    except ValueError:
        raise invalid_argument(f"DISPOSITION_CALL: disposition.schedule is not a real date and time: {value!r}") \
            from None


def account_code_arguments(disposition: dict) -> list:
    """The UCS component's ``setAccountCode`` arguments for a disposition.

    Where the page has no uContact console, a disposition becomes the call reason of the UCS
    call: ``guid`` is the call's ``uniqueid``, ``l1`` the account code, ``l2`` (or null) the
    sub-account code, and it overrides any earlier code (a form's disposition is final).
    ``l3``, ``d1``, ``d2``, ``comment`` and ``schedule`` have no place in setAccountCode; a page
    that needs them configures its own disposition handler.
    """
    return [disposition["guid"], disposition["l1"], disposition["l2"] or None, True]
