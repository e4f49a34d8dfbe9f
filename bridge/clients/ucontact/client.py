"""The uContact Integra clients: :class:`UContactClient` (sync, thread-safe) and
:class:`AsyncUContactClient` (asyncio), and :func:`end_session` for a key another process holds.

The session rule (the document asks to end every session, "to avoid security problems"): a
client logs in on first use and the session it opened is ended. ``with UContactClient(...) as
uc:`` ends it on exit, also when the body raised, then closes the connections; without ``with``,
call ``uc.end_session()`` then ``uc.close()``.

The supervisor's password is a server secret: these clients run on the CRM's server, never in a
browser.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from ..base import AsyncClient, SyncClient, checked_base_url
from ..engines import DEFAULT_TIMEOUT
from ..errors import InvalidArgument
from ..redaction import Redactor
from ..retry import RetryPolicy
from .api import VENDOR, UContactApi, checked_key, resource_call

log = logging.getLogger("bridge.clients.ucontact")


def _api(base_url: Any, user: Any, password: Any, *, logs_in: bool = True) -> tuple[UContactApi, Redactor]:
    """The Api and the redactor of one client (``logs_in=False``: one that only ends a session
    given its key, with no password)."""
    if not isinstance(user, str) or not user:
        raise InvalidArgument(f"{VENDOR}: user must be a non-empty string")
    if logs_in and (not isinstance(password, str) or not password):
        raise InvalidArgument(f"{VENDOR}: password must be a non-empty string")
    redactor = Redactor(password)  # also masked form-encoded, as the login's body carries it
    # "Only https is used" (the document): checked_base_url allows plain http to this machine only.
    return UContactApi(checked_base_url(base_url, vendor=VENDOR), user, password, redactor), redactor


class _Operations:
    """The operations, once: ``self._run`` makes each a result or an awaitable."""

    _run: Any
    _api: UContactApi
    _engine: Any

    def request(self, resource: str, params: Mapping[str, Any] | None = None, *, method: str = "POST",
                idempotent: bool | None = None):
        """Calls ``Integra/resources/<resource>`` (``"any/request"``) with ``params``: form-encoded
        for POST (the default) and PUT, in the query for GET and DELETE. Returns the answer's JSON
        when it parses, else its text. Retried only when ``idempotent`` (default: what the method
        says, so a POST never is)."""
        return self._run(resource_call(resource, params, method, idempotent))

    def end_session(self):
        """Ends this client's session (EndSession); nothing is sent when none is open. Then the
        key is forgotten, and a later call logs in again. ``0`` raises ApiError (vendor_code 0)
        and the key is kept, so it may be tried again; a refused key (401) is forgotten too."""
        key = self._key()
        if key is None:
            return self._nothing()
        return self._run(self._api.end_session(key, self._forget))

    @property
    def has_session(self) -> bool:
        """Whether the client holds an API key (logged in, session not ended)."""
        return self._key() is not None

    def _key(self) -> str | None:
        token = self._engine.tokens.token
        return token.value if token is not None else None

    def _forget(self, key: str) -> None:
        # Only that key: another thread may have logged in anew since.
        if self._key() == key:
            self._engine.tokens.forget()

    def _not_ended(self, error: BaseException) -> None:
        # The body's exception is the one to see; this one is only told.
        log.warning("%s: the session of %s was not ended while an error propagated: %s: %s", VENDOR,
                    self._api.user, type(error).__name__, self._engine.redactor.text(str(error)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._api.base_url!r}, user={self._api.user!r})"


class UContactClient(_Operations, SyncClient):
    """``UContactClient("https://acme.ucontactcloud.com", user, password)``.

    Logs in on first use, sends ``Authorization: Basic <key>`` on every call, logs in once more
    and replays once when a call's key is refused (401). ``timeout`` seconds per attempt;
    ``retry`` for idempotent calls; ``transport`` an httpx2 transport
    (``httpx2.WSGITransport(app=fake)`` in tests); ``verify`` as httpx2's.
    """

    def __init__(self, base_url: str, user: str, password: str, *, timeout: float = DEFAULT_TIMEOUT,
                 retry: RetryPolicy = RetryPolicy(), transport=None, verify=True):
        api, redactor = _api(base_url, user, password)
        super().__init__(api, redactor, timeout=timeout, retry=retry, transport=transport, verify=verify)

    def login(self) -> None:
        """Logs in now unless a session is open (a check of the credentials at start-up; else
        the first call logs in)."""
        self._engine.token(None)

    def _nothing(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.has_session:
                try:
                    self.end_session()
                except Exception as error:
                    if exc_type is None:
                        raise
                    self._not_ended(error)
        finally:
            self.close()


class AsyncUContactClient(_Operations, AsyncClient):
    """The async twin of :class:`UContactClient` (same arguments; every method is awaited;
    ``async with`` ends the session)."""

    def __init__(self, base_url: str, user: str, password: str, *, timeout: float = DEFAULT_TIMEOUT,
                 retry: RetryPolicy = RetryPolicy(), transport=None, verify=True):
        api, redactor = _api(base_url, user, password)
        super().__init__(api, redactor, timeout=timeout, retry=retry, transport=transport, verify=verify)

    async def login(self) -> None:
        await self._engine.token(None)

    async def _nothing(self) -> None:
        return None

    async def __aexit__(self, exc_type, exc, tb) -> None:
        try:
            if self.has_session:
                try:
                    await self.end_session()
                except Exception as error:
                    if exc_type is None:
                        raise
                    self._not_ended(error)
        finally:
            await self.close()


def end_session(base_url: str, user: str, api_key: str, *, timeout: float = DEFAULT_TIMEOUT, transport=None,
                verify=True) -> None:
    """Ends the session of ``api_key``, a key another process holds or left open, without
    logging in (the CLI's ``end-session``). ``user`` is the key's user. Raises as
    :meth:`UContactClient.end_session` does; never retried (the document does not say a second
    EndSession is harmless)."""
    api, redactor = _api(base_url, user, None, logs_in=False)
    api.keep_secret(checked_key(api_key))  # before anything could quote it
    client = SyncClient(api, redactor, timeout=timeout, transport=transport, verify=verify)
    try:
        client._run(api.end_session(api_key, lambda key: None))
    finally:
        client.close()
