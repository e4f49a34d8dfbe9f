"""UCS REST (seed 000) as the core sees it: the OAuth login, the bearer header, and the reading
of its envelopes.

What the document says, and what we chose where it is silent:

- ``POST /login/oauth2/token`` (outside ``/api/v1.0``) with a JSON body; ``expires_in`` comes as
  a string ("3610"). There is no refresh token: renewal is a new login.
- Login errors are OAuth-shaped (``error``, ``error_description``) with 400 or 401.
- Everything else answers 2xx "for successful calls and expected errors": ``success: false`` is
  an error. A failed update carries ``data`` = {field: message} (ValidationError with those
  fields); other failures carry a message in ``error`` (or, in some examples, in ``data``).
- The document does not say what a call with an expired token gets. We read a 401 on an API call
  as "token refused": one new login, one replay (UCS is an OAuth 2.0 resource server, and RFC
  6750 answers an invalid token with 401).
- Unexpected exceptions are 500 (ServerError; retried for idempotent calls).
"""

from __future__ import annotations

from typing import Any

from ..calls import Call, Reply
from ..errors import (AuthenticationError, MalformedResponseError, NotFoundError, ValidationError)
from ..flow import raise_for_status
from ..messages import Response
from ..tokens import Token

VENDOR = "UCS"
API = "/api/v1.0"
TOKEN_PATH = "/login/oauth2/token"


class UcsApi:
    vendor = VENDOR

    def __init__(self, base_url: str, client_id: str, client_secret: str):
        self.base_url = base_url
        self._client_id = client_id
        self._client_secret = client_secret

    def login(self) -> Call:
        return Call("login", "POST", TOKEN_PATH, read_token, authenticated=False,
                    json={"client_id": self._client_id, "client_secret": self._client_secret,
                          "grant_type": "client_credentials"},
                    # A login changes nothing on the server: retrying it after a 5xx is safe.
                    idempotent=True)

    def authorize(self, token: Token) -> tuple[tuple[str, str], ...]:
        return (("Authorization", f"Bearer {token.value}"),)

    def rejects_token(self, response: Response) -> bool:
        return response.status == 401

    def __repr__(self) -> str:
        return f"UcsApi({self.base_url!r}, client_id={self._client_id!r})"


def read_token(reply: Reply) -> Token:
    """The OAuth answer: a token, or the OAuth error (400 bad request, 401 bad credentials)."""
    body = _json_or_none(reply)
    if not reply.response.ok:
        code = body.get("error") if isinstance(body, dict) else None
        description = body.get("error_description") if isinstance(body, dict) else None
        if reply.response.status in (400, 401):
            raise reply.error(AuthenticationError, description or "login refused", vendor_code=code,
                              vendor_message=description)
        raise_for_status(reply, code, description)
    if not isinstance(body, dict) or not isinstance(body.get("access_token"), str) or not body["access_token"]:
        raise reply.error(MalformedResponseError, "the login answer has no access_token")
    return Token(body["access_token"], _seconds(body.get("expires_in")))


def _seconds(value: Any) -> float | None:
    # "3610" in the document; a number is read too. Anything else: lifetime unknown (renewed
    # only when refused).
    if isinstance(value, bool):
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds > 0 else None


def _json_or_none(reply: Reply) -> Any:
    try:
        return reply.response.json()
    except ValueError:
        return None


def read_data(reply: Reply, *, missing: type = NotFoundError) -> Any:
    """The ``data`` of a successful envelope; the error of a failed one.

    ``missing`` is the class for a failure that is not about fields: NotFoundError for calls
    that name one object (its id is what went wrong), ApiError otherwise.
    """
    return envelope(reply, missing=missing).get("data")


def envelope(reply: Reply, *, missing: type = NotFoundError) -> dict:
    """The whole successful envelope (``data``, and ``total`` for the µCRM lists), parsed once;
    the error of a failed one (see :func:`read_data`)."""
    body = _json_or_none(reply)
    if not reply.response.ok:
        message = body.get("error") if isinstance(body, dict) else None
        raise_for_status(reply, None, message if isinstance(message, str) else None)
    if not isinstance(body, dict) or "success" not in body:
        raise reply.error(MalformedResponseError, "the answer is not a UCS envelope ({success, data})")
    if body["success"] is True:
        return body
    data, message = body.get("data"), body.get("error")
    if isinstance(data, dict) and data and all(isinstance(v, str) for v in data.values()):
        # The messages may quote what was sent, a credential included: masked as the summary is.
        fields = {name: reply.redact(text) for name, text in data.items()}
        summary = "; ".join(f"{k}: {v}" for k, v in fields.items())
        raise reply.error(ValidationError, f"refused: {summary}", vendor_message=summary, fields=fields)
    text = message if isinstance(message, str) else data if isinstance(data, str) else "success: false"
    raise reply.error(missing, text, vendor_message=text)
