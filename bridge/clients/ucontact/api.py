"""uContact Integra (seed 001) as the core sees it: UserLogin, the Basic header, EndSession, and
the generic call for the resources the document leaves open. Every operation is a
:class:`~bridge.clients.calls.Call` built here, with no I/O.

What the document says, and what we chose where it is silent or says two things:

- ``POST Integra/resources/auth/UserLogin``, form-encoded ``user`` and ``password``; the answer is
  a JSON list holding the API key, or ``0`` for a failed login (see :func:`read_key`).
- The key is already base64 (``base64("user:uuid")``) and goes as it came in
  ``Authorization: Basic <key>`` on every request. Its lifetime is not documented: it is kept
  until refused or ended.
- The document does not say what a resource call with a dead key gets. We read a 401 as "key
  refused" (one new login, one replay): the header is HTTP Basic, and a server refuses a Basic
  credential with 401 (RFC 9110, 11.6.1). A 403 is "not allowed", which a new login does not change.
- ``POST Integra/resources/auth/EndSession``, form ``user`` and ``token``, answers text ``1`` (ok)
  or ``0`` (error). The example sends ``token: '<token>'`` beside ``Authorization: Basic
  <APIKey>``; the document's own steps call the key "a token for the session" ("get a token for
  the session, use the token in the header Authorization, end session"), and the key is the only
  thing a login returns: ``token`` is the key.
- The resources' examples post form-encoded parameters and read the answer as text
  (``dataType: 'text'``); jQuery's text requests accept anything, and a JAX-RS server (the
  ``resources`` path is its convention) answers 406 to an ``Accept`` it cannot produce, so every
  call accepts JSON, text or anything (:data:`ACCEPT`).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from typing import Any, Callable

from ..calls import Call, Reply, segment
from ..errors import ApiError, AuthenticationError, InvalidArgument, MalformedResponseError
from ..flow import raise_for_status
from ..messages import Response
from ..redaction import Redactor
from ..tokens import Token

VENDOR = "uContact"
RESOURCES = "/Integra/resources/"
LOGIN_PATH = RESOURCES + "auth/UserLogin"
END_SESSION_PATH = RESOURCES + "auth/EndSession"
ACCEPT = (("Accept", "application/json, text/plain;q=0.9, */*;q=0.8"),)

# Basic credentials are token68 (RFC 9110, 11.2): what a key may hold before it goes in a header.
_KEY = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# The two resources the client owns: a session begun or ended behind its back would leave it
# holding a dead key, or lose one it must end.
_SESSION_RESOURCES = {"auth/userlogin", "auth/endsession"}
METHODS = ("GET", "POST", "PUT", "DELETE")
# An error page's first line says enough; a whole HTML page in an exception message does not help.
_MAX_VENDOR_TEXT = 200


class UContactApi:
    vendor = VENDOR

    def __init__(self, base_url: str, user: str, password: str | None, redactor: Redactor):
        self.base_url = base_url
        self.user = user
        self._password = password  # None: this client only ends a session given its key
        self._redactor = redactor

    def login(self) -> Call:
        if self._password is None:
            raise InvalidArgument("uContact: this client has no password: it can end a session, not log in")
        return Call("login", "POST", LOGIN_PATH, self._read_key, authenticated=False, headers=ACCEPT,
                    form=(("user", self.user), ("password", self._password)),
                    # A login changes no data: a 5xx or a lost answer is worth another try. (A
                    # login whose answer was lost may have opened a session whose key we never
                    # saw, retried or not; nothing can end that one.)
                    idempotent=True)

    def authorize(self, token: Token) -> tuple[tuple[str, str], ...]:
        return (("Authorization", f"Basic {token.value}"),)

    def rejects_token(self, response: Response) -> bool:
        return response.status == 401

    def _read_key(self, reply: Reply) -> Token:
        key = read_key(reply)
        self.keep_secret(key)
        return Token(key, None)  # lifetime unknown: kept until refused or ended

    def keep_secret(self, key: str) -> None:
        """Mask ``key`` in everything the client says, and what it decodes to."""
        for form in key_forms(key):
            self._redactor.add(form)

    def end_session(self, key: str, ended: Callable[[str], None]) -> Call:
        """EndSession for ``key``; ``ended(key)`` runs once the server confirmed it (or refused
        the key: a session the server no longer knows has nothing left to end).

        The key travels in the call's own header, not through the login: a refusal must not lead
        to a new login whose header would then end nothing while a new session stays open.
        """
        checked = checked_key(key)

        def read(reply: Reply) -> None:
            try:
                read_end_session(reply)
            except AuthenticationError:
                ended(checked)
                raise
            ended(checked)

        return Call("end_session", "POST", END_SESSION_PATH, read, authenticated=False,
                    headers=ACCEPT + self.authorize(Token(checked)),
                    form=(("user", self.user), ("token", checked)))

    def retire(self, token: Token) -> Call:
        """The old session's EndSession once a new login replaced its key (a 401 on a call): the
        document asks to end every session, and a key refused once may not be dead for good."""
        return self.end_session(token.value, lambda key: None)

    def __repr__(self) -> str:
        return f"UContactApi({self.base_url!r}, user={self.user!r})"


def key_forms(key: str) -> list[str]:
    """The key, and what it decodes to ("user:uuid", and the uuid alone: a server's message would
    name the session by it). The redactor masks each encoded form (EndSession's body) itself."""
    forms = [key]
    try:
        decoded = base64.b64decode(key, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return forms
    forms.append(decoded)
    if ":" in decoded:
        forms.append(decoded.split(":", 1)[1])
    return forms


def checked_key(key: Any) -> str:
    """``key`` if it can go in a Basic header (token68), else InvalidArgument."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise InvalidArgument("uContact: an API key is base64 text (letters, digits, + / = - . _ ~)")
    return key


def read_key(reply: Reply) -> str:
    """The API key in a UserLogin answer.

    - ``0`` (the text, or the JSON number or string) is a failed login: AuthenticationError.
    - A list: the key is the ``md5secret`` of its first object that has a non-empty one (a
      supervisor with a phone; the prose spells it "Md5secret", so the name is matched in any
      case). Without one (a supervisor without a phone), the key is a string item: the document
      says "on the 3rd item of the List" in the English text and "Al final de la lista" (at the
      end of the list) over its example ``[ ... "QWRt..." ]``. We read both as one place: the
      list's third item, which is its last. Should they part (a longer or shorter list), the
      last item wins when it is a string (what the example shows), else the third.
    - Anything else, or a key that cannot go in a header: MalformedResponseError.
    """
    response = reply.response
    if not response.ok:
        if response.status in (401, 403):
            raise reply.error(AuthenticationError, "login refused")
        raise_for_status(reply, None, _vendor_text(response))
    if response.text.strip() in ("0", '"0"'):
        raise reply.error(AuthenticationError, "login refused (the answer is 0)", vendor_code=0)
    body = reply.json()
    if not isinstance(body, list):
        raise reply.error(MalformedResponseError, "the login answer is neither a list nor 0")
    key = _md5secret(body)
    if key is None:
        candidates = [body[-1]] if body else []
        if len(body) >= 3:
            candidates.append(body[2])
        key = next((item for item in candidates if isinstance(item, str) and item), None)
    if key is None:
        raise reply.error(MalformedResponseError, "the login answer holds no API key (no md5secret, no key item)")
    if not _KEY.fullmatch(key):
        raise reply.error(MalformedResponseError, "the login answer's API key is not base64 text")
    return key


def _md5secret(items: list) -> str | None:
    for item in items:
        if isinstance(item, dict):
            value = next((v for k, v in item.items() if isinstance(k, str) and k.lower() == "md5secret"), None)
            if isinstance(value, str) and value:
                return value
    return None


def read_end_session(reply: Reply) -> None:
    """``1``: ended. ``0``: ApiError (vendor_code 0). A refused key: AuthenticationError."""
    response = reply.response
    if not response.ok:
        raise_for_status(reply, None, _vendor_text(response))
    answer = response.text.strip()
    if answer == "1":
        return None
    if answer == "0":
        raise reply.error(ApiError, "the session was not ended (the answer is 0)", vendor_code=0)
    raise reply.error(MalformedResponseError, "EndSession answered neither 1 nor 0")


def resource_path(resource: Any) -> str:
    """``Integra/resources/<resource>`` with each segment quoted; InvalidArgument for a resource
    that is not a relative path of plain segments (a scheme, ``..``, a query, a control character)."""
    if not isinstance(resource, str) or not resource:
        raise InvalidArgument("uContact: a resource is a non-empty path such as 'any/request'")
    if resource.startswith("/") or _SCHEME.match(resource) or "?" in resource or "#" in resource or "\\" in resource:
        raise InvalidArgument(f"uContact: {resource!r}: a resource is relative to Integra/resources/, "
                              "without scheme, query or fragment (parameters go in params)")
    if resource.lower().rstrip("/") in _SESSION_RESOURCES:
        raise InvalidArgument("uContact: the client logs in and ends its session itself (end_session())")
    return RESOURCES + "/".join(segment(part) for part in resource.split("/"))


def _form_value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as jQuery's $.param writes them
    if isinstance(value, (str, int, float)):
        return str(value)
    raise InvalidArgument(f"uContact: parameter {name!r} must be a string, number or boolean, "
                          f"not {type(value).__name__}")


def resource_call(resource: str, params: Mapping[str, Any] | None, method: str,
                  idempotent: bool | None) -> Call:
    """A call to one Integra resource: POST and PUT send ``params`` form-encoded (the document's
    ``$.ajax`` example), GET and DELETE in the query. The answer is read by :func:`read_body`."""
    path = resource_path(resource)
    if not isinstance(method, str) or method.upper() not in METHODS:
        raise InvalidArgument(f"uContact: method must be one of {', '.join(METHODS)}")
    method = method.upper()
    if params is None:
        params = {}
    if not isinstance(params, Mapping) or not all(isinstance(name, str) and name for name in params):
        raise InvalidArgument("uContact: params must be a mapping of parameter names to values")
    pairs = tuple((name, _form_value(name, value)) for name, value in params.items())
    if idempotent is not None and not isinstance(idempotent, bool):
        raise InvalidArgument("uContact: idempotent must be True, False or None")
    in_body = method in ("POST", "PUT")
    return Call(resource, method, path, read_body, headers=ACCEPT, idempotent=idempotent,
                form=pairs if in_body else None, query=() if in_body else pairs)


def read_body(reply: Reply) -> Any:
    """A resource's answer, read leniently: the JSON it holds when it parses, else its text. What
    a ``0`` means is the resource's to say, so it is returned as it came. An error status raises."""
    response = reply.response
    if not response.ok:
        raise_for_status(reply, None, _vendor_text(response))
    try:
        return response.json()
    except ValueError:
        return response.text


def _vendor_text(response: Response) -> str | None:
    """The first line of an error answer, when it is short text (not a page of HTML)."""
    text = response.text.strip()
    if not text or text.startswith("<"):
        return None
    return text.splitlines()[0][:_MAX_VENDOR_TEXT]

