"""Udesk CCPaaS ``ccapi/v2`` (seed 003) as the core sees it: the signed query, the server's clock,
the three answer envelopes and the return codes. No I/O.

What the document says, and what we chose where it is silent or says two things:

- ``Sign = SHA1(Sid + AuthToken + Timestamp)``, sent in the query with ``Sid`` and ``Timestamp``
  beside the app id, on every request; "valid within 10 minutes". The digest is sent as
  40 lower-case hex digits: what ``hashlib``'s ``hexdigest()`` and the CryptoJS/Postman scripts
  such documents are written with give (``CryptoJS.SHA1(...).toString()``); the document shows
  only ``{{Sign}}``. The string hashed is the three parts joined as they are, UTF-8.
- The signature covers no method, path or body: a signed URL is a bearer credential for ten
  minutes. The flow redacts the URL it reports from the request as it was before signing, and the
  redactor masks ``Sign`` and ``Sid`` wherever a URL appears in text, and the AuthToken by value.
- ``Timestamp``: the text says milliseconds since the epoch ("accurate to the millisecond",
  "the number of milliseconds since 1970-01-01"); the examples show seconds (``1566523582``).
  Milliseconds by default (the specification), seconds with ``timestamp_unit="s"``.
- The app id's query key is ``AppId`` everywhere but agent sign-out and callback2ivr, whose
  documents spell it ``app_id`` (each operation names its key: :data:`APP_ID`, :data:`APP_ID_SNAKE`).
- The clock: a CRM server whose clock drifts past the window gets an authentication error on every
  call. Every answer's ``Date`` header tells the server's time (to the second): the difference is
  learned from each answer (:meth:`UdeskApi.observe`) and, once larger than
  :data:`SKEW_TOLERANCE`, added to the timestamps of the next requests. An answer with return
  code 200020 (authentication error) or 000035 (request timeout, read as "the timestamp is out of
  its window") to a request whose timestamp was more than :data:`SKEW_RETRY` from the server's
  ``Date`` is replayed once, signed with the corrected time (:meth:`UdeskApi.rejects_signature`).
  An authentication error is a refusal before anything was done: replayed whatever the call. A
  request timeout is one only when the timestamp was outside the window (more than
  :data:`OUTSIDE_WINDOW` off): within it the server took the timestamp, so its timeout may be its
  own, with the request carried out, and a call that is not idempotent (a create, callback2ivr:
  a customer's phone) is not replayed then.
- Envelopes (:func:`read_result`, :func:`read_message`, :func:`read_code`): ``{ErrCode, ErrDesc,
  Result}`` for most endpoints, ``{ErrCode, ErrDesc, msg_id, results, data}`` for agent sign-in and
  sign-out, ``{code, message, results}`` for callback2ivr. The code is a string; ``"000000"`` is
  success (a number is read as its six-digit string). Every return code of the document's table
  maps onto the core's tree (:data:`RETURN_CODES`), the table's description in the message and
  the server's own words in ``vendor_message``. The document does not say whether a failure comes
  with HTTP 200 or a 4xx: the envelope decides when there is one, the status when there is none.
  An empty 2xx answer (the general section's ``204 NO CONTENT`` for DELETE) is a success
  without a result.
- Ids come back suffixed with the app id (``"355@7859ff65-0e6a"``) and go in plain: read into a
  :class:`ScopedId`, a ``str`` equal to the plain id with the suffix in ``app_id``.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import time
from email.utils import parsedate
from typing import Any, Callable
from urllib.parse import parse_qsl, quote, urlsplit

from ..calls import Reply
from ..errors import (ApiError, AuthenticationError, MalformedResponseError, NotFoundError, PermissionDeniedError,
                      ServerError, ValidationError, for_status)
from ..flow import raise_for_status
from ..messages import Request, Response
from ..redaction import Redactor

log = logging.getLogger("bridge.clients")

VENDOR = "Udesk"
API = "/ccapi/v2"
APP_ID = "AppId"
APP_ID_SNAKE = "app_id"  # agent sign-out and callback2ivr
OK = "000000"
TIMESTAMP_UNITS = {"ms": 1000, "s": 1}

# The clock: a difference below this is the Date header's rounding (whole seconds) and the
# network's delay, not drift; above it, the timestamps are corrected.
SKEW_TOLERANCE = 2.0
# A refused signature is replayed once when the timestamp it carried was further than this from
# the server's clock (the "a skew over a minute"; the window itself is ten minutes).
SKEW_RETRY = 60.0
# The return codes that refuse a signature (authentication error; request timeout: the timestamp).
AUTHENTICATION_CODE, TIMEOUT_CODE = "200020", "000035"
SIGNATURE_CODES = frozenset({AUTHENTICATION_CODE, TIMEOUT_CODE})
# "Valid within 10 minutes": a timestamp further off than this (the window, less a minute for the
# Date header's rounding and the request's travel) was outside it for certain.
WINDOW = 600.0
OUTSIDE_WINDOW = WINDOW - 60.0

# The document's return codes: (its description, the core's class). A code not here is ApiError
# (or, on a non-2xx answer, the status' class).
RETURN_CODES: dict[str, tuple[str, type[ApiError]]] = {
    "000001": ("Invalid parameter", ValidationError),
    # Read as the timestamp being out of its ten-minute window: the request was refused before it
    # was carried out, like an authentication error (and replayed once after a clock correction).
    "000035": ("Request timeout", AuthenticationError),
    "000036": ("Incorrect request", ValidationError),
    "000060": ("Internal error", ServerError),
    "100001": ("Parameter is empty", ValidationError),
    "100002": ("App is invalid or forbidden", PermissionDeniedError),
    "100003": ("Account not found", AuthenticationError),  # the Sid: the credentials
    "100004": ("Incorrect message", ValidationError),
    "100005": ("Relay number not found", NotFoundError),
    "100006": ("Name already exists", ValidationError),
    "100007": ("Voice not found", NotFoundError),
    "100008": ("Invalid wav file", ValidationError),
    "100009": ("Wav file conversion failed", ValidationError),  # the file sent could not be read
    "100010": ("Failed to create default voice file", ServerError),
    "100011": ("Failed to create new bucket", ServerError),
    "100012": ("Failed to download file", ServerError),
    "100013": ("Database initialization failed", ServerError),
    "100014": ("Md5 check failed", ValidationError),
    "100015": ("Number exists", ValidationError),
    "100016": ("Voice binding agent", ValidationError),  # the voice is in use by an agent
    "100017": ("App ID is empty", ValidationError),
    "100018": ("No records found", NotFoundError),
    "100019": ("Parsing failed", ValidationError),
    "100020": ("Ivr not found", NotFoundError),
    "100021": ("Invalid agent status", ValidationError),  # not allowed in the agent's state
    "100022": ("Ownership error", PermissionDeniedError),
    "200001": ("This app does not exist", NotFoundError),
    "200002": ("Parameter error", ValidationError),
    "200003": ("Service resolution error", ServerError),
    "200004": ("No related records found", NotFoundError),
    # The IVR flow's nodes: a flow configured wrongly, the input's fault.
    "200005": ("Start node error", ValidationError),
    "200006": ("Condition node error", ValidationError),
    "200007": ("Play node error", ValidationError),
    "200008": ("Voice collection node error", ValidationError),
    "200009": ("Queue node error", ValidationError),
    "200010": ("Webhook node error", ValidationError),
    "200011": ("Number collection node error", ValidationError),
    "200018": ("Hangup node error", ValidationError),
    "200019": ("This name already exists", ValidationError),
    "200020": ("Authentication error", AuthenticationError),
    "200021": ("Internal service error", ServerError),
    "200022": ("Routing format error", ValidationError),
    "200023": ("Database error", ServerError),
    "200024": ("Missing start or end node", ValidationError),
}


class ScopedId(str):
    """An id as Udesk returns it, ``"355@7859ff65-0e6a"``: equal to the plain id (``"355"``, what
    every request takes), the suffix in ``app_id`` (None when it came plain)."""

    __slots__ = ("app_id",)

    def __new__(cls, value: str):
        return _scoped(cls, value.to_api() if isinstance(value, ScopedId) else value)

    def to_api(self) -> str:
        """The id as it came (``"355@7859ff65-0e6a"``): what a record's ``to_api()`` gives back."""
        return f"{self}@{self.app_id}" if self.app_id is not None else str(self)

    def __reduce__(self):
        return (ScopedId, (self.to_api(),))

    def __repr__(self) -> str:
        return f"ScopedId({str(self)!r}, app_id={self.app_id!r})"


