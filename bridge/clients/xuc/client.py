"""The XiVO XUC REST API 2.0 clients: :class:`XucClient` (sync, thread-safe) and
:class:`AsyncXucClient` (asyncio; in Pyodide over pyfetch). Each method is one operation of
:mod:`.operations`, written once for both.

Before a call is sent, what the token says is checked (:meth:`_Operations._refusal`): a CTI user
is told an endpoint is for web-service users, and a token whose ``acls`` do not grant the ACL the
seed names for the endpoint gets PermissionDeniedError naming it. Nothing is sent then.

Where it may run: a CTI user's own token (CtiUser, Kerberos, CAS, OIDC) is per-agent and may live
in the browser's worker (the async client over pyfetch, the XUC origin in ``apiOrigins``);
web-service credentials (WebServiceUser: dial, DND, forwards for anyone) are server secrets.
"""

from __future__ import annotations

from typing import Any

from ..base import AsyncClient, SyncClient, checked_base_url
from ..calls import Call
from ..engines import DEFAULT_TIMEOUT
from ..errors import InvalidArgument, PermissionDeniedError
from ..redaction import Redactor, redact_url
from ..retry import RetryPolicy
from ..tokens import Token
from . import operations as ops
from .api import API, VENDOR, Claims, XucApi, granted
from .credentials import CREDENTIALS


def _api(base_url: Any, credentials: Any) -> tuple[XucApi, Redactor]:
    if not isinstance(credentials, CREDENTIALS):
        raise InvalidArgument("XUC: credentials must be CtiUser, WebServiceUser, Kerberos, Cas or Oidc")
    base = checked_base_url(base_url, vendor=VENDOR)
    if base.endswith(API) or base.endswith("/xuc"):
        # The seed's base URL is http://host:8090/xuc/api/2.0; the 1.0 API sits beside it, so the
        # client is given the server's root and adds the prefixes itself.
        raise InvalidArgument(f"XUC: the base URL is the server's root (https://host:port), without {API}")
    redactor = Redactor(*credentials.secrets())
    return XucApi(base, credentials, redactor), redactor


