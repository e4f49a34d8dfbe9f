"""The one error type of the bridge and its documented set of codes.

Every promise the page API returns settles exactly once: with the component's return value,
or with an error whose ``code`` is one of ``ERROR_CODES``. The JavaScript shim and the
TypeScript declarations are generated from this table, so the codes are written once.
"""

from __future__ import annotations

ERROR_CODES: dict[str, str] = {
    "INVALID_ARGUMENT": "An argument is missing, of the wrong type, or out of range; the component was not called.",
    "INVALID_STATE": "The component is not in a state that allows this method; the message names the current and the allowed states.",
    "OPERATOR_MISSING": "window.ucsOperator (or the method on it) does not exist.",
    "OPERATOR_ERROR": "The component threw or rejected; its message is kept.",
    "TIMEOUT": "No answer within the call timeout (config.callTimeout).",
    "BOOT_FAILED": "The Python runtime could not start (download failed, integrity mismatch, workers blocked, timeout).",
    "RUNTIME_FAILED": "The Python runtime stopped working after it had started (the worker failed); start a new bridge.",
    "DESTROYED": "bridge.destroy() was called before the call settled.",
    "QUEUE_FULL": "Too many calls were waiting for the bridge to be ready (config.queueLimit).",
    "FORBIDDEN": "A frame asked for something its rule in config.frames does not allow.",
    "RATE_LIMITED": "A frame sent more messages than its origin may (config.frameRate); this one was dropped.",
    "SSO_FAILED": "Single sign-on did not complete (token endpoint refused or unreachable, or the component refused the token); reported as an error event.",
    "PROTOCOL_ERROR": "A message between the page and the runtime was malformed (a bug, never the caller's fault).",
}


class BridgeError(Exception):
    """An error with a stable ``code`` from :data:`ERROR_CODES`.

    :param code: one of the keys of :data:`ERROR_CODES`.
    :param message: a sentence for a developer reading the console.
    """

    def __init__(self, code: str, message: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    def to_wire(self) -> dict:
        return {"code": self.code, "message": self.message}


def invalid_argument(message: str) -> BridgeError:
    return BridgeError("INVALID_ARGUMENT", message)
