"""The UCS REST clients: :class:`UcsClient` (sync, thread-safe) and :class:`AsyncUcsClient`
(asyncio; in Pyodide over pyfetch). Each method is one operation of :mod:`.operations`.

The OAuth client secret belongs to a superuser account: these clients run on the CRM's server,
never in a browser.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from ..base import AsyncClient, SyncClient, checked_base_url
from ..errors import InvalidArgument
from ..redaction import Redactor
from . import operations as ops
from .api import API, VENDOR, UcsApi
from .models import Page


def _api(base_url: str, client_id: Any, client_secret: Any) -> tuple[UcsApi, Redactor]:
    for name, value in (("client_id", client_id), ("client_secret", client_secret)):
        if not isinstance(value, str) or not value:
            raise InvalidArgument(f"UCS: {name} must be a non-empty string")
    base = checked_base_url(base_url, vendor=VENDOR)
    if base.endswith(API):
        # The document writes its URL as https://ucs.example.com/api/v1.0, but the login is
        # outside it (/login/oauth2/token): with it, every login would miss and read as bad
        # credentials.
        raise InvalidArgument(f"UCS: the base URL is the server's root, without {API} (the client adds it)")
    return UcsApi(base, client_id, client_secret), Redactor(client_secret)


class _Operations:
    """Every UCS REST operation, once: ``self._run`` makes it a result or an awaitable."""

    _run: Any

    def status(self):
        """System, trunk and phone status (``GET /status``) -> :class:`~.models.Status`."""
        return self._run(ops.status())

    def queues(self):
        """Queues and campaigns with their live counters -> list of :class:`~.models.Queue`."""
        return self._run(ops.queues())

    def groups(self):
        return self._run(ops.groups())

    def roles(self):
        return self._run(ops.roles())

    def teams(self):
        return self._run(ops.teams())

    def call_record(self, uniqueid: str):
        """The CDR of a call -> :class:`~.models.CallRecord` (NotFoundError when UCS has none)."""
        return self._run(ops.call_record(uniqueid))

    def metadata(self, uniqueid: str):
        """The metadata of an active or ended call -> dict."""
        return self._run(ops.metadata(uniqueid))

    def update_metadata(self, uniqueid: str, changes: Mapping[str, Any]):
        """Sets the keys given (None deletes one) and returns the call's metadata after it."""
        return self._run(ops.update_metadata(uniqueid, changes))

    def shared_data(self, identificator: str):
        return self._run(ops.shared_data(identificator))

    def update_shared_data(self, identificator: str, value: Any):
        return self._run(ops.update_shared_data(identificator, value))

    def users(self):
        """Every user: list of :class:`~.models.UserSummary` (id, name, external_id)."""
        return self._run(ops.users())

    def user(self, user_id: int):
        return self._run(ops.user(user_id))

    def user_by_external_id(self, external_id: str):
        return self._run(ops.user_by_external_id(external_id))

    def create_user(self, fields: Mapping[str, Any]):
        """Creates a user (``username`` and ``group_id`` required) -> its id. Never retried."""
        return self._run(ops.create_user(fields))

    def update_user(self, user_id: int, fields: Mapping[str, Any]):
        """Raises ValidationError whose ``fields`` maps each refused attribute to UCS's message."""
        return self._run(ops.update_user(user_id, fields))

    def update_user_by_external_id(self, external_id: str, fields: Mapping[str, Any]):
        return self._run(ops.update_user_by_external_id(external_id, fields))

    def delete_user(self, user_id: int):
        return self._run(ops.delete_user(user_id))

    def delete_user_by_external_id(self, external_id: str):
        return self._run(ops.delete_user_by_external_id(external_id))

    def queue_membership(self):
        """Every agent's queues -> list of :class:`~.models.AgentQueues`."""
        return self._run(ops.queue_membership())

    def update_queue_membership(self, agents):
        """Bulk update -> one :class:`~.models.AgentUpdateResult` per agent (partial success is normal)."""
        return self._run(ops.update_queue_membership(agents))

    def persons(self, limit: int = ops.DEFAULT_PAGE_SIZE, offset: int = 0):
        """One page of µCRM persons -> :class:`~.models.Page` (items, total, limit, offset)."""
        return self._run(ops.persons(limit, offset))

    def person(self, person_id: int):
        return self._run(ops.person(person_id))

    def person_by_external_id(self, external_id: str):
        return self._run(ops.person_by_external_id(external_id))

    def create_person(self, fields: Mapping[str, Any]):
        """Creates a person (``group_id`` required) -> its id. Never retried."""
        return self._run(ops.create_person(fields))

    def update_person(self, person_id: int, fields: Mapping[str, Any]):
        return self._run(ops.update_person(person_id, fields))

    def delete_person(self, person_id: int):
        return self._run(ops.delete_person(person_id))

    def companies(self, limit: int = ops.DEFAULT_PAGE_SIZE, offset: int = 0):
        return self._run(ops.companies(limit, offset))

    def company(self, company_id: int):
        return self._run(ops.company(company_id))

    def company_by_external_id(self, external_id: str):
        return self._run(ops.company_by_external_id(external_id))

    def create_company(self, fields: Mapping[str, Any]):
        """Creates a company (``group_id`` required) -> its id. Never retried."""
        return self._run(ops.create_company(fields))

    def update_company(self, company_id: int, fields: Mapping[str, Any]):
        return self._run(ops.update_company(company_id, fields))

    def delete_company(self, company_id: int):
        return self._run(ops.delete_company(company_id))