class _Operations:
    """Every XUC 2.0 operation, once: ``self._run`` makes it a result or an awaitable."""

    _api: XucApi
    _engine: Any
    _run: Any

    def __init__(self, base_url: str, credentials, *, legacy_api: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 retry: RetryPolicy = RetryPolicy(), transport=None, verify=True, **engine_options):
        # Then SyncClient's or AsyncClient's (the next class of each client's MRO).
        api, redactor = _api(base_url, credentials)
        super().__init__(api, redactor, timeout=timeout, retry=retry, transport=transport, verify=verify,
                         **engine_options)
        self._legacy = LegacyApi(self._run, redactor) if _flag(legacy_api) else None

    # authentication
    def check(self):
        """``GET /auth/check`` -> :class:`~.models.LoginAnswer` (login, a renewed token, TTL). The
        client renews its own token by itself before expiry; this is for a caller who wants to know."""
        return self._run(self._api.check())

    @property
    def renewals(self) -> int:
        """How many tokens this client renewed through /auth/check (``logins`` counts the logins)."""
        return self._engine.tokens.renewals

    @property
    def claims(self) -> Claims | None:
        """What the current token's JWT says (login, user_type, acls, expires_at; decoded, not
        verified), or None before the first login."""
        token = self._engine.tokens.token
        return token.claims if token is not None else None

    # personal contacts
    def contacts(self):
        """``GET /contact/personal`` -> :class:`~.models.ContactList` (headers, entries; ``rows()``)."""
        return self._run(ops.contacts())

    def contact(self, contact_id: str):
        """-> :class:`~.models.Contact` (NotFoundError, vendor_code ContactNotFound, if none)."""
        return self._run(ops.contact(contact_id))

    def create_contact(self, fields):
        """``fields``: lastname, firstname, company, email, number, mobile, fax (one of number,
        mobile, fax, email, lastname, firstname at least) -> the created :class:`~.models.Contact`."""
        return self._run(ops.create_contact(fields))

    def update_contact(self, contact_id: str, fields):
        return self._run(ops.update_contact(contact_id, fields))

    def delete_contact(self, contact_id: str):
        return self._run(ops.delete_contact(contact_id))

    def delete_all_contacts(self):
        return self._run(ops.delete_all_contacts())

    def export_contacts(self):
        """The user's personal contacts as CSV text (``str``)."""
        return self._run(ops.export_contacts())

    def import_contacts(self, csv_text):
        """CSV text (or UTF-8 bytes) with a header line -> :class:`~.models.ContactImport`."""
        return self._run(ops.import_contacts(csv_text))

    # call qualifications, mobile
    def qualifications(self, queue_id):
        """-> list of :class:`~.models.Qualification` of the queue."""
        return self._run(ops.qualifications(queue_id))

    def qualification_answers(self):
        """Every call qualification answer (``GET /call_qualification``) -> a list of objects
        (sub_qualification_id, time, callid, agent, queue, first_name, last_name, comment, custom_data)."""
        return self._run(ops.all_qualification_answers())

    def create_qualification(self, answer):
        return self._run(ops.create_qualification(answer))

    def export_qualifications(self, queue_id, start: str, end: str):
        """The queue's qualification answers as CSV text."""
        return self._run(ops.export_qualifications(queue_id, start, end))

    def register_push(self, push_token: str):
        return self._run(ops.register_push(push_token))

    # dial, DND, forwards (web-service users)
    def dial_number(self, user: str, destination: str, variables=None):
        return self._run(ops.dial_number(user, destination, variables))

    def dial_user(self, user: str, target: str, variables=None):
        return self._run(ops.dial_user(user, target, variables))

    def dial_from_queue(self, user: str, destination: str, queue_id: int, variables=None):
        return self._run(ops.dial_from_queue(user, destination, queue_id, variables))

    def dial_to_queue(self, destination: str, queue_name: str, caller_id_number: str, variables=None):
        return self._run(ops.dial_to_queue(destination, queue_name, caller_id_number, variables))

    def set_dnd(self, user: str, state: bool):
        return self._run(ops.set_dnd(user, state))

    def forward_unconditional(self, user: str, destination: str, enabled: bool = True):
        """``enabled=False`` turns it off (``destination`` may then be "")."""
        return self._run(ops.set_forward("unconditional", user, destination, enabled))

    def forward_no_answer(self, user: str, destination: str, enabled: bool = True):
        return self._run(ops.set_forward("noanswer", user, destination, enabled))

    def forward_busy(self, user: str, destination: str, enabled: bool = True):
        return self._run(ops.set_forward("busy", user, destination, enabled))

    # history, callbacks (web-service users)
    def history(self, user: str, size: int):
        """The user's last ``size`` calls -> list of :class:`~.models.HistoryEntry`."""
        return self._run(ops.history(user, size))

    def history_days(self, user: str, days: int):
        return self._run(ops.history_days(user, days))

    def import_callbacks(self, list_uuid: str, csv_text):
        return self._run(ops.import_callbacks(list_uuid, csv_text))

    def export_callback_tickets(self, list_uuid: str):
        """The list's callback tickets as CSV text."""
        return self._run(ops.export_callback_tickets(list_uuid))

    @property
    def legacy(self) -> "LegacyApi":
        """The deprecated 1.0 API, only on a client made with ``legacy_api=True``."""
        if self._legacy is None:
            raise InvalidArgument("XUC: the deprecated 1.0 API is off: construct the client with legacy_api=True")
        return self._legacy

    # the checks made before a call is sent
    def _refusal(self, call: Call, token: Token | None) -> PermissionDeniedError | None:
        if not isinstance(call, ops.XucCall):
            return None
        claims = token.claims if token is not None and isinstance(token.claims, Claims) else Claims()
        user_type = claims.user_type or self._api.credentials.user_type
        if call.web_service_only and user_type == "cti":
            return PermissionDeniedError(f"{call.operation} is for web-service users only; this client is a CTI "
                                         "user's (log in with WebServiceUser)", vendor=VENDOR,
                                         operation=call.operation, url=self._url(call), method=call.method)
        if call.acl is not None and claims.acls is not None and not granted(claims.acls, call.acl):
            acl = ".".join(call.acl)
            return PermissionDeniedError(f"the token lacks the ACL {acl}", vendor=VENDOR, operation=call.operation,
                                         url=self._url(call), method=call.method, vendor_code=acl)
        return None

    def _url(self, call: Call) -> str:
        return redact_url(self._api.base_url + call.path)

    def _needs_check(self, call: Call) -> bool:
        return isinstance(call, ops.XucCall) and (call.acl is not None or call.web_service_only)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact_url(self._api.base_url)!r}, {self._api.credentials!r})"


