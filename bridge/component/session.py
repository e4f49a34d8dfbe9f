"""One bridge session: the messages from the page in, the instructions for the page out.

The page's shim sends five kinds of message, in one ordered stream:

- ``{"t": "call", "id", "method", "args", "omitted"}``: the integrator called a method;
- ``{"t": "callback", "name", "args"}``: the component called one of ``bridge.callbacks``;
- ``{"t": "result", "report", "callbacks", "value"}``: what the component answered,
  successfully, to an invoke (from the page or a frame) that carried ``report``; ``callbacks``:
  how many callback messages the shim had sent when it called the component;
- ``{"t": "frame", "rule", "source", "origin", "data"}``: a message from an iframe whose origin
  matched ``config.frames[rule]`` and whose window is a frame of the page (the shim checked
  both; ``source`` is the shim's number for that window). On the window (no ``via``) only
  uContact's actions and the frame SDK's hello (``{"agentBridge": "hello", "version",
  "agentBridgeId"}``, with ``offer``: the shim's number for the port it carried) are answered;
  anything else is another library's and is dropped. ``"via": "port"``: a message on a
  frame SDK channel (``source`` then numbers the channel): ``{"t": "call", "id", "method",
  "args", "omitted"}`` or ``{"t": "subscribe"}``, answered on that channel with ``{"t":
  "result", "id", "ok", "value" | "error"}``. The shim has applied
  ``config.frameRate`` to both before they get here;
- ``{"t": "sync"}``: a barrier the shim sends once it has handed over its queue, to resolve
  ``bridge.ready`` only when the queued callbacks are in ``bridge.snapshot``;

and receives, for each, a list of:

- ``{"t": "invoke", "id", "method", "args", "omitted", "report"?}``: call the component with
  these checked arguments (``omitted``: positions to pass as ``undefined``); with ``report``
  (a ticket of the mirror's), send its successful answer back as a ``result`` before settling
  the caller, so the mirror has moved before the caller's next call is checked;
- ``{"t": "reject", "id", "code", "message"}``: settle that call with an error, without
  calling the component;
- ``{"t": "event", "name", "detail", "snapshot"}``: tell the page's listeners;
- ``{"t": "frame-reply", "source", "origin", "message"}``: post ``message`` back to that frame:
  ``{"action": "<ACTION>_RESULT", "ok": false, "error"}`` for a uContact action,
  ``{"agentBridge": "refused", "error"}`` for a hello, each with the message's
  ``agentBridgeId`` when it had one;
- ``{"t": "frame-action", "source", "origin", "action", ...}``: carry out a uContact action for
  that frame (see :meth:`BridgeSession._ucontact`), then answer it;
- ``{"t": "frame-welcome", "source", "offer", "capabilities", "events"}``: bind that hello's
  port as the frame's channel; ``{"t": "frame-invoke" | "frame-subscribe" | "frame-port",
  "source", ...}``: a call to make, a subscription, or a message to post on a channel;
- ``{"t": "synced"}``: the answer to ``sync``.

Everything here is plain data, so the same session runs in the browser (Pyodide, see
:mod:`bridge.component.wire`) and in unit tests on CPython.
"""

from __future__ import annotations

import re

from ..frames import ucontact
from ..errors import BridgeError
from ..frames.rules import FRAME_ACTIONS, read_frame_rules
from .mirror import StateMirror
from .options import PAGE_OPTIONS_BY_NAME
from .spec import ANY, get_method
from .validation import OMITTED, validate_arguments

# Version of the frame SDK's handshake and channel messages. 2: the hello carries an
# agentBridgeId that its refusal echoes, and a bye says why.
FRAME_PROTOCOL = 2
SDK_MARKER = "agentBridge"  # the key that makes a window message the frame SDK's
CALLBACK_NAME = re.compile(r"on[A-Z][A-Za-z0-9_]{0,63}")
MAX_CALL_ID = 2**53 - 1  # the largest integer JavaScript counts exactly


