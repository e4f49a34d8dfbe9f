"""The runtime's entry points: JSON text in, JSON text out.

This is the only module the browser runtime (``web/runtime.mjs``) calls. It passes strings,
not JavaScript objects, on purpose: a string crosses the JS/Python boundary in one copy,
and the session then sees plain Python data only, never a proxy whose attributes a message
could steer. Nothing here needs Pyodide, so unit tests call it too.
"""

from __future__ import annotations

import json

from .. import __version__
from ..errors import BridgeError
from .session import BridgeSession

_session: BridgeSession | None = None


def start(config_json: str) -> str:
    """Begin a session with the page's config; answers ``{"t": "ready", "version"}``."""
    global _session
    try:
        config = json.loads(config_json)
        _session = BridgeSession(config if isinstance(config, dict) else None)
    except (ValueError, BridgeError) as error:
        return json.dumps({"t": "boot-error", "message": f"bad bridge config: {error}"})
    return json.dumps({"t": "ready", "version": __version__})


def receive(message_json: str) -> str:
    """Handle one message from the page; answers a JSON list of messages for the page."""
    if _session is None:
        return json.dumps([_protocol_error("the session was not started")])
    try:
        message = json.loads(message_json)
    except (ValueError, RecursionError):
        return json.dumps([_protocol_error("a message was not valid JSON, or nested too deeply")])
    try:
        return json.dumps(_session.handle(message), ensure_ascii=False, allow_nan=False)
    except Exception as error:  # noqa: BLE001 - a bug must become an event, never kill the runtime
        return json.dumps([_protocol_error(f"internal error: {type(error).__name__}: {error}")])


def _protocol_error(message: str) -> dict:
    return {"t": "event", "name": "error", "detail": {"code": "PROTOCOL_ERROR", "message": message}}
