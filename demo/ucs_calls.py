"""The demo's UCS server writes the call records of the simulator's calls, as the real UCS
server writes those of its own.

A real component's calls happen on the UCS server: it writes each call's record (CDR) and keeps
its metadata, and a CRM reads them through UCS REST. The simulator's calls happen in the page,
so the simulator's wiring (demo/crm.js, beside its SSO check) reports each call to this stand-in
when it ends: ``POST /ucs/calls`` with the component's Call object (seed 002, "Structure of
objects") as JSON, and the stand-in registers its record in the UCS REST fake
(``fake.add_call``, which takes a finished call's record, once). The CRM's side
(demo/crm_calls.py) only reads and writes through the UCS REST client, and knows a record may
appear a moment after the hang-up, as a real CDR does.
"""

from __future__ import annotations

import re
import time
from typing import Any

from bridge.sso.endpoint import cross_site_refusal
from bridge.testing.behaviour import ENUMS
from demo.wsgi import BadBody, answer_json, read_json_object

# "the UNIX timestamp of the start of the call and the dot-separated number of the call" (seed 000).
UNIQUEID = re.compile(r"[0-9]{1,12}\.[0-9]{1,9}")
CAUSES = ENUMS["hangupCause"]
# The demo's UCS records every answered call (a UCS recording rule). The simulator's Call object
# says `recorded: false` always: it plays no recording rule, so the rule is this server's.
RECORD_ANSWERED_CALLS = True
# The component's party types as UCS REST writes them in a CDR ("trunk", "phone").
CDR_TYPES = {"line": "phone", "trunk": "trunk"}
# A path step's type, as the seed's example path writes them (the seed has no table of them): the
# call came in on a trunk, was answered, was hung up.
STEP_TRUNK, STEP_ANSWERED, STEP_HANG_UP = 1, 10002, 10
MAX_TEXT = 128


def is_uniqueid(value: Any) -> bool:
    return isinstance(value, str) and UNIQUEID.fullmatch(value) is not None


def _text(call: dict, name: str) -> str | None:
    value = call.get(name)
    if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
        raise ValueError(f"{name} must be a string of at most {MAX_TEXT} characters or null")
    return value


def _int(call: dict, name: str, *, low: int, high: int, optional: bool = True) -> int | None:
    value = call.get(name)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high}" + (" or null" if optional else ""))
    return value


def _bool(call: dict, name: str) -> bool:
    value = call.get(name)
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false")
    return value


def _date(seconds: int | None) -> str | None:
    # As the seed's CDR writes them, to the second; in UTC, as the fake writes the ones it makes up.
    return None if seconds is None else time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))


def call_record_fields(call: Any) -> tuple[str, dict]:
    """The uniqueid and the CDR fields (seed 000, "Call Information") of an ended call's component
    Call object; ValueError saying what is wrong with it. The record's metadata is the call's
    ``data`` ("call metadata", seed 002)."""
    if not isinstance(call, dict):
        raise ValueError("send the component's Call object")
    uniqueid = call.get("uniqueid")
    if not is_uniqueid(uniqueid):
        raise ValueError("uniqueid must be digits.digits (e.g. 1723018607.115)")
    if call.get("direction") not in ("INCOMING", "OUTGOING"):
        raise ValueError("direction must be INCOMING or OUTGOING")
    far_future = int(time.time()) + 86_400
    created = _int(call, "created", low=0, high=far_future, optional=False)
    connected = _int(call, "connected", low=created, high=far_future)
    disconnected = _int(call, "disconnected", low=connected if connected is not None else created, high=far_future,
                        optional=False)
    cause = _int(call, "cause", low=min(CAUSES.values()), high=max(CAUSES.values()), optional=False)
    data = call.get("data")
    if data is not None and not isinstance(data, dict):
        raise ValueError("data must be an object or null")
    answered = connected is not None
    talk = disconnected - connected if answered else 0
    recording = _bool(call, "recorded") or (answered and RECORD_ANSWERED_CALLS)
    fields = {
        "price": 0,
        # The seed's example has duration == talk_time (524): the time spoken, 0 if never answered.
        "duration": talk,
        "src_number": _text(call, "caller_number"), "src_name": _text(call, "caller_name") or "",
        "dst_number": _text(call, "connected_number"), "dst_name": _text(call, "connected_name") or "",
        "src_internal": _bool(call, "caller_internal"), "dst_internal": _bool(call, "connected_internal"),
        "calldate": _date(created), "connected": _date(connected), "disconnected": _date(disconnected),
        "metadata": dict(data or {}),
        "src_user_id": _int(call, "caller_user_id", low=0, high=2**31), "dst_user_id": _int(
            call, "connected_user_id", low=0, high=2**31),
        "src_type": CDR_TYPES.get(_text(call, "caller_type")), "dst_type": CDR_TYPES.get(_text(call, "connected_type")),
        "src_group_id": _int(call, "caller_group_id", low=0, high=2**31),
        "dst_group_id": _int(call, "connected_group_id", low=0, high=2**31),
        # Every key the fake is not given is its seed example's (Bob's phone, the seed's trunk):
        # the Call object names lines, not extensions, and the simulator's trunk has no pilot number.
        "src_extension_id": None, "dst_extension_id": None, "pilot_number": None,
        "xfer_users": None, "trunk_id": None,
        "ring_time": (connected if answered else disconnected) - created,
        "talk_time": talk, "hold_time": 0, "cause": cause,
        "recording": recording, "recording_duration": talk if recording else 0,
    }
    fields["path"] = _path(fields)
    return uniqueid, fields


def _path(fields: dict) -> list[dict]:
    """The steps of the call the demo knows of. The fake's own path (when given none) is that of
    an answered trunk call, wrong for one never answered."""
    def step(date, kind, number, name):
        return {"date": date, "type": kind, "number": number, "name": name}

    steps = [step(fields["calldate"], STEP_TRUNK, fields["src_number"], "")] if fields["src_type"] == "trunk" else []
    if fields["connected"] is not None:
        steps.append(step(fields["connected"], STEP_ANSWERED, fields["dst_number"], fields["dst_name"]))
    return steps + [step(fields["disconnected"], STEP_HANG_UP, fields["src_number"], "")]


def make_calls_app(fake):
    """``POST /calls`` (under /ucs/): a call of the simulator ended; its record goes into ``fake``
    (the UCS REST fake) with ``fake.add_call(uniqueid, **fields)``. Only the demo's own page may
    report (same origin, JSON)."""

    def app(environ, start_response):
        if environ["REQUEST_METHOD"] != "POST":
            return answer_json(start_response, "405 Method Not Allowed", {"error": "use POST"}, [("Allow", "POST")])
        refusal = cross_site_refusal(environ)
        if refusal:
            return answer_json(start_response, "403 Forbidden", {"error": refusal})
        try:
            uniqueid, fields = call_record_fields(read_json_object(environ))
        except BadBody as error:
            return answer_json(start_response, error.status, {"error": str(error)})
        except ValueError as error:
            return answer_json(start_response, "400 Bad Request", {"error": str(error)})
        try:
            fake.add_call(uniqueid, **fields)
        except ValueError as error:
            if uniqueid not in fake.calls:
                raise  # the fake refused the fields: this module's bug, not the page's (a 500)
            return answer_json(start_response, "409 Conflict", {"error": str(error)})
        return answer_json(start_response, "200 OK", {"uniqueid": uniqueid})

    return app