class BridgeSession:
    """Validation, state gating and the state mirror for one page.

    :param config: ``{"stateGating": bool}``; with gating off (default on) calls are only
        validated, and the component alone decides whether its state allows them.
    """

    def __init__(self, config: dict | None = None):
        config = config or {}
        # The shim checked these already (web/shared/check-options.js); checking them again here,
        # from the same declarations, keeps the session safe to build from any caller.
        self.state_gating = _option(config, "stateGating")
        self.frame_rules = read_frame_rules(config.get("frames"))
        # Checked with the rest of the config; the page applies it (web/page/rate-limit.js).
        _option(config, "frameRate")
        # Likewise; the runtime's fetch applies it (web/runtime.mjs): a bad list fails the boot.
        _option(config, "apiOrigins")
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
        if kind == "frame":
            return self._frame(message)
        if kind == "sync":
            # A barrier: answered after everything sent before it, so the page knows those
            # messages' events (and their snapshots) have all reached it.
            return [{"t": "synced"}]
        return [self._event("error", {"code": "PROTOCOL_ERROR", "message": f"unknown message kind {kind!r}"})]

    def _call(self, message: dict) -> dict:
        call_id = message.get("id")
        if not _is_id(call_id):
            return self._event("error", {"code": "PROTOCOL_ERROR", "message": "call without a valid id"})
        try:
            args = _with_omissions(message.get("args"), message.get("omitted"))
            invoke = self._checked_invoke(message.get("method"), args)
        except BridgeError as error:
            return {"t": "reject", "id": call_id, **error.to_wire()}
        return {"t": "invoke", "id": call_id, **invoke}

    def _checked_invoke(self, name, args: list) -> dict:
        """``{"method", "args", "omitted"}`` for the component, after validation and gating."""
        method = get_method(name)
        checked = validate_arguments(method, args)
        if self.state_gating and not method.allowed_in(self.mirror.state):
            raise BridgeError("INVALID_STATE", _state_message(method, self.mirror.state))
        invoke = {
            "method": method.name,
            "args": [None if a is OMITTED else a for a in checked],
            "omitted": [i for i, a in enumerate(checked) if a is OMITTED],
        }
        ticket = self.mirror.await_result(method)
        if ticket is not None:
            invoke["report"] = ticket
        return invoke

    def _frame(self, message: dict) -> list[dict]:
        index, source, origin = message.get("rule"), message.get("source"), message.get("origin")
        via = message.get("via", "window")
        if not (_is_id(index) and index < len(self.frame_rules) and _is_id(source) and isinstance(origin, str)
                and via in ("window", "port")):
            return [self._event("error", {"code": "PROTOCOL_ERROR", "message": "malformed frame message"})]
        rule = self.frame_rules[index]
        if not rule.matches(origin):
            return []  # the shim's first check disagrees with ours: drop, as for any unknown origin
        data = message.get("data")
        if via == "port":
            return [self._frame_port(source, origin, rule, data)]
        sdk = isinstance(data, dict) and SDK_MARKER in data
        if not (sdk or ucontact.is_message(data)):
            # Another library's message (Penpal, a widget's own): whatever we answered would
            # reach everyone listening in that frame and could be taken for their reply.
            return []
        try:
            if sdk:
                return [self._frame_hello(source, rule, data, message.get("offer"))]
            return [{**self._ucontact(source, rule, ucontact.check_message(data)), "origin": origin}]
        except BridgeError as error:
            return [_window_refusal(source, origin, data, error)]

    def _frame_hello(self, source: int, rule, data: dict, offer) -> dict:
        """The frame SDK's handshake: the shim binds the port the frame sent and welcomes it.

        A refusal names the hello's ``agentBridgeId``, so the SDK takes no other message for it.
        """
        if data[SDK_MARKER] != "hello":
            raise BridgeError("INVALID_ARGUMENT", "the frame SDK sends only its hello on the window")
        # A frame SDK from another release gets told plainly which protocol this bridge speaks.
        if data.get("version") != FRAME_PROTOCOL or set(data) - {SDK_MARKER, "version", ucontact.REPLY_ID_FIELD}:
            raise BridgeError("INVALID_ARGUMENT", f"unsupported frame protocol; this bridge speaks version {FRAME_PROTOCOL}")
        if ucontact.reply_id(data) is None:
            raise BridgeError("INVALID_ARGUMENT", f"a hello must carry an {ucontact.REPLY_ID_FIELD} (the frame SDK sends one)")
        if not _is_id(offer):
            raise BridgeError("INVALID_ARGUMENT", "a hello must carry a MessagePort (the frame SDK sends one)")
        return {"t": "frame-welcome", "source": source, "offer": offer, "capabilities": sorted(rule.allow),
                "events": rule.events}

    def _frame_port(self, source: int, origin: str, rule, data) -> dict:
        """A frame SDK message on its private channel: a call or a subscription."""
        kind = data.get("t") if isinstance(data, dict) else None
        call_id = data.get("id") if kind == "call" else None
        if kind == "call" and not _is_id(call_id):
            kind = None
        try:
            if kind == "subscribe":
                if not rule.events:
                    raise BridgeError("FORBIDDEN", "this frame's origin may not receive events")
                return {"t": "frame-subscribe", "source": source}
            if kind != "call":
                raise BridgeError("INVALID_ARGUMENT", "not a message the bridge understands")
            name = data.get("method")
            if not isinstance(name, str) or name not in rule.allow or name in FRAME_ACTIONS:
                raise BridgeError("FORBIDDEN", f"this frame's origin is not allowed to call {name!r}"
                                  if isinstance(name, str) else "a call needs a method name")
            args = _with_omissions(data.get("args"), data.get("omitted"))
            return {"t": "frame-invoke", "source": source, "id": call_id, **self._checked_invoke(name, args)}
        except BridgeError as error:
            return {"t": "frame-port", "source": source,
                    "message": {"t": "result", "id": call_id, "ok": False, "error": error.to_wire()}}

    def _ucontact(self, source: int, rule, message: dict) -> dict:
        """A checked uContact action, as an instruction for the shim.

        The shim carries out DISPOSITION_CALL with the host page's ``UC_DispositionCall`` (a
        uContact console), else with ``config.ucontact.onDisposition``, else with the
        ``fallback``: the component's ``setAccountCode`` (or why it cannot be called now).
        CLOSE_TAB: the host's ``closeActiveTab()``, else ``config.ucontact.onCloseTab``.
        """
        action = message["action"]
        capability = "dispositionCall" if action == ucontact.DISPOSITION_CALL else "closeTab"
        if capability not in rule.allow:
            raise BridgeError("FORBIDDEN", f"{action}: this frame's origin is not allowed {capability}")
        out = {"t": "frame-action", "source": source, "action": action}
        if ucontact.REPLY_ID_FIELD in message:  # the shim echoes it in the answer
            out[ucontact.REPLY_ID_FIELD] = message[ucontact.REPLY_ID_FIELD]
        if action == ucontact.DISPOSITION_CALL:
            disposition = message["disposition"]
            out["disposition"] = disposition
            try:
                out["fallback"] = self._checked_invoke("setAccountCode", ucontact.account_code_arguments(disposition))
            except BridgeError as error:
                out["fallback"] = error.to_wire()
        return out

    def _callback(self, message: dict) -> list[dict]:
        name, args = message.get("name"), message.get("args")
        if not isinstance(name, str) or not CALLBACK_NAME.fullmatch(name) or not isinstance(args, list):
            self.mirror.callbacks_heard += 1  # the shim counted it too: results are placed by that count
            return [self._event("error", {"code": "PROTOCOL_ERROR", "message": "malformed callback message"})]
        changes = self.mirror.observe_callback(name, args)
        # The raw callback first, so a listener of "callback" sees it before derived events.
        return [self._event("callback", {"name": name, "args": args})] + [
            self._event(event, detail) for event, detail in changes
        ]

    def _result(self, message: dict) -> list[dict]:
        ticket, before = message.get("report"), message.get("callbacks")
        if not (_is_id(ticket) and _is_id(before)):
            return [self._event("error", {"code": "PROTOCOL_ERROR", "message": "malformed result message"})]
        changes = self.mirror.observe_result(ticket, before, message.get("value"))
        return [self._event(event, detail) for event, detail in changes]

    def _event(self, name: str, detail: dict) -> dict:
        return {"t": "event", "name": name, "detail": detail, "snapshot": self.mirror.snapshot()}


def _option(config: dict, name: str):
    """``config[name]`` checked against its declaration, or the declared default."""
    option = PAGE_OPTIONS_BY_NAME[name]
    value = config.get(name)
    return option.default if value is None else option.kind.check(value, f"config.{name}")


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_CALL_ID


def _window_refusal(source: int, origin: str, data: dict, error: BridgeError) -> dict:
    """The answer to a window message that is not carried out, in the shape its sender waits
    for (the shim builds the same for the refusals it makes itself, in frame-gate.js)."""
    if SDK_MARKER in data:
        message = {SDK_MARKER: "refused", "error": error.to_wire()}
    else:
        message = {"action": f"{data['action']}_RESULT", "ok": False, "error": error.to_wire()}
    tag = ucontact.reply_id(data)
    if tag is not None:
        message[ucontact.REPLY_ID_FIELD] = tag
    return {"t": "frame-reply", "source": source, "origin": origin, "message": message}


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
