"""One bridge session: the messages from the page in, the instructions for the page out.

The page's shim sends three kinds of message, in one ordered stream:

- ``{"t": "call", "id", "method", "args", "omitted"}``: the integrator called a method;
- ``{"t": "callback", "name", "args"}``: the component called one of ``bridge.callbacks``;
- ``{"t": "result", "id", "method", "value"}``: what ``ucsOperator.state()`` returned.

and receives, for each, a list of:

- ``{"t": "invoke", "id", "method", "args", "omitted"}``: call the component with these
  checked arguments (``omitted``: positions to pass as ``undefined``);
- ``{"t": "reject", "id", "code", "message"}``: settle that call with an error, without
  calling the component;
- ``{"t": "event", "name", "detail", "snapshot"}``: tell the page's listeners.

Everything here is plain data, so the same session runs in the browser (Pyodide, see
:mod:`bridge.wire`) and in unit tests on CPython.
"""

from __future__ import annotations

import re

from .errors import BridgeError
from .mirror import StateMirror
from .spec import ANY, get_method
from .validation import OMITTED, validate_arguments

CALLBACK_NAME = re.compile(r"on[A-Z][A-Za-z0-9_]{0,63}")
MAX_CALL_ID = 2**53 - 1  # the largest integer JavaScript counts exactly


class BridgeSession:
    """Validation, state gating and the state mirror for one page.

    :param config: ``{"stateGating": bool}``; with gating off (default on) calls are only
        validated, and the component alone decides whether its state allows them.
    """

    def __init__(self, config: dict | None = None):
        config = config or {}
        gating = config.get("stateGating", True)
        if not isinstance(gating, bool):
            raise BridgeError("INVALID_ARGUMENT", "config.stateGating must be true or false")
        self.state_gating = gating
        self.mirror = StateMirror()

    def handle(self, message) -> list[dict]:
        """Process one message from the page; return the messages for the page."""
        kind = message.get("t") if isinstance(message, dict) else None
        if kind == "call":
            return [self._call(message)]
        if kind == "callback":
            return self._callback(message)
        if kind == "result":
            return self._result(message)
        return [self._event("error", {"code": "PROTOCOL_ERROR", "message": f"unknown message kind {kind!r}"})]

    def _call(self, message: dict) -> dict:
        call_id = message.get("id")
        if isinstance(call_id, bool) or not isinstance(call_id, int) or not 0 <= call_id <= MAX_CALL_ID:
            return self._event("error", {"code": "PROTOCOL_ERROR", "message": "call without a valid id"})
        try:
            method = get_method(message.get("method"))
            args = _with_omissions(message.get("args"), message.get("omitted"))
            checked = validate_arguments(method, args)
            if self.state_gating and not method.allowed_in(self.mirror.state):
                raise BridgeError("INVALID_STATE", _state_message(method, self.mirror.state))
        except BridgeError as error:
            return {"t": "reject", "id": call_id, **error.to_wire()}
        return {
            "t": "invoke",
            "id": call_id,
            "method": method.name,
            "args": [None if a is OMITTED else a for a in checked],
            "omitted": [i for i, a in enumerate(checked) if a is OMITTED],
        }

    def _callback(self, message: dict) -> list[dict]:
        name, args = message.get("name"), message.get("args")
        if not isinstance(name, str) or not CALLBACK_NAME.fullmatch(name) or not isinstance(args, list):
            return [self._event("error", {"code": "PROTOCOL_ERROR", "message": "malformed callback message"})]
        changes = self.mirror.observe_callback(name, args)
        # The raw callback first, so a listener of "callback" sees it before derived events.
        return [self._event("callback", {"name": name, "args": args})] + [
            self._event(event, detail) for event, detail in changes
        ]

    def _result(self, message: dict) -> list[dict]:
        if message.get("method") != "state":
            return []
        return [self._event(event, detail) for event, detail in self.mirror.observe_state_object(message.get("value"))]

    def _event(self, name: str, detail: dict) -> dict:
        return {"t": "event", "name": name, "detail": detail, "snapshot": self.mirror.snapshot()}


def _with_omissions(args, omitted) -> list:
    if not isinstance(args, list):
        raise BridgeError("INVALID_ARGUMENT", "arguments must be a list")
    if omitted is None:
        omitted = []
    if not isinstance(omitted, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in omitted):
        raise BridgeError("INVALID_ARGUMENT", "malformed list of omitted arguments")
    skip = set(omitted)
    return [OMITTED if i in skip else a for i, a in enumerate(args)]


def _state_message(method, state: str) -> str:
    allowed = "any" if method.states == ANY else ", ".join(method.states)
    hint = ""
    if state == "LOADING":
        hint = " (no component callback seen yet: pass bridge.callbacks to the component)"
    return f"{method.name} is not allowed in component state {state}{hint}; allowed in: {allowed}"
