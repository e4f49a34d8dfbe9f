"""XiVO XUC REST API 2.0 (seed 004) as the core sees it: the logins, the bearer header, the
renewal through ``/auth/check``, the JWT's claims, the ACL rule, and the reading of
``{error, message}`` answers. No I/O.

What the document says, and what we chose where it is silent or says two things:

- ``POST /auth/login`` (CTI user) and ``POST /auth/webservice`` answer ``{login, token, TTL}``
  (TTL in seconds). Kerberos (``GET /auth/sso``) and CAS (``GET /auth/cas``) answer no TTL; the
  JWT carries ``expiresAt``/``issuedAt`` in milliseconds since the epoch, ``login``,
  ``userType`` and ``acls``. We decode the JWT's payload (base64url, then JSON) WITHOUT
  verifying its signature: the client only schedules its own renewal and checks its own ACLs
  before sending; the server verifies the token on every call, so a forged claim gains nothing.
  Whichever of TTL and expiresAt is known schedules the renewal; with both, the earlier. The
  JWT's lifetime is ``expiresAt - issuedAt`` (both the server's clock: no skew with ours); without
  ``issuedAt``, ``expiresAt`` is read as an absolute expiry with the engine's wall clock.
- ``GET /auth/check`` checks and renews: a token due for renewal is traded there (the core's
  ``renew`` hook), single-flight; when that fails, a login (when one may be repeated).
- An expired or invalid token is 403 ``TokenExpired`` / ``InvalidToken`` (not 401: a missing
  header is 400 ``AuthorizationHeaderNotFound``/``BearerNotFound``): that 403 is the refusal the
  core answers with one shared renewal or re-login and one replay.
- Kerberos, CAS and OIDC logins spend a credential the caller obtained once (a Negotiate header,
  a CAS service ticket, an OAuth access token): the client cannot repeat them. Their first login
  runs; a second one raises AuthenticationError ("the SSO login must be done again") instead of
  sending the spent credential again (a loop of refusals).
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from dataclasses import dataclass
from typing import Any

from ..calls import Call, Reply
from ..errors import (ApiError, AuthenticationError, MalformedResponseError, NotFoundError, ServerError,
                      ValidationError, for_status)
from ..flow import raise_for_status
from ..messages import Response
from ..redaction import Redactor
from ..tokens import Token
from .models import LoginAnswer

VENDOR = "XUC"
API = "/xuc/api/2.0"
LEGACY_API = "/xuc/api/1.0"

# The 403 bodies that mean "this token is no longer good" (the seed's /auth/check table).
REFUSED_TOKEN_CODES = frozenset({"TokenExpired", "InvalidToken"})

# XUC's error codes (the seed's tables), each onto the core's class. A code means the same
# wherever it comes, except UserNotFound: 401 at a login (no such user to log in: credentials),
# 400 at dnd/forward/history (the username in the URL: the object named does not exist).
ERROR_CLASSES: dict[str, type[ApiError]] = {
    # Logins and tokens: the credentials or the token were refused.
    "InvalidCredentials": AuthenticationError,
    "SsoAuthenticationFailed": AuthenticationError,
    "TokenExpired": AuthenticationError,
    "InvalidToken": AuthenticationError,
    # 400s about the header: our client always sends one, so the server could not read it.
    "BearerNotFound": AuthenticationError,
    "AuthorizationHeaderNotFound": AuthenticationError,
    # CAS and OIDC: the SSO login was refused (403 in the seed, but not "not allowed": the
    # ticket or access token is bad or SSO is not set up), so AuthenticationError.
    "CasServerUrlNotSet": AuthenticationError,
    "CasServerInvalidResponse": AuthenticationError,
    "CasServerInvalidParameter": AuthenticationError,
    "CasServerInvalidRequest": AuthenticationError,
    "CasServerInvalidTicketSpec": AuthenticationError,
    "CasServerUnauthorizedServiceProxy": AuthenticationError,
    "CasServerInvalidProxyCallback": AuthenticationError,
    "CasServerInvalidTicket": AuthenticationError,
    "CasServerInvalidService": AuthenticationError,
    "CasServerInternalError": AuthenticationError,
    "OidcNotEnabled": AuthenticationError,
    "OidcInvalidParameter": AuthenticationError,
    "OidcAuthenticationFailed": AuthenticationError,
    # The input was refused.
    "InvalidJson": ValidationError,
    "JsonBodyNotFound": ValidationError,
    "JsonErrorDecoding": ValidationError,
    "JsonParsingError": ValidationError,  # 500 in the seed, but it says the contact sent is not JSON
    "BadRequest": ValidationError,
    "InvalidContact": ValidationError,
    "DuplicateContact": ValidationError,  # 409: the core's tree reads a conflict as refused input
    # The object named does not exist.
    "ContactNotFound": NotFoundError,
    # The server, or a server behind it, failed.
    "Unreachable": ServerError,  # 503: the directory or config server is not reachable
    "NotHandledError": ServerError,
}


@dataclass(frozen=True)
class Claims:
    """What the JWT says of its user (decoded, not verified): ``acls`` None when it names none."""

    login: str | None = None
    user_type: str | None = None  # "cti" or "webservice"
    acls: tuple[str, ...] | None = None
    expires_at: float | None = None  # seconds since the epoch
    issued_at: float | None = None


def jwt_claims(token: str) -> Claims:
    """The claims of a JWT's payload, read with base64url and JSON and NOT verified (see the
    module's note); an opaque or unreadable token gives empty claims (nothing known)."""
    parts = token.split(".")
    if len(parts) != 3:
        return Claims()
    payload = parts[1]
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, ValueError):
        return Claims()
    if not isinstance(data, dict):
        return Claims()
    acls = data.get("acls")
    return Claims(
        login=data.get("login") if isinstance(data.get("login"), str) else None,
        user_type=data.get("userType") if isinstance(data.get("userType"), str) else None,
        acls=tuple(a for a in acls if isinstance(a, str)) if isinstance(acls, list) else None,
        expires_at=_millis(data.get("expiresAt")),
        issued_at=_millis(data.get("issuedAt")),
    )


