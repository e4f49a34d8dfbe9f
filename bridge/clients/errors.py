"""The REST clients' one error tree, under :class:`bridge.errors.BridgeError`.

::

    BridgeError
    └── ApiError                      code API_ERROR: vendor, status, vendor_code, vendor_message,
        │                             operation, url (redacted)
        ├── AuthenticationError       bad credentials, or a token the server refuses after a re-login
        ├── PermissionDeniedError     authenticated, not allowed
        ├── NotFoundError             the object does not exist
        ├── ValidationError           the server refused the input: ``fields`` maps field -> message
        ├── RateLimitedError          429: ``retry_after`` seconds (or None)
        ├── ServerError               5xx (after the retries an idempotent call gets)
        ├── MalformedResponseError    an answer the document does not allow (not JSON, wrong shape)
        └── TransportError            code API_UNREACHABLE: no answer at all
            ├── RequestTimeout
            └── ConnectionFailed
                └── TlsError
    InvalidArgument (also a ValueError)  code INVALID_ARGUMENT: refused before anything was sent

Every message is built from redacted parts (:mod:`.redaction`): no secret of the client, and no
credential in a URL, ever reaches ``str(error)``.
"""

from __future__ import annotations

from typing import Any

from ..errors import BridgeError


class ApiError(BridgeError):
    """A contact center's REST API refused a request or answered with an error.

    ``status`` is the HTTP status (``None`` when nothing came back); ``vendor_code`` and
    ``vendor_message`` are the vendor's own (UCS ``error``, uContact ``0``...), kept as they came
    but with the client's secrets masked; ``url`` is redacted.
    """

    code = "API_ERROR"

    def __init__(self, message: str, *, vendor: str, operation: str, status: int | None = None,
                 vendor_code: Any = None, vendor_message: str | None = None, url: str | None = None,
                 method: str | None = None):
        self.vendor = vendor
        self.operation = operation
        self.status = status
        self.vendor_code = vendor_code
        self.vendor_message = vendor_message
        self.url = url
        self.method = method
        where = f" ({method} {url})" if method and url else ""
        status_text = f"HTTP {status}: " if status is not None else ""
        super().__init__(self.code, f"{vendor} {operation}: {status_text}{message}{where}")

    def __reduce__(self):
        # Pickling (multiprocessing, task queues) must not need the keyword-only constructor.
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls, state):
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, state.get("message"))
    return error


class AuthenticationError(ApiError):
    """The credentials were refused (login), or a fresh token was refused too."""


class PermissionDeniedError(ApiError):
    """Authenticated, but not allowed to do this."""


class NotFoundError(ApiError):
    """The object named by the request does not exist."""


class ValidationError(ApiError):
    """The server refused the input. ``fields`` maps each refused field to the server's message."""

    def __init__(self, message: str, *, fields: dict[str, str] | None = None, **kwargs):
        self.fields = dict(fields or {})
        super().__init__(message, **kwargs)


class RateLimitedError(ApiError):
    """429 Too Many Requests. ``retry_after``: seconds the server asked to wait, or ``None``."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ServerError(ApiError):
    """The server failed (5xx)."""


class MalformedResponseError(ApiError):
    """An answer the vendor's document does not allow: not JSON, or not the documented shape."""


class TransportError(ApiError):
    """No answer: the request timed out, or no connection could be made."""

    code = "API_UNREACHABLE"


class RequestTimeout(TransportError):
    """Connecting, sending or waiting for the answer took longer than the client's timeout."""


class ConnectionFailed(TransportError):
    """The host could not be reached (refused, unknown name, reset)."""


class TlsError(ConnectionFailed):
    """The TLS handshake failed (certificate not trusted, wrong host name, protocol)."""


def for_status(status: int) -> type[ApiError]:
    """The class an HTTP error status maps onto when the vendor says nothing more precise."""
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status in (400, 409, 422):
        return ValidationError
    if status == 429:
        return RateLimitedError
    if status >= 500:
        return ServerError
    return ApiError


class InvalidArgument(BridgeError, ValueError):
    """An argument a client was given cannot be sent (empty id, wrong type); nothing was sent."""

    code = "INVALID_ARGUMENT"

    def __init__(self, message: str):
        super().__init__(self.code, message)