def _scoped(cls: type, value: str) -> ScopedId:
    if "@" in value:
        plain, _, app_id = value.partition("@")
    else:  # as an agents list gives its agents' ids: no partition
        plain, app_id = value, None
    scoped = _new_str(cls, plain)
    scoped.app_id = app_id
    return scoped


_new_str = str.__new__  # not super(): one per agent of a 10,000-agent walk


def scoped_id(value: Any) -> Any:
    """A record converter: a suffixed id as a :class:`ScopedId` (one already, kept); anything but a
    string as it came."""
    if type(value) is str:
        return _scoped(ScopedId, value)  # not through the class: calling it costs twice as much
    return ScopedId(value) if isinstance(value, str) and not isinstance(value, ScopedId) else value


def signature(sid: str, auth_token: str, timestamp: str) -> str:
    """``SHA1(Sid + AuthToken + Timestamp)`` as 40 lower-case hex digits (see the module's note)."""
    return hashlib.sha1((sid + auth_token + timestamp).encode("utf-8")).hexdigest()


class UdeskApi:
    """One client's view of Udesk: the account (``sid``), its AuthToken (a server secret), the
    application (``app_id``), the timestamp's unit, and the server's clock as learned."""

    vendor = VENDOR

    def __init__(self, base_url: str, sid: str, auth_token: str, app_id: str, *, timestamp_unit: str = "ms",
                 wall_clock: Callable[[], float] = time.time):
        self.base_url = base_url
        self.sid = sid
        self._auth_token = auth_token
        self.app_id = app_id
        self.timestamp_unit = timestamp_unit
        self._scale = TIMESTAMP_UNITS[timestamp_unit]
        self._wall_clock = wall_clock
        # Seconds to add to our clock to read the server's (0 until an answer said otherwise).
        self.clock_offset = 0.0
        self._last_date: str | None = None
        self._quoted_sid = quote(sid, safe="")

    # -- the core's hooks ---------------------------------------------------------------------

    def login(self) -> None:
        return None  # no token: each request carries its own signature

    def authorize(self, token) -> tuple[tuple[str, str], ...]:
        return ()

    def rejects_token(self, response: Response) -> bool:
        return False

    def timestamp(self) -> str:
        """Now, by the server's clock as far as we know it, in the configured unit."""
        return str(int((self._wall_clock() + self.clock_offset) * self._scale))

    def sign(self, request: Request) -> Request:
        """``request`` with ``Sid``, ``Timestamp`` and ``Sign`` added to its query (each attempt
        anew: the signature lasts ten minutes)."""
        stamp = self.timestamp()
        digest = signature(self.sid, self._auth_token, stamp)
        separator = "&" if "?" in request.url else "?"
        url = f"{request.url}{separator}Sid={self._quoted_sid}&Timestamp={stamp}&Sign={digest}"
        return Request(request.method, url, request.headers, request.body)

    def observe(self, response: Response) -> None:
        """Learns the server's clock from the answer's ``Date`` (parsed once per distinct value)."""
        date = response.headers.get("date")
        if date is None or date == self._last_date:
            return
        server = _http_date(date)
        if server is None:
            return
        self._last_date = date
        offset = server - self._wall_clock()
        # Date is whole seconds, sent before the answer travelled: only a larger difference counts.
        learned = offset if abs(offset) > SKEW_TOLERANCE else 0.0
        if abs(learned - self.clock_offset) > SKEW_TOLERANCE:
            if learned:
                log.info("%s: the server's clock is %.0f s %s ours; timestamps corrected", VENDOR, abs(offset),
                         "ahead of" if offset > 0 else "behind")
            else:
                log.info("%s: the server's clock agrees with ours again; timestamps no longer corrected", VENDOR)
            self.clock_offset = learned

    def rejects_signature(self, request: Request, response: Response, retryable: bool) -> bool:
        """Whether ``response`` refused the signature of ``request`` because its timestamp was more
        than :data:`SKEW_RETRY` from the server's clock (a replay signed now is corrected): an
        authentication error, or a request timeout when the timestamp was outside the window or
        the call may be repeated (``retryable``; see the module's note)."""
        body = response.body
        # Most answers are no refusal: told apart without parsing them (the reader parses once).
        # b"35" also finds a code sent as a number (35 for "000035"), as _code() reads it.
        if response.status >= 500 or len(body) > 4096 or (b"200020" not in body and b"35" not in body):
            return False
        try:
            body = response.json()
        except ValueError:
            return False
        code = _code(body.get("ErrCode", body.get("code"))) if isinstance(body, dict) else None
        if code not in SIGNATURE_CODES:
            return False
        server = _http_date(response.headers.get("date") or "")
        sent = _sent_timestamp(request.url, self._scale)
        if server is None or sent is None:
            return False
        skew = abs(server - sent)
        if code == AUTHENTICATION_CODE or retryable:
            return skew > SKEW_RETRY
        return skew > OUTSIDE_WINDOW

    def __repr__(self) -> str:
        return f"UdeskApi({self.base_url!r}, app_id={self.app_id!r})"