def _millis(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    return value / 1000.0


def _ttl(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    return float(value)


class XucApi:
    """One client's view of XUC: ``credentials`` is one of :mod:`.credentials`' kinds."""

    vendor = VENDOR

    def __init__(self, base_url: str, credentials, redactor: Redactor):
        self.base_url = base_url
        self.credentials = credentials
        self._redactor = redactor
        # A one-time credential is spent once the server answered its login, whatever the answer
        # (accepted, or refused: either way it cannot be sent again); a login that got no answer
        # at all (timeout, connection) leaves it unspent, so the next call may try once more.
        # The engine runs one login at a time, so no lock is needed around it.
        self.sso_spent = False

    def login(self) -> Call:
        if not self.credentials.repeatable and self.sso_spent:
            raise AuthenticationError(
                f"the {self.credentials.kind} SSO login must be done again: its one-time credential was spent "
                "and the token can no longer be renewed", vendor=VENDOR, operation="login")
        return self.credentials.login_call(self._read_login)

    def renew(self, token: Token) -> Call:
        # The token in the call's own header: the core's renewal never asks for a token itself.
        return Call("auth.check", "GET", API + "/auth/check", self._read_login, authenticated=False,
                    headers=self.authorize(token))

    def check(self) -> Call:
        """``GET /auth/check`` with the client's token, for a caller who asks: the answer (a
        :class:`~.models.LoginAnswer`, its renewed token masked from then on). The client keeps
        its own token, which stays valid to its expiry, and renews it by itself."""
        def read(reply: Reply) -> LoginAnswer:
            answer = read_login(reply)
            self._redactor.add(answer.token)
            return answer
        return Call("auth.check", "GET", API + "/auth/check", read)

    def authorize(self, token: Token) -> tuple[tuple[str, str], ...]:
        return (("Authorization", f"Bearer {token.value}"),)

    def rejects_token(self, response: Response) -> bool:
        if response.status != 403:
            return False
        try:
            body = response.json()
        except ValueError:
            return False
        return isinstance(body, dict) and body.get("error") in REFUSED_TOKEN_CODES

    def _read_login(self, reply: Reply) -> Token:
        self.sso_spent = True
        answer = read_login(reply)
        self._redactor.add(answer.token)
        claims = jwt_claims(answer.token)
        ttl = _ttl(answer.TTL)
        if claims.expires_at is not None and claims.issued_at is not None and claims.expires_at > claims.issued_at:
            # expiresAt - issuedAt: both stamped by the server's clock, so the JWT's lifetime is
            # right even when this machine's clock is off (an absolute expiry read with a clock
            # minutes off would renew too late, or at every call).
            life = claims.expires_at - claims.issued_at
            return Token(answer.token, life if ttl is None else min(ttl, life), None, claims)
        # No issuedAt: the absolute expiry, read with the engine's wall clock.
        return Token(answer.token, ttl, claims.expires_at, claims)

    def __repr__(self) -> str:
        return f"XucApi({self.base_url!r}, {self.credentials!r})"


def read_login(reply: Reply) -> LoginAnswer:
    """``{login, token, TTL}`` (TTL absent for Kerberos and CAS); a refused login is
    AuthenticationError whatever its status (401, or 403 for CAS and OIDC)."""
    body = _json_or_none(reply)
    if not reply.response.ok:
        raise_error(reply, body, default=AuthenticationError if reply.response.status in (401, 403) else None)
    if not isinstance(body, dict) or not isinstance(body.get("token"), str) or not body["token"]:
        raise reply.error(MalformedResponseError, "the login answer has no token")
    return LoginAnswer.from_api(body)


def _json_or_none(reply: Reply) -> Any:
    try:
        return reply.response.json()
    except ValueError:
        return None


def raise_error(reply: Reply, body: Any = None, *, default: type[ApiError] | None = None) -> None:
    """The error of a non-2xx answer: XUC's ``{error, message}`` kept as vendor_code and
    vendor_message, on the class :data:`ERROR_CLASSES` names (else ``default``, else the status')."""
    status = reply.response.status
    if 200 <= status < 300:
        return
    code = body.get("error") if isinstance(body, dict) and isinstance(body.get("error"), str) else None
    message = body.get("message") if isinstance(body, dict) and isinstance(body.get("message"), str) else None
    if code is None and default is None:
        raise_for_status(reply, None, message)  # not XUC's shape (a proxy's page): the status decides
    if code == "UserNotFound":
        cls = AuthenticationError if status == 401 else NotFoundError
    else:
        cls = ERROR_CLASSES.get(code) or default or for_status(status)
    raise reply.error(cls, message or code or "refused", vendor_code=code, vendor_message=message)


# --- ACLs -------------------------------------------------------------------------------------
#
# An ACL is dot-separated words. The seed writes the ACL an endpoint needs with ``*`` where the
# URL's parameter goes (``xuc.rest.dial.number.*.create`` for ``/dial/number/${USERNAME}``), and
# a user's ACLs with ``*`` and ``#`` (alias.ctiuser: ``xuc.rest.contact.personal.*.read``,
# ``xuc.rest.call_qualification.csv.#.read``, ``xuc.rest.config.#.read``). We read them as AMQP
# topics and Wazo's ACLs do: in a user's ACL, ``*`` matches exactly one word and ``#`` zero or
# more words. The ACL a request needs is the endpoint's, its ``*`` replaced by the request's
# parameter as ONE word (a username holding a dot is still one word: the check must never refuse
# what the server would allow), or, where the URL holds several parameters (the qualification
# export), one word each. ``#`` zero-or-more is the lenient reading, for the same reason.

# The seed: "All CTI users share the same permissions ... contained into the alias alias.ctiuser".
# A token naming the alias holds these.
CTI_USER_ALIAS = "alias.ctiuser"
CTI_USER_ACLS = (
    "xuc.rest.contact.personal.read",
    "xuc.rest.contact.personal.create",
    "xuc.rest.contact.personal.delete",
    "xuc.rest.contact.personal.*.read",
    "xuc.rest.contact.personal.*.update",
    "xuc.rest.contact.personal.*.delete",
    "xuc.rest.contact.export.personal.read",
    "xuc.rest.contact.import.personal.create",
    "xuc.rest.contact.display.personal.read",
    "xuc.rest.call_qualification.queue.*.read",
    "xuc.rest.call_qualification.csv.#.read",
    "xuc.rest.call_qualification.create",
    "xuc.rest.mobile.push.register.create",
    "xuc.rest.config.meetingrooms.static.token.*.read",
    "xuc.rest.config.meetingrooms.personal.token.*.read",
    "xuc.rest.config.meetingrooms.temporary.token.*.read",
    "xuc.rest.config.meetingrooms.personal.*.read",
    "xuc.rest.config.meetingrooms.personal.create",
    "xuc.rest.config.meetingrooms.personal.update",
    "xuc.rest.config.meetingrooms.personal.*.delete",
    "xuc.rest.config.#.read",
    "xuc.rest.config.#.create",
    "xuc.rest.config.#.update",
)


def needed_acl(template: str, *params: str) -> tuple[str, ...]:
    """The words of the ACL a request needs: ``template``'s words, each ``*`` (or a ``#``, for
    several parameters) replaced by the request's parameters, each one word."""
    words: list[str] = []
    values = list(params)
    for word in template.split("."):
        if word == "*":
            words.append(values.pop(0))
        elif word == "#":
            words.extend(values)
            values = []
        else:
            words.append(word)
    return tuple(words)


def acl_matches(pattern: str, needed: tuple[str, ...]) -> bool:
    """Whether a user's ACL ``pattern`` (``*`` one word, ``#`` zero or more) grants ``needed``."""
    return _match(tuple(pattern.split(".")), needed)


def _match(pattern: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        return any(_match(rest, words[i:]) for i in range(len(words) + 1))
    if not words:
        return False
    return (head == "*" or head == words[0]) and _match(rest, words[1:])


@functools.lru_cache(maxsize=1024)
def granted(acls: tuple[str, ...], needed: tuple[str, ...]) -> bool:
    """Whether any of a token's ``acls`` grants ``needed``. Checked before every call: the answer
    is kept per (ACLs, ACL needed), a few per client (its user's ACLs, the users it acts for)."""
    expanded = [acl for held in acls for acl in (CTI_USER_ACLS if held == CTI_USER_ALIAS else (held,))]
    # Two readings, granted if either grants: a parameter as one word (xuc.rest.dial.number.*.create
    # grants the user "john.doe"), and the ACL as its text reads, every dot a word boundary (an ACL
    # written for him, xuc.rest.dial.number.john.doe.create, is his too). The check runs before
    # the server's own: it may let through what the server refuses, never refuse what it allows.
    as_text = tuple(".".join(needed).split("."))
    return any(acl_matches(acl, needed) or acl_matches(acl, as_text) for acl in expanded)
