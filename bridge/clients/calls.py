"""One operation of a REST API as data: what to send (:class:`Call`) and how to read the answer.

A vendor module builds a :class:`Call` per operation; :func:`build_request` turns it into a
:class:`~.messages.Request` for a base URL and a token, with no I/O, and the call's ``read``
turns the :class:`Reply` into a typed result or raises a typed error. Both halves are tested
without any transport.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Generic, Protocol, TypeVar
from urllib.parse import quote, urlencode

from .. import __version__
from .errors import ApiError, InvalidArgument
from .messages import Request, Response

T = TypeVar("T")

NO_BODY: Any = object()

# What HTTP itself says may be repeated without changing the result (RFC 9110, 9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

USER_AGENT = f"agent-bridge/{__version__}"
DEFAULT_HEADERS = (("Accept", "application/json"), ("User-Agent", USER_AGENT))

# A method is an HTTP token; the path is the quoted part after the base URL: a "?" or "#" in it
# would end the path where the vendor code did not mean it to (the query goes in ``query``).
_METHOD = re.compile(r"[A-Z]+")
_PATH = re.compile(r"(/[^?#\s\x00-\x1f\x7f]*)?")


@dataclass(frozen=True)
class Reply:
    """A response and the request it answers: what a reader needs to build an error."""

    response: Response
    vendor: str
    operation: str
    method: str
    # Already redacted; or a function that gives it, called only when an error needs it (the
    # redaction costs microseconds a call, and most answers are no error).
    url: str | Callable[[], str]
    redact: Callable[[str], str]

    @property
    def redacted_url(self) -> str:
        return self.url() if callable(self.url) else self.url

    def error(self, cls: type[ApiError] = ApiError, message: str | None = None, *,
              vendor_code: Any = None, vendor_message: str | None = None, **extra) -> ApiError:
        """An error of ``cls`` about this reply (to raise), its vendor message masked."""
        if vendor_message is not None:
            vendor_message = self.redact(str(vendor_message))
        if isinstance(vendor_code, str):
            vendor_code = self.redact(vendor_code)
        if extra.get("fields"):
            # The server's words about each field: they may quote what was sent.
            extra["fields"] = {key: self.redact(value) if isinstance(value, str) else value
                               for key, value in extra["fields"].items()}
        text = message if message is not None else (vendor_message or "unexpected answer")
        return cls(self.redact(text), vendor=self.vendor, operation=self.operation, status=self.response.status,
                   vendor_code=vendor_code, vendor_message=vendor_message, url=self.redacted_url, method=self.method, **extra)

    def json(self) -> Any:
        """The body as JSON, or :class:`~.errors.MalformedResponseError`."""
        from .errors import MalformedResponseError

        try:
            return self.response.json()
        except ValueError:
            raise self.error(MalformedResponseError, "the answer is not JSON") from None


@dataclass(frozen=True)
class Call(Generic[T]):
    """One operation: ``operation`` names it in errors and logs (``"users.create"``).

    ``path`` is relative to the API's base URL and already quoted (:func:`segment` quotes a
    value that goes into it). ``idempotent`` decides whether a failed attempt may be retried;
    it defaults to what the method says (so a POST is never retried unless declared so).
    ``headers`` are this call's own, replacing a default of the same name (``Accept``): a
    credential the call carries itself (uContact's EndSession carries the key it ends, which no
    re-login may replace), or what a vendor's server negotiates on.
    """

    operation: str
    method: str
    path: str
    read: Callable[[Reply], T]
    query: tuple[tuple[str, str], ...] = ()
    json: Any = NO_BODY
    form: tuple[tuple[str, str], ...] | None = None
    content: bytes | None = None  # a body sent as is (CSV, multipart): its Content-Type in headers
    idempotent: bool | None = None
    authenticated: bool = True
    headers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        # Vendor code builds calls; a mistake here is caught before anything is sent (or logged in).
        if not isinstance(self.method, str) or not _METHOD.fullmatch(self.method):
            raise InvalidArgument(f"{self.operation}: the method must be an upper-case HTTP method")
        if not isinstance(self.path, str) or not _PATH.fullmatch(self.path):
            raise InvalidArgument(f"{self.operation}: the path must start with / and hold no ?, # or blanks "
                                  "(ids go through segment(), the query in query=)")
        if self.json is not NO_BODY and self.form is not None:
            raise InvalidArgument(f"{self.operation}: a call sends JSON or a form, not both")
        if self.content is not None and (self.json is not NO_BODY or self.form is not None):
            raise InvalidArgument(f"{self.operation}: a call sends raw content, or JSON or a form, not both")
        if self.content is not None and (not isinstance(self.content, bytes) or not any(
                name.lower() == "content-type" for name, _ in self.headers)):
            raise InvalidArgument(f"{self.operation}: raw content is bytes, with its Content-Type in headers")
        for name, pairs in (("query", self.query), ("form", self.form or ())):
            for pair in pairs:
                # None and booleans would be sent as "None" and "True": never what a vendor means.
                if (not isinstance(pair, tuple) or len(pair) != 2 or not isinstance(pair[0], str)
                        or isinstance(pair[1], bool) or not isinstance(pair[1], (str, int, float))):
                    raise InvalidArgument(f"{self.operation}: {name} must be (name, value) pairs of strings or numbers")

    @property
    def retryable(self) -> bool:
        return self.method in IDEMPOTENT_METHODS if self.idempotent is None else self.idempotent

    def __repr__(self) -> str:
        # The body may be a login's (a client secret, a password): never shown.
        return f"Call({self.operation!r}, {self.method} {self.path})"


class Api(Protocol):
    """What the flow needs to know of one vendor's API (one object per client)."""

    vendor: str
    base_url: str  # no trailing slash

    def login(self) -> Call | None:
        """The call that obtains a :class:`~.tokens.Token`, or None for an API without one."""

    def authorize(self, token) -> tuple[tuple[str, str], ...]:
        """The headers that carry ``token``."""

    def rejects_token(self, response: Response) -> bool:
        """Whether ``response`` says the token is no longer valid (log in again, replay once)."""

    # Optional: ``retire(token) -> Call | None``, the call that ends a token a new login replaced
    # (uContact's EndSession), run best effort; APIs whose tokens simply expire leave it out.
    # Optional: ``renew(token) -> Call | None``, the call that trades a token due for renewal
    # (not refused) for a new one without a login (XUC's /auth/check). It must carry the token in
    # its own headers (authenticated=False). The engines run it single-flight, as a login; when
    # it fails with an ApiError they log in instead.
    # Optional: ``sign(request) -> Request``, for an API whose credential is made per request
    # (Udesk's Sign over Sid, AuthToken and a timestamp, in the query): called for every attempt
    # of every call, after ``authorize``, so each attempt carries a fresh one. An API with it also
    # has ``rejects_signature(request, response, retryable) -> bool``: whether the server refused that
    # signed request for a reason a new signature fixes (one replay per call).
    # Optional: ``observe(response)``, called with every answer (Udesk learns the server's clock
    # from its Date header).


