"""The Udesk CCPaaS ccapi v2 clients: :class:`UdeskClient` (sync, thread-safe) and
:class:`AsyncUdeskClient` (asyncio; in Pyodide over pyfetch). Each method is one operation of
:mod:`.operations`, written once for both.

No login: every attempt of every call is signed anew (``Sign = SHA1(Sid + AuthToken +
Timestamp)`` in the query, :meth:`.api.UdeskApi.sign`), the server's clock is learned from each
answer's ``Date`` and a request refused for a timestamp out of its window is replayed once,
corrected. The AuthToken is a server secret: these clients run on the CRM's server.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, Callable

from ..base import AsyncClient, SyncClient, checked_base_url
from ..calls import Call
from ..engines import DEFAULT_TIMEOUT
from ..errors import InvalidArgument, MalformedResponseError
from ..redaction import Redactor, redact_url
from ..retry import RetryPolicy
from . import operations as ops
from .api import API, TIMESTAMP_UNITS, VENDOR, UdeskApi, callback_secrets, new_redactor
from .models import AgentPage


def _credential(value: Any, name: str) -> str:
    # The message names the argument, never its value (a secret).
    if not isinstance(value, str) or not value.strip() or any(ord(c) < 33 or ord(c) == 127 for c in value):
        raise InvalidArgument(f"Udesk: {name} must be a non-empty string without blanks or control characters")
    return value


def _api(base_url: Any, sid: Any, auth_token: Any, app_id: Any, timestamp_unit: Any,
         wall_clock: Callable[[], float]) -> tuple[UdeskApi, Redactor]:
    for value, name in ((sid, "sid"), (auth_token, "auth_token"), (app_id, "app_id")):
        _credential(value, name)
    if timestamp_unit not in TIMESTAMP_UNITS:
        raise InvalidArgument(f"Udesk: timestamp_unit must be one of {', '.join(TIMESTAMP_UNITS)}")
    if not callable(wall_clock):
        raise InvalidArgument("Udesk: wall_clock must be a function giving seconds since the epoch")
    base = checked_base_url(base_url, vendor=VENDOR)
    if base.endswith(API) or base.endswith("/ccapi"):
        # The document's URLs are https://{host}/ccapi/v2/{api}: the client adds the prefix, so a
        # base that has it would ask for /ccapi/v2/ccapi/v2/... and read every answer as a 404.
        raise InvalidArgument(f"Udesk: the base URL is the server's root (https://host[:port]), without {API}")
    return (UdeskApi(base, sid, auth_token, app_id, timestamp_unit=timestamp_unit, wall_clock=wall_clock),
            new_redactor(sid, auth_token))


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class _PageWalk:
    """The state of a walk through the agents list, page after page: which page to ask next and
    whether the one that came was the last.

    The end: ``CurrPage >= TotalPage``; without ``TotalPage``, as many agents read as ``Total``
    says; without either, a page shorter than its ``PageSize`` (the answer's, else the one asked),
    or an empty one. The paging keys sent (``CurrPage``, ``PageSize``) are the answer's names: the
    document names none for the request. A server that does not take them answers the first page
    again; that is an error (MalformedResponseError), never a walk that stops short with agents
    missing or one that loops over the same page: a page whose ``CurrPage`` is not past the
    previous one, or whose first agent began a page already read."""

    def __init__(self, page_size: int):
        self.page_size = page_size
        self.requested = 1
        self._previous: int | None = None
        self._firsts: set = set()
        self._read = 0

    def step(self, page: AgentPage) -> tuple[tuple, bool]:
        """The agents of ``page`` and whether it was the last (else ``requested`` is the next)."""
        items = page.AgentList if isinstance(page.AgentList, tuple) else ()
        current = _count(page.CurrPage)
        current = self.requested if current is None else current
        if self._previous is not None and current <= self._previous:
            raise self._refused(f"page {self.requested} was asked and page {current} came back")
        if not items:
            return (), True
        first = getattr(items[0], "AgentId", None)
        if first is not None and first in self._firsts:
            raise self._refused(f"page {self.requested} began with agent {str(first)!r}, as an earlier page did")
        self._firsts.add(first)
        self._read += len(items)
        self._previous, self.requested = current, current + 1
        total_pages, total = _count(page.TotalPage), _count(page.Total)
        if total_pages is not None:
            return items, current >= total_pages
        if total is not None:
            return items, self._read >= total
        size = _count(page.PageSize) or self.page_size
        return items, len(items) < size

    def _refused(self, what: str) -> MalformedResponseError:
        return MalformedResponseError(
            f"{what}: the server may not take the paging keys CurrPage and PageSize; stopped rather than "
            "miss agents or read some twice", vendor=VENDOR, operation="agents.list")


class _Operations:
    """Every Udesk operation, once: ``self._run`` makes it a result or an awaitable."""

    _api: UdeskApi
    _run: Any

    def __init__(self, base_url: str, sid: str, auth_token: str, app_id: str, *, timestamp_unit: str = "ms",
                 timeout: float = DEFAULT_TIMEOUT, retry: RetryPolicy = RetryPolicy(), transport=None, verify=True,
                 wall_clock: Callable[[], float] = time.time, **engine_options):
        api, redactor = _api(base_url, sid, auth_token, app_id, timestamp_unit, wall_clock)
        # Then SyncClient's or AsyncClient's (the next class of each client's MRO). The engine
        # gets the same wall clock (it reads it only for token expiries, which Udesk has none of).
        super().__init__(api, redactor, timeout=timeout, retry=retry, transport=transport, verify=verify,
                         wall_clock=wall_clock, **engine_options)

    @property
    def app_id(self) -> str:
        return self._api.app_id

    @property
    def clock_offset(self) -> float:
        """Seconds the server's clock is ahead of ours (negative: behind), as its last ``Date``
        said; 0 until an answer showed a difference of more than two seconds."""
        return self._api.clock_offset

    # relay numbers
    def relay_numbers(self):
        """-> :class:`~.models.RelayNumbers` (``SpNumbers``, ``DefSpNumber``)."""
        return self._run(ops.relay_numbers(self._api.app_id))

    def set_default_relay_number(self, number: str):
        return self._run(ops.set_default_relay_number(self._api.app_id, number))

    def clear_default_relay_number(self):
        return self._run(ops.clear_default_relay_number(self._api.app_id))

    # agents
    def create_agent(self, agent_id: str, work_id: str, *, name=None, mobile=None, email=None, role=None,
                     enable=None, create_extension=None, wrap_up_time=None, out_wrap_up_time=None,
                     assistant_access_right=None):
        """-> :class:`~.models.CreatedAgent` (never retried: a lost answer may hide an agent created)."""
        return self._run(ops.create_agent(self._api.app_id, agent_id, work_id, name=name, mobile=mobile, email=email,
                                          role=role, enable=enable, create_extension=create_extension,
                                          wrap_up_time=wrap_up_time, out_wrap_up_time=out_wrap_up_time,
                                          assistant_access_right=assistant_access_right))

    def update_agent(self, agent_id: str, *, work_id=None, name=None, mobile=None, email=None, role=None,
                     enable=None, wrap_up_time=None, out_wrap_up_time=None, assistant_access_right=None):
        return self._run(ops.update_agent(self._api.app_id, agent_id, work_id=work_id, name=name, mobile=mobile,
                                          email=email, role=role, enable=enable, wrap_up_time=wrap_up_time,
                                          out_wrap_up_time=out_wrap_up_time,
                                          assistant_access_right=assistant_access_right))

    def agent(self, agent_id: str):
        """-> :class:`~.models.Agent` (its ``AgentId`` a ScopedId: the plain id, ``.app_id`` the suffix)."""
        return self._run(ops.agent(self._api.app_id, agent_id))

    def agents(self, *, role=None, enable=None, state=None, fuzzy_query=None, page: int = 1,
               page_size: int = ops.DEFAULT_PAGE_SIZE):
        """One page -> :class:`~.models.AgentPage`; :meth:`iter_agents` walks them all."""
        return self._run(ops.agents(self._api.app_id, role=role, enable=enable, state=state,
                                    fuzzy_query=fuzzy_query, page=page, page_size=page_size))

    def bind_extensions(self, agent_id: str, extensions):
        return self._run(ops.bind_extensions(self._api.app_id, agent_id, extensions))

    def unbind_extensions(self, agent_id: str, extensions):
        return self._run(ops.unbind_extensions(self._api.app_id, agent_id, extensions))

    # extensions
    def create_extension(self, extension: str, *, signal_type: int = 0):
        """-> :class:`~.models.Extension` (its Password generated by the server)."""
        return self._run(ops.create_extension(self._api.app_id, extension, signal_type=signal_type))

    def delete_extension(self, extension: str):
        return self._run(ops.delete_extension(self._api.app_id, extension))

    # queues
    def queues(self):
        """-> list of :class:`~.models.Queue`."""
        return self._run(ops.queues(self._api.app_id))

    def create_queue(self, queue_id: str, *, name=None, wait_music=None):
        """-> the created queue's id (a ScopedId)."""
        return self._run(ops.create_queue(self._api.app_id, queue_id, name=name, wait_music=wait_music))

    def update_queue(self, queue_id: str, *, name=None, strategy=None, timeout=None, wait_music=None):
        return self._run(ops.update_queue(self._api.app_id, queue_id, name=name, strategy=strategy, timeout=timeout,
                                          wait_music=wait_music))

    def delete_queue(self, queue_id: str):
        return self._run(ops.delete_queue(self._api.app_id, queue_id))

    def add_agents_to_queue(self, queue_id: str, agent_ids):
        return self._run(ops.add_agents_to_queue(self._api.app_id, queue_id, agent_ids))

    def queue_agents(self, queue_id: str):
        """-> list of :class:`~.models.Agent` in the queue."""
        return self._run(ops.queue_agents(self._api.app_id, queue_id))

    # agent queue membership
    def add_agent_to_queues(self, agent_id: str, queue_ids, *, full: bool = False):
        return self._run(ops.add_agent_to_queues(self._api.app_id, agent_id, queue_ids, full=full))

    def remove_agent_from_queues(self, agent_id: str, queue_ids):
        return self._run(ops.remove_agent_from_queues(self._api.app_id, agent_id, queue_ids))

    # event subscriptions
    def create_subscription(self, name: str, callback: str, events):
        """-> :class:`~.models.SubscriptionResult` (``sub_succ``: ``[{"subid": ..., "name": ...}]``).
        The callback's token (a long path segment) is masked in everything the client says from
        then on (an error quoting the body sent)."""
        call = ops.create_subscription(self._api.app_id, name, callback, events)
        self._mask_callback(callback)
        return self._run(call)

    def update_subscription(self, subscription_id, *, name: str, callback: str, events, enable: bool):
        """-> the Result, ``{name: subscription id}``."""
        call = ops.update_subscription(self._api.app_id, subscription_id, name=name, callback=callback,
                                       events=events, enable=enable)
        self._mask_callback(callback)
        return self._run(call)

    def _mask_callback(self, callback: str) -> None:
        for secret in callback_secrets(callback):
            self.mask(secret)

    def delete_subscription(self, subscription_id):
        return self._run(ops.delete_subscription(self._api.app_id, subscription_id))

    def subscriptions(self):
        """-> list of :class:`~.models.Subscription`."""
        return self._run(ops.subscriptions(self._api.app_id))

    # sign-in, sign-out, callback to IVR
    def sign_in(self, agent_id: str, *, work_id=None, queue_ids=None, state=None, msg_id=None):
        """-> :class:`~.models.SignInResult` (``msg_id`` as the server echoes it)."""
        return self._run(ops.sign_in(self._api.app_id, agent_id, work_id=work_id, queue_ids=queue_ids, state=state,
                                     msg_id=msg_id))

    def sign_out(self, agent_id: str, *, msg_id=None):
        return self._run(ops.sign_out(self._api.app_id, agent_id, msg_id=msg_id))

    def callback_to_ivr(self, caller: str, called: str, called_display: str | None = None, *, variables=None):
        """Rings the customer ``caller`` from the relay number ``called`` into the IVR -> the call's
        id. Never retried."""
        return self._run(ops.callback_to_ivr(self._api.app_id, caller, called, called_display, variables=variables))

    def _first_page(self, role, enable, state, fuzzy_query, page_size) -> tuple[Callable[[int], Call], Call]:
        # Checked now, at the call to iter_agents, not at the first next(): a bad filter fails
        # where it was written.
        def page(number: int) -> Call:
            return ops.agents(self._api.app_id, role=role, enable=enable, state=state, fuzzy_query=fuzzy_query,
                              page=number, page_size=page_size)
        return page, page(1)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact_url(self._api.base_url)!r}, app_id={self._api.app_id!r})"