def _page_size(page_size: Any) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= ops.MAX_PAGE_SIZE:
        raise InvalidArgument(f"page_size must be an integer from 1 to {ops.MAX_PAGE_SIZE}")
    return page_size


def _last(page: Page, offset: int) -> bool:
    """Whether ``page`` (at ``offset``) is the last one: empty, or reaching the total the server
    counts. Only without a total does a short page end the walk: a server may cap its pages
    below the limit asked for (the document names no maximum), and a short page is then no end."""
    if not page.items:
        return True
    if page.total is not None:
        return offset + len(page.items) >= page.total
    return len(page.items) < page.limit


class UcsClient(_Operations, SyncClient):
    """``UcsClient("https://ucs.example.com", client_id=..., client_secret=...)``.

    One pooled connection set, timeouts on (``timeout`` seconds per attempt), retries for
    idempotent calls (``retry``), the token obtained on first use and renewed before it expires.
    ``transport``: an httpx2 transport (``httpx2.WSGITransport(app=fake)`` in tests).
    """

    def __init__(self, base_url: str, *, client_id: str, client_secret: str, **options):
        api, redactor = _api(base_url, client_id, client_secret)
        super().__init__(api, redactor, **options)

    def _iterate(self, operation, page_size: int) -> Iterator:
        page_size, offset = _page_size(page_size), 0
        while True:
            page = self._run(operation(page_size, offset))
            yield from page.items
            if _last(page, offset):
                return
            offset += len(page.items)

    def iter_persons(self, page_size: int = ops.DEFAULT_PAGE_SIZE) -> Iterator:
        """Every µCRM person, one page at a time (memory holds one page). Persons created or
        deleted while it runs may shift the pages: run it when the data is quiet, or accept it."""
        return self._iterate(ops.persons, page_size)

    def iter_companies(self, page_size: int = ops.DEFAULT_PAGE_SIZE) -> Iterator:
        return self._iterate(ops.companies, page_size)


class AsyncUcsClient(_Operations, AsyncClient):
    """The async twin of :class:`UcsClient` (same arguments; every method is awaited)."""

    def __init__(self, base_url: str, *, client_id: str, client_secret: str, **options):
        api, redactor = _api(base_url, client_id, client_secret)
        super().__init__(api, redactor, **options)

    async def _iterate(self, operation, page_size: int, concurrency: int) -> AsyncIterator:
        page_size = _page_size(page_size)
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or not 1 <= concurrency <= 32:
            raise InvalidArgument("concurrency must be an integer from 1 to 32")
        first = await self._run(operation(page_size, 0))
        for item in first.items:
            yield item
        if _last(first, 0):
            return
        # The total says which pages to ask for, in steps of what the server really gave (it may
        # cap its pages below page_size); up to `concurrency` are in flight, yielded in order, so
        # memory holds at most that many pages.
        step = len(first.items)
        starts = iter(range(step, first.total, step) if first.total is not None else ())
        window: deque[asyncio.Future] = deque()

        def fill() -> None:
            while len(window) < concurrency:
                start = next(starts, None)
                if start is None:
                    return
                window.append(asyncio.ensure_future(self._run(operation(page_size, start))))

        try:
            fill()
            last = first
            while window:
                last = await window.popleft()
                short = len(last.items) < step and not _last(last, last.offset)
                if short:
                    # A short page before the end: the planned offsets no longer line up with the
                    # server's pages; the rest is read one page at a time after this one.
                    for task in window:
                        task.cancel()
                    window.clear()
                else:
                    fill()
                for item in last.items:
                    yield item
                if short:
                    break
            # The total grew while we read, or the pages changed size: on one page at a time.
            while not _last(last, last.offset):
                last = await self._run(operation(page_size, last.offset + len(last.items)))
                for item in last.items:
                    yield item
        finally:
            for task in window:
                task.cancel()

    def iter_persons(self, page_size: int = ops.DEFAULT_PAGE_SIZE, concurrency: int = 8) -> AsyncIterator:
        """``async for person in client.iter_persons():`` every µCRM person, up to ``concurrency``
        pages fetched at once, yielded in order."""
        return self._iterate(ops.persons, page_size, concurrency)

    def iter_companies(self, page_size: int = ops.DEFAULT_PAGE_SIZE, concurrency: int = 8) -> AsyncIterator:
        return self._iterate(ops.companies, page_size, concurrency)