def segment(value: Any) -> str:
    """``value`` quoted as one path segment: a ``/`` or ``..`` in an id cannot reach another resource."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise InvalidArgument(f"an id must be a string or an integer, not {type(value).__name__}")
    text = str(value)
    if text in ("", ".", "..") or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise InvalidArgument(f"{text!r} cannot be an id (empty, a dot segment, or a control character)")
    return quote(text, safe="")


def build_request(base_url: str, call: Call, headers: tuple[tuple[str, str], ...] = ()) -> Request:
    """The request for ``call`` against ``base_url`` with extra ``headers`` (the token's)."""
    url = base_url + call.path
    if call.query:
        url += "?" + urlencode(call.query)
    own = {name.lower() for name, _ in call.headers}
    all_headers = [header for header in DEFAULT_HEADERS if header[0].lower() not in own]
    body = b""
    if call.json is not NO_BODY:
        try:
            # allow_nan=False: NaN and Infinity are not JSON, and a server may read them as anything.
            text = json.dumps(call.json, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as error:
            raise InvalidArgument(f"{call.operation}: the body cannot be sent as JSON ({error})") from None
        body = text.encode("utf-8")
        if "content-type" not in own:  # a vendor's own type for a JSON body (XUC's "text/json")
            all_headers.append(("Content-Type", "application/json"))
    elif call.content is not None:
        body = call.content
    elif call.form is not None:
        body = urlencode(call.form).encode("ascii")
        all_headers.append(("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"))
    return Request(call.method, url, tuple(all_headers) + call.headers + tuple(headers), body)
