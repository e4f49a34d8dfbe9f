"""How a XUC client logs in: one class per login of the seed. Each builds its login call and
names its secrets (masked in everything the client says). No repr shows a secret.

``repeatable``: a password login may be sent again when the token can no longer be renewed; a
Kerberos Negotiate header, a CAS service ticket and an OIDC access token are one-time
credentials the caller obtained for this login (see :mod:`.api`).
"""

from __future__ import annotations

from typing import Any, Callable

from ..calls import Call
from ..errors import InvalidArgument

API = "/xuc/api/2.0"


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidArgument(f"XUC: {name} must be a non-empty string")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise InvalidArgument(f"XUC: {name} may not hold control characters")
    return value


class _PasswordLogin:
    repeatable = True
    kind: str
    user_type: str
    path: str

    def __init__(self, login: str, password: str):
        self.login = _text("login", login)
        self._password = _text("password", password)

    def secrets(self) -> tuple[str, ...]:
        return (self._password,)

    def login_call(self, read: Callable) -> Call:
        return Call(f"auth.{self.kind}", "POST", API + self.path, read, authenticated=False,
                    json={"login": self.login, "password": self._password},
                    # A login changes no data: a 5xx or a lost answer is worth another try.
                    idempotent=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.login!r}, password=<redacted>)"


class CtiUser(_PasswordLogin):
    """A CTI user's login and password (``POST /auth/login``)."""

    kind, user_type, path = "login", "cti", "/auth/login"


class WebServiceUser(_PasswordLogin):
    """A web-service user's login and password (``POST /auth/webservice``): a server secret."""

    kind, user_type, path = "webservice", "webservice", "/auth/webservice"


class Kerberos:
    """Kerberos SSO (``GET /auth/sso``): the caller's ``Authorization: Negotiate ...`` header
    value, as the browser or the CRM's SPNEGO layer produced it. One time only; CTI users only."""

    repeatable, kind, user_type = False, "kerberos", "cti"

    def __init__(self, negotiate: str):
        value = _text("negotiate", negotiate)
        if not value.startswith("Negotiate ") or len(value) <= len("Negotiate "):
            raise InvalidArgument("XUC: negotiate is the Authorization header's value, 'Negotiate <token>'")
        self._header = value

    def secrets(self) -> tuple[str, ...]:
        return (self._header, self._header.removeprefix("Negotiate "))

    def login_call(self, read: Callable) -> Call:
        return Call("auth.sso", "GET", API + "/auth/sso", read, authenticated=False,
                    headers=(("Authorization", self._header),))

    def __repr__(self) -> str:
        return "Kerberos(<redacted>)"


class Cas:
    """CAS SSO (``GET /auth/cas?service=...&ticket=...``): the service URL and the service
    ticket the CAS server gave the user. One time only (a CAS ticket is single-use); CTI users."""

    repeatable, kind, user_type = False, "cas", "cti"

    def __init__(self, service: str, ticket: str):
        self.service = _text("service", service)
        self._ticket = _text("ticket", ticket)

    def secrets(self) -> tuple[str, ...]:
        return (self._ticket,)

    def login_call(self, read: Callable) -> Call:
        return Call("auth.cas", "GET", API + "/auth/cas", read, authenticated=False,
                    query=(("service", self.service), ("ticket", self._ticket)))

    def __repr__(self) -> str:
        return f"Cas({self.service!r}, ticket=<redacted>)"


class Oidc:
    """OpenID Connect (``GET /auth/oidc``): the user's access token, in the query (the seed's
    example) or, with ``bearer=True``, as ``Authorization: Bearer`` (the seed's note; it keeps the
    token out of server access logs). One time only: the client cannot get a new access token."""

    repeatable, kind = False, "oidc"
    user_type = None  # the seed's answer names a web-service user, its note says "CTI user": the JWT says

    def __init__(self, token: str, *, bearer: bool = False):
        self._token = _text("token", token)
        if not isinstance(bearer, bool):
            raise InvalidArgument("XUC: bearer must be True or False")
        self.bearer = bearer

    def secrets(self) -> tuple[str, ...]:
        return (self._token,)

    def login_call(self, read: Callable) -> Call:
        if self.bearer:
            return Call("auth.oidc", "GET", API + "/auth/oidc", read, authenticated=False,
                        headers=(("Authorization", f"Bearer {self._token}"),))
        return Call("auth.oidc", "GET", API + "/auth/oidc", read, authenticated=False,
                    query=(("token", self._token),))

    def __repr__(self) -> str:
        return f"Oidc(<redacted>, bearer={self.bearer})"


CREDENTIALS = (CtiUser, WebServiceUser, Kerberos, Cas, Oidc)