class UdeskClient(_Operations, SyncClient):
    """``UdeskClient("https://udesk.example.com", sid, auth_token, app_id)``.

    ``timestamp_unit="s"`` signs with seconds (the document's examples) instead of milliseconds
    (its text). ``wall_clock`` (tests) is the epoch clock the timestamps are read from.
    ``timeout``, ``retry``, ``transport``, ``verify`` as the other clients'."""

    def iter_agents(self, *, role=None, enable=None, state=None, fuzzy_query=None,
                    page_size: int = ops.DEFAULT_PAGE_SIZE) -> Iterator:
        """Every agent matching the filters, one page at a time (memory holds one page)."""
        page, first = self._first_page(role, enable, state, fuzzy_query, page_size)
        return self._walk(page, first, page_size)

    def _walk(self, page, call: Call, page_size: int) -> Iterator:
        walk = _PageWalk(page_size)
        while True:
            items, last = walk.step(self._run(call))
            yield from items
            if last:
                return
            call = page(walk.requested)


class AsyncUdeskClient(_Operations, AsyncClient):
    """The async twin of :class:`UdeskClient` (same arguments; every method is awaited)."""

    def iter_agents(self, *, role=None, enable=None, state=None, fuzzy_query=None,
                    page_size: int = ops.DEFAULT_PAGE_SIZE) -> AsyncIterator:
        """``async for agent in client.iter_agents():`` every agent, page after page."""
        page, first = self._first_page(role, enable, state, fuzzy_query, page_size)
        return self._walk(page, first, page_size)

    async def _walk(self, page, call: Call, page_size: int) -> AsyncIterator:
        walk = _PageWalk(page_size)
        while True:
            items, last = walk.step(await self._run(call))
            for item in items:
                yield item
            if last:
                return
            call = page(walk.requested)