def _http_date(value: str) -> float | None:
    parts = parsedate(value)
    if parts is None:
        return None
    try:
        return float(calendar.timegm(parts[:6] + (0, 0, 0)))
    except (OverflowError, ValueError):
        return None


def _sent_timestamp(url: str, scale: int) -> float | None:
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "Timestamp" and value.isdigit() and value.isascii():
            return int(value) / scale
    return None


def _code(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"{value:06d}"  # a server that sends the code as a number
    return value if isinstance(value, str) else None


# --- the three envelopes ---------------------------------------------------------------------

def _body(reply: Reply) -> Any:
    if not reply.response.body.strip():
        return None
    try:
        return reply.response.json()
    except ValueError:
        if reply.response.ok:
            raise reply.error(MalformedResponseError, "the answer is not JSON") from None
        return None


def _raise(reply: Reply, code: str | None, message: Any) -> None:
    """The error of a failed answer: the return code's class and description, the server's words
    kept; without a code, the HTTP status decides."""
    text = message if isinstance(message, str) and message else None
    if code is None:
        if reply.response.ok:
            raise reply.error(MalformedResponseError, "the answer has no return code")
        raise_for_status(reply, None, text)
    description, cls = RETURN_CODES.get(code, (None, None))
    if cls is None:
        cls = for_status(reply.response.status) if not reply.response.ok else ApiError
    summary = f"{code} {description}" if description else code
    if text and text != description:
        summary += f": {text}"
    raise reply.error(cls, summary, vendor_code=code, vendor_message=text)


def _envelope(reply: Reply, code_key: str, message_key: str) -> dict | None:
    """The answer's object when its code is success; raises otherwise. None: an empty 2xx."""
    body = _body(reply)
    if body is None and reply.response.ok:
        return None
    if not isinstance(body, dict):
        if reply.response.ok:
            raise reply.error(MalformedResponseError, "the answer is not a JSON object")
        raise_for_status(reply)
    if code_key not in body:
        # An error in the other shape (callback2ivr's endpoint refused with the common
        # {ErrCode, ErrDesc}, as a gateway checking the signature for every endpoint would): its
        # code still decides, rather than "no return code".
        code_key, message_key = _OTHER_SHAPE.get(code_key, (code_key, message_key))
    code = _code(body.get(code_key))
    if code != OK or not reply.response.ok:
        _raise(reply, code, body.get(message_key))
    return body


_OTHER_SHAPE = {"ErrCode": ("code", "message"), "code": ("ErrCode", "ErrDesc")}


def read_result(reply: Reply) -> Any:
    """``{ErrCode, ErrDesc, Result}`` -> ``Result`` (None for an empty answer)."""
    body = _envelope(reply, "ErrCode", "ErrDesc")
    return None if body is None else body.get("Result")


def read_message(reply: Reply) -> dict:
    """``{ErrCode, ErrDesc, msg_id, results, data}`` (sign-in, sign-out) -> the object."""
    return _envelope(reply, "ErrCode", "ErrDesc") or {}


def read_code(reply: Reply) -> Any:
    """``{code, message, results}`` (callback2ivr) -> ``results``."""
    body = _envelope(reply, "code", "message")
    return None if body is None else body.get("results")


# A path segment this long in a callback URL is read as a credential (a receiver's capability
# token is 32 characters or more); shorter ones are the URL's words (/hooks/udesk/events).
CALLBACK_TOKEN_LENGTH = 16


def callback_secrets(url: Any) -> list[str]:
    """What of a subscription's callback URL is masked wherever the client reports it: each path
    segment long enough to be a token (a receiver's URL holds its token, and anyone holding it can
    post events to the CRM); the rest of the URL stays readable in an error. A credential in its
    query is masked by its key, as in every URL."""
    if not isinstance(url, str) or not url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:
        return [url]
    return [part for part in path.split("/") if len(part) >= CALLBACK_TOKEN_LENGTH]


def new_redactor(sid: str, auth_token: str) -> Redactor:
    # The AuthToken by value, whatever its length. The Sid (the account's name, half of what a
    # signature is made of) is masked in URLs by its key (Sid=), and by value only when it is as
    # long as a token (6 or more): a short Sid ("1000") masked by value would mask the digits of
    # a return code (vendor_code "***18") or of a path.
    redactor = Redactor(auth_token)
    redactor.add(sid)
    return redactor
