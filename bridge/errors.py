"""The bridge's one error tree and its documented set of codes.

Every promise the page API and the frame SDK return settles exactly once: with the
component's return value, or with an error whose ``code`` is one of ``ERROR_CODES``. On the
server, :class:`BridgeError` is the root of every error the package raises on purpose (the SSO
tokens' :class:`~bridge.sso.tokens.SsoTokenError`, the REST clients' :class:`~bridge.clients.errors.ApiError`), so a CRM
catches them all with one ``except``. The page shim's and the frame SDK's constants, both
TypeScript declarations and the README's table are generated from this table, so each code is
written once.
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
    "CONNECTION_TIMEOUT": "The frame SDK found no agent-bridge at parentOrigin within its timeout option, or a call was made while it was not connected.",
    "SSO_TOKEN_INVALID": "On the CRM's server (bridge.sso): an SSO token, secret or username cannot be used (malformed, expired, bad signature, another user); the message says why.",
    "API_ERROR": "In Python's REST clients (bridge.clients, on the CRM's server or in the bridge's worker): a contact center's REST API refused a request or answered with an error (also an HTTP 200 that says it failed); the error keeps vendor, HTTP status, vendor code and message.",
    "API_UNREACHABLE": "In Python's REST clients (bridge.clients): a contact center's REST API could not be reached (timeout, connection refused, TLS failure).",
    "PROTOCOL_ERROR": "A message between the page and the runtime was malformed (a bug, never the caller's fault).",
}

# Raised by server-side Python (bridge.sso) and the REST clients (bridge.clients): no promise of the page shim or the
# frame SDK rejects with them, so the browser's constants and types leave them out.
SERVER_CODES = frozenset({"SSO_TOKEN_INVALID", "API_ERROR", "API_UNREACHABLE"})
BROWSER_CODES: dict[str, str] = {code: doc for code, doc in ERROR_CODES.items() if code not in SERVER_CODES}


class BridgeError(Exception):
    """An error with a stable ``code`` from :data:`ERROR_CODES`.

    A subclass for one kind of failure may fix its code as a class attribute (``code =
    "SSO_TOKEN_INVALID"``), checked against :data:`ERROR_CODES` when the class is defined, and
    pass it on from its own ``__init__``; ``except`` clauses and tests can then name
    ``TheError.code``.

    :param code: one of the keys of :data:`ERROR_CODES`.
    :param message: a sentence for a developer reading the console.
    """

    code: str

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A typo in a fixed code would otherwise surface only when the error is raised.
        if "code" in cls.__dict__ and cls.__dict__["code"] not in ERROR_CODES:
            raise ValueError(f"{cls.__name__}.code: unknown error code {cls.__dict__['code']!r}")

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