class LegacyApi:
    """The deprecated XUC 1.0 API (``/xuc/api/1.0``): no token; the server serves it only to the
    addresses listed in ``DEPRECATED_API_HOST`` (XiVO CC's custom.env), and answers others with an
    error. ``domain`` is the XiVO domain of the seed's URLs (``avencall.com``). Each method
    returns the answer's JSON (or None when there is none); history returns HistoryEntry records."""

    def __init__(self, run, redactor: Redactor):
        self._run = run
        self._redactor = redactor

    def connect(self, domain: str, user: str, password: str):
        call = ops.legacy_connect(domain, user, password)
        self._redactor.add(password)  # a server quoting it in an error must not show it
        return self._run(call)

    def dnd(self, domain: str, user: str, state: bool):
        return self._run(ops.legacy_dnd(domain, user, state))

    def dial(self, domain: str, user: str, number: str):
        return self._run(ops.legacy_dial(domain, user, number))

    def dial_by_username(self, domain: str, user: str, target: str):
        return self._run(ops.legacy_dial_by_username(domain, user, target))

    def dial_from_queue(self, domain: str, user: str, destination: str, queue_id: int, caller_id_name: str,
                        caller_id_number: str, variables=None):
        return self._run(ops.legacy_dial_from_queue(domain, user, destination, queue_id, caller_id_name,
                                                    caller_id_number, variables))

    def forward_unconditional(self, domain: str, user: str, state: bool, destination: str):
        return self._run(ops.legacy_forward("unconditional", domain, user, state, destination))

    def forward_no_answer(self, domain: str, user: str, state: bool, destination: str):
        return self._run(ops.legacy_forward("noanswer", domain, user, state, destination))

    def forward_busy(self, domain: str, user: str, state: bool, destination: str):
        return self._run(ops.legacy_forward("busy", domain, user, state, destination))

    def agent_login(self, agent_phone_number: str, agent_number: str):
        return self._run(ops.legacy_agent_login(agent_phone_number, agent_number))

    def agent_logout(self, phone_number: str):
        return self._run(ops.legacy_agent_logout(phone_number))

    def toggle_pause(self, phone_number: str):
        return self._run(ops.legacy_toggle_pause(phone_number))

    def history(self, domain: str, user: str, *, size: int | None = None, days: int | None = None):
        return self._run(ops.legacy_history(domain, user, size=size, days=days))


class XucClient(_Operations, SyncClient):
    """``XucClient("https://xuc.example.com:8090", WebServiceUser("crm", password))``.

    Logs in on first use; renews the token through ``/auth/check`` before it expires (from the
    JWT's ``expiresAt`` or the answer's ``TTL``); on a 403 TokenExpired/InvalidToken one shared
    renewal or re-login and one replay. ``legacy_api=True`` adds :attr:`legacy`. ``clock`` and
    ``wall_clock`` (tests) are the engine's monotonic clock and the epoch clock that reads
    ``expiresAt``. ``timeout``, ``retry``, ``transport``, ``verify`` as the other clients'."""

    def _run(self, call: Call):
        if self._needs_check(call):
            token = None if self._refusal(call, None) else self._engine.token(None)
            refusal = self._refusal(call, token)
            if refusal is not None:
                raise refusal
        return self._engine.run(call)

    def login(self) -> None:
        """Logs in now unless a token is held (a check of the credentials at start-up)."""
        self._engine.token(None)


class AsyncXucClient(_Operations, AsyncClient):
    """The async twin of :class:`XucClient` (same arguments; every method is awaited)."""
    def _run(self, call: Call):
        return self._checked(call)

    async def _checked(self, call: Call):
        if self._needs_check(call):
            token = None if self._refusal(call, None) else await self._engine.token(None)
            refusal = self._refusal(call, token)
            if refusal is not None:
                raise refusal
        return await self._engine.run(call)

    async def login(self) -> None:
        await self._engine.token(None)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument("XUC: legacy_api must be True or False")
    return value
