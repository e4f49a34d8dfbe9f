"""Every endpoint of Udesk ccapi v2 (seed 003, 26 of them) as a :class:`~bridge.clients.calls.Call`:
the request to send and the reader of its answer; no I/O. The clients (:mod:`.client`) run them.

Each function takes the application's id first: it goes into the query under the key the
endpoint's document spells (``AppId``; ``app_id`` for agent sign-out and callback2ivr). ``Sid``,
``Timestamp`` and ``Sign`` are added per attempt by :meth:`.api.UdeskApi.sign`, so every call is
``authenticated=False`` (there is no token). Every input is checked with :mod:`.formats` before the
call is built: a bad value is :class:`~bridge.clients.errors.InvalidArgument` naming the field,
and nothing is sent.

Retries: reads, updates and deletes (GET, PUT, DELETE) by their method; sign-in, sign-out,
binding extensions and the two queue enrolments are declared idempotent (the same request twice
leaves the same state: the enrolments are "incremental", a second one adds nothing). Creates and
callback2ivr never: a lost answer may hide an agent, a queue or a subscription created, or a
customer's phone ringing.

Where the document is silent, the choice is written at the call (paging query keys, the MsgId
when none is given, the variables of callback2ivr).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from ..calls import Call, Reply, segment
from ..errors import InvalidArgument, MalformedResponseError
from . import formats
from .api import API, APP_ID, APP_ID_SNAKE, read_code, read_message, read_result, scoped_id
from .models import (Agent, AgentPage, CreatedAgent, Extension, Queue, RelayNumbers, SignInResult, Subscription,
                     SubscriptionResult)

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000  # the document names no maximum; a page of agents stays well under a megabyte
ROLES_DOCUMENTED = ("agent", "leader")
STRATEGIES = (0, 1, 2)  # rotation, fewest calls answered today, longest idle
SIGNAL_TYPES = (0, 1)  # SIP, WebRTC
SIGN_IN_STATES = (0, 1)  # idle, waiting
MSG_ID_DIGITS = 18
_WRAP_UP_MAX = 86_400
_INT32_MAX = 2**31 - 1


# --- input checks beyond formats ------------------------------------------------------------

def _app(app_id: Any) -> str:
    # A UUID string in the document; checked as text only (other deployments' app ids may differ).
    return formats.text(app_id, "app_id", max_length=64)


def _query(key: str, app_id: Any, *pairs: tuple[str, Any]) -> tuple[tuple[str, Any], ...]:
    return ((key, _app(app_id)), *((name, value) for name, value in pairs if value is not None))


def _msg_id(value: Any) -> str:
    # The document's example is "111" and names no format: digits, letters, _ and -, up to 64.
    if value is None:
        # 18 random decimal digits (the example is decimal; 18 digits fit a signed 64-bit integer
        # should the server read it as one), not starting with 0 (a number would lose it).
        return str(secrets.randbelow(9 * 10 ** (MSG_ID_DIGITS - 1)) + 10 ** (MSG_ID_DIGITS - 1))
    if not isinstance(value, str) or not value or len(value) > 64 or not all(
            c.isascii() and (c.isalnum() or c in "_-") for c in value):
        raise InvalidArgument("Udesk: msg_id must be 1 to 64 letters, digits, _ or -")
    return value


def _one_of(value: Any, field: str, allowed: tuple[int, ...]) -> int:
    if isinstance(value, bool) or value not in allowed:
        raise InvalidArgument(f"Udesk: {field} must be one of {', '.join(map(str, allowed))}")
    return value


def _callback_url(value: Any, field: str = "callback") -> str:
    # The document's examples are http and https URLs: either, with a host, no blanks.
    text = formats.text(value, field, max_length=2048)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        raise InvalidArgument(f"Udesk: {field} must be an http(s) URL with a host")
    return text


def _events(values: Any) -> list[str]:
    # Not checked against the document's table: its own example subscribes "begin" and "end",
    # which the table does not list; the server decides.
    return formats.each(values, lambda value, field: formats.text(value, field, max_length=64), "events")


def _variables(value: Any) -> str | None:
    """callback2ivr's ``variables``: a JSON string of a list of ``{key, type, value}`` (the
    document's example, ``[{"key": "extemalNumber", "type": "string", "value": "13800000000"}]``).
    A mapping of names to strings is taken too (each becomes a ``string`` variable)."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()):
            raise InvalidArgument("Udesk: variables as a mapping must map names to strings")
        items = [{"key": k, "type": "string", "value": v} for k, v in value.items()]
    elif isinstance(value, (list, tuple)):
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, Mapping) or not isinstance(item.get("key"), str) or not item.get("key") \
                    or not isinstance(item.get("type", "string"), str) or "value" not in item:
                raise InvalidArgument(f"Udesk: variables[{index}] must be a mapping with key, type and value")
            items.append({"key": item["key"], "type": item.get("type", "string"), "value": item["value"]})
    else:
        raise InvalidArgument("Udesk: variables must be a list of {key, type, value} or a mapping")
    if not items:
        return None
    try:
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        raise InvalidArgument("Udesk: variables' values must be JSON") from None


def _wait_music(value: Any) -> str | None:
    # The document's create example sends "WaitMusic": "" (the default music): empty is allowed.
    return "" if value == "" else formats.text(value, "wait_music", optional=True)


def _agent_fields(*, work_id=None, name=None, mobile=None, email=None, role=None, enable=None,
                  wrap_up_time=None, out_wrap_up_time=None, assistant_access_right=None) -> dict:
    fields = {
        "WorkId": None if work_id is None else formats.work_id(work_id),
        "Name": formats.text(name, "name", max_length=64, optional=True),
        # The document's own example mobile ("1327766543") is ten digits: checked as text, not as a PSTN number.
        "Mobile": formats.text(mobile, "mobile", max_length=32, optional=True),
        "Email": formats.text(email, "email", max_length=255, optional=True),
        # "agent, leader" in the document; a deployment with more roles is not refused here.
        "Role": formats.text(role, "role", max_length=32, optional=True),
        "Enable": formats.flag(enable, "enable"),
        "WrapUpTime": formats.count(wrap_up_time, "wrap_up_time", high=_WRAP_UP_MAX),
        "OutWrapUpTime": formats.count(out_wrap_up_time, "out_wrap_up_time", high=_WRAP_UP_MAX),
        "AssistantAccessRight": formats.count(assistant_access_right, "assistant_access_right", high=_INT32_MAX),
    }
    return {key: value for key, value in fields.items() if value is not None}


# --- readers ---------------------------------------------------------------------------------

def _record(kind):
    # The answer was just parsed: a record that can take its object over uncopied does (AgentPage).
    make = getattr(kind, "adopt", kind.from_api)

    def read(reply: Reply):
        try:
            return make(read_result(reply))
        except TypeError as error:
            raise reply.error(MalformedResponseError, str(error)) from None
    read.__name__ = f"read_{kind.__name__}"
    return read


def _records(kind, key: str | None = None):
    def read(reply: Reply) -> list:
        result = read_result(reply)
        if key is not None and isinstance(result, dict):
            result = result.get(key)
        if result is None:
            return []
        if isinstance(result, dict):
            result = [result]  # the subscriptions list's example is one object: a list of one
        if not isinstance(result, list):
            raise reply.error(MalformedResponseError, "the answer's Result is not a list")
        try:
            return kind.adopt_all(result)
        except TypeError as error:
            raise reply.error(MalformedResponseError, str(error)) from None
    read.__name__ = f"read_{kind.__name__}s"
    return read


def _nothing(reply: Reply) -> None:
    read_result(reply)  # null, "" or [] in the document's examples: the code is what counts


def _result(reply: Reply) -> Any:
    return read_result(reply)


def _created_queue(reply: Reply) -> str:
    result = read_result(reply)
    queue = result.get("QueueId") if isinstance(result, dict) else None
    if not isinstance(queue, (str, int)) or isinstance(queue, bool):
        raise reply.error(MalformedResponseError, "the answer names no QueueId")
    return scoped_id(str(queue))


def _sign_in(reply: Reply) -> SignInResult:
    body = {key: value for key, value in read_message(reply).items() if key not in ("ErrCode", "ErrDesc")}
    return SignInResult.from_api(body)


def _call_id(reply: Reply) -> str:
    results = read_code(reply)
    if not isinstance(results, str) or not results:
        raise reply.error(MalformedResponseError, "the answer names no call")
    return results


def _call(operation: str, method: str, path: str, read, query, **options) -> Call:
    return Call(operation, method, API + path, read, query=query, authenticated=False, **options)


# --- relay numbers ---------------------------------------------------------------------------

def relay_numbers(app_id: str) -> Call:
    return _call("spnumbers.list", "GET", "/spnumbers", _record(RelayNumbers), _query(APP_ID, app_id))


def set_default_relay_number(app_id: str, number: str) -> Call:
    # A relay number is a PSTN number ("057126200670"): the same check as callback2ivr's called.
    return _call("spnumbers.set_default", "PUT", "/spnumbers/default", _nothing, _query(APP_ID, app_id),
                 json={"DefSpNumber": formats.pstn_number(number, "number")})


def clear_default_relay_number(app_id: str) -> Call:
    return _call("spnumbers.clear_default", "DELETE", "/spnumbers/default", _nothing, _query(APP_ID, app_id))


# --- agents ----------------------------------------------------------------------------------

def create_agent(app_id: str, agent_id: str, work_id: str, *, name=None, mobile=None, email=None, role=None,
                 enable=None, create_extension=None, wrap_up_time=None, out_wrap_up_time=None,
                 assistant_access_right=None) -> Call:
    """``create_extension=True`` sends ``IsCreateExtension: 1`` (an integer in the document): the
    server creates and binds an extension (both kinds when WebRTC is on)."""
    body = {"AgentId": formats.agent_id(agent_id), "WorkId": formats.work_id(work_id)}
    body.update(_agent_fields(name=name, mobile=mobile, email=email, role=role, enable=enable,
                              wrap_up_time=wrap_up_time, out_wrap_up_time=out_wrap_up_time,
                              assistant_access_right=assistant_access_right))
    if formats.flag(create_extension, "create_extension") is not None:
        body["IsCreateExtension"] = 1 if create_extension else 0
    return _call("agents.create", "POST", "/agents", _record(CreatedAgent), _query(APP_ID, app_id), json=body,
                 idempotent=False)


def update_agent(app_id: str, agent_id: str, *, work_id=None, name=None, mobile=None, email=None, role=None,
                 enable=None, wrap_up_time=None, out_wrap_up_time=None, assistant_access_right=None) -> Call:
    """The body carries ``AgentId`` too (the document's example; the id itself cannot change).
    Only the fields given are sent: an agent is disabled (``enable=False``) only when offline."""
    agent = formats.agent_id(agent_id)
    fields = _agent_fields(work_id=work_id, name=name, mobile=mobile, email=email, role=role, enable=enable,
                           wrap_up_time=wrap_up_time, out_wrap_up_time=out_wrap_up_time,
                           assistant_access_right=assistant_access_right)
    if not fields:
        raise InvalidArgument("Udesk: update_agent needs a field to change")
    return _call("agents.update", "PUT", "/agents/" + segment(agent), _nothing, _query(APP_ID, app_id),
                 json={"AgentId": agent, **fields})


def agent(app_id: str, agent_id: str) -> Call:
    return _call("agents.get", "GET", "/agents/" + segment(formats.agent_id(agent_id)), _record(Agent),
                 _query(APP_ID, app_id))


def agents(app_id: str, *, role=None, enable=None, state=None, fuzzy_query=None, page: int = 1,
           page_size: int = DEFAULT_PAGE_SIZE) -> Call:
    """One page of agents, with the document's predefined filters (``Role``, ``Enable``,
    ``State``) and its fuzzy match (name, agent id, email, mobile). The document names the paging
    keys only in the answer (``CurrPage``, ``PageSize``): the request sends the same keys."""
    enable = formats.flag(enable, "enable")
    query = _query(APP_ID, app_id,
                   ("Role", formats.text(role, "role", max_length=32, optional=True)),
                   ("Enable", None if enable is None else ("true" if enable else "false")),
                   ("State", formats.count(state, "state", high=_INT32_MAX)),
                   ("FuzzyQuery", formats.text(fuzzy_query, "fuzzy_query", max_length=128, optional=True)),
                   ("CurrPage", formats.count(page, "page", low=1, high=_INT32_MAX, optional=False)),
                   ("PageSize", formats.count(page_size, "page_size", low=1, high=MAX_PAGE_SIZE, optional=False)))
    return _call("agents.list", "GET", "/agents", _record(AgentPage), query)


def bind_extensions(app_id: str, agent_id: str, extensions) -> Call:
    return _call("agents.bind_extensions", "POST", "/agents/extensions", _nothing, _query(APP_ID, app_id),
                 json={"AgentId": formats.agent_id(agent_id),
                       "Extensions": formats.each(extensions, formats.extension, "extensions")},
                 idempotent=True)


def unbind_extensions(app_id: str, agent_id: str, extensions) -> Call:
    return _call("agents.unbind_extensions", "DELETE", "/agents/extensions", _nothing, _query(APP_ID, app_id),
                 json={"AgentId": formats.agent_id(agent_id),
                       "Extensions": formats.each(extensions, formats.extension, "extensions")})


# --- extensions ------------------------------------------------------------------------------

def create_extension(app_id: str, extension: str, *, signal_type: int = 0) -> Call:
    """The password is generated by the server ("cannot be specified at creation"): not sent."""
    return _call("extensions.create", "POST", "/extensions", _record(Extension), _query(APP_ID, app_id),
                 json={"Extension": formats.extension(extension),
                       "SignalType": _one_of(signal_type, "signal_type", SIGNAL_TYPES)},
                 idempotent=False)


def delete_extension(app_id: str, extension: str) -> Call:
    return _call("extensions.delete", "DELETE", "/extensions", _nothing, _query(APP_ID, app_id),
                 json={"Extension": formats.extension(extension)})


# --- queues ----------------------------------------------------------------------------------

def queues(app_id: str) -> Call:
    return _call("queues.list", "GET", "/queues", _records(Queue, "Queues"), _query(APP_ID, app_id))


def create_queue(app_id: str, queue_id: str, *, name=None, wait_music=None) -> Call:
    body = {"QueueId": formats.queue_id(queue_id),
            "QueueName": formats.text(name, "name", max_length=64, optional=True),
            "WaitMusic": _wait_music(wait_music)}
    return _call("queues.create", "POST", "/queues", _created_queue, _query(APP_ID, app_id),
                 json={key: value for key, value in body.items() if value is not None}, idempotent=False)


def update_queue(app_id: str, queue_id: str, *, name=None, strategy=None, timeout=None, wait_music=None) -> Call:
    body = {"QueueId": formats.queue_id(queue_id),
            "QueueName": formats.text(name, "name", max_length=64, optional=True),
            "Strategy": None if strategy is None else _one_of(strategy, "strategy", STRATEGIES),
            "Timeout": formats.count(timeout, "timeout", high=_WRAP_UP_MAX),
            "WaitMusic": _wait_music(wait_music)}
    return _call("queues.update", "PUT", "/queues", _nothing, _query(APP_ID, app_id),
                 json={key: value for key, value in body.items() if value is not None})


def delete_queue(app_id: str, queue_id: str) -> Call:
    return _call("queues.delete", "DELETE", "/queues", _nothing, _query(APP_ID, app_id),
                 json={"QueueId": formats.queue_id(queue_id)})


def add_agents_to_queue(app_id: str, queue_id: str, agent_ids) -> Call:
    return _call("queues.add_agents", "POST", "/queues/agents", _nothing, _query(APP_ID, app_id),
                 json={"QueueId": formats.queue_id(queue_id),
                       "AgentIds": formats.each(agent_ids, formats.agent_id, "agent_ids")},
                 idempotent=True)


def queue_agents(app_id: str, queue_id: str) -> Call:
    return _call("queues.agents", "GET", "/queues/agents_list/" + segment(formats.queue_id(queue_id)),
                 _records(Agent), _query(APP_ID, app_id))


# --- agent queue membership ------------------------------------------------------------------

def add_agent_to_queues(app_id: str, agent_id: str, queue_ids, *, full: bool = False) -> Call:
    """``full=True`` (``IsFull: 1``) makes ``queue_ids`` the agent's whole list (a sync with
    another system); by default the queues are added to those it has."""
    return _call("agents.add_queues", "POST", "/agents/queues", _nothing, _query(APP_ID, app_id),
                 json={"AgentId": formats.agent_id(agent_id),
                       "Queues": formats.each(queue_ids, formats.queue_id, "queue_ids"),
                       "IsFull": 1 if formats.flag(full, "full", optional=False) else 0},
                 idempotent=True)


def remove_agent_from_queues(app_id: str, agent_id: str, queue_ids) -> Call:
    return _call("agents.remove_queues", "DELETE", "/agents/queues", _nothing, _query(APP_ID, app_id),
                 json={"AgentId": formats.agent_id(agent_id),
                       "Queues": formats.each(queue_ids, formats.queue_id, "queue_ids")})


# --- event subscriptions ---------------------------------------------------------------------

def create_subscription(app_id: str, name: str, callback: str, events) -> Call:
    subscription = {"callback": _callback_url(callback), "events": _events(events),
                    "name": formats.text(name, "name", max_length=64)}
    return _call("subscriptions.create", "POST", "/subscriptions", _record(SubscriptionResult),
                 _query(APP_ID, app_id), json={"subscriptions": [subscription]}, idempotent=False)


def update_subscription(app_id: str, subscription_id, *, name: str, callback: str, events, enable: bool) -> Call:
    """All four fields are required by the document. -> the Result, ``{name: subscription id}``."""
    body = {"callback": _callback_url(callback), "name": formats.text(name, "name", max_length=64),
            "events": _events(events), "enable": formats.flag(enable, "enable", optional=False)}
    return _call("subscriptions.update", "PUT", "/subscriptions/" + segment(formats.subscription_id(subscription_id)),
                 _result, _query(APP_ID, app_id), json=body)


def delete_subscription(app_id: str, subscription_id) -> Call:
    return _call("subscriptions.delete", "DELETE",
                 "/subscriptions/" + segment(formats.subscription_id(subscription_id)), _nothing,
                 _query(APP_ID, app_id))


def subscriptions(app_id: str) -> Call:
    return _call("subscriptions.list", "GET", "/subscriptions", _records(Subscription), _query(APP_ID, app_id))


# --- sign-in, sign-out, callback to IVR ------------------------------------------------------

def sign_in(app_id: str, agent_id: str, *, work_id=None, queue_ids=None, state=None, msg_id=None) -> Call:
    """``MsgId`` is required in the query; one is made when none is given (18 random digits)."""
    body = {"agent_id": formats.agent_id(agent_id)}
    if work_id is not None:
        body["work_id"] = formats.work_id(work_id)
    if queue_ids is not None:
        body["queue_ids"] = formats.each(queue_ids, formats.queue_id, "queue_ids")
    if state is not None:
        body["state"] = _one_of(state, "state", SIGN_IN_STATES)
    return _call("agent.login", "POST", "/agent/login", _sign_in, _query(APP_ID, app_id, ("MsgId", _msg_id(msg_id))),
                 json=body, idempotent=True)


def sign_out(app_id: str, agent_id: str, *, msg_id=None) -> Call:
    """The document spells this endpoint's key ``app_id``; ``MsgId`` is optional here (sent when given)."""
    query = _query(APP_ID_SNAKE, app_id, ("MsgId", None if msg_id is None else _msg_id(msg_id)))
    return _call("agent.logout", "POST", "/agent/logout", _sign_in, query,
                 json={"agent_id": formats.agent_id(agent_id)}, idempotent=True)


def callback_to_ivr(app_id: str, caller: str, called: str, called_display: str | None = None, *,
                    variables=None) -> Call:
    """Rings ``caller`` (the customer) from the relay number ``called`` and routes the answered
    call to the IVR. ``called_display`` (required by the document) defaults to ``called``, as its
    note says it usually is. Never retried: a lost answer may hide a phone ringing."""
    body = {"caller": formats.pstn_number(caller, "caller"), "called": formats.pstn_number(called, "called"),
            "called_display": formats.pstn_number(called if called_display is None else called_display,
                                                  "called_display")}
    serialised = _variables(variables)
    if serialised is not None:
        body["variables"] = serialised
    return _call("callback2ivr", "POST", "/callback2ivr", _call_id, _query(APP_ID_SNAKE, app_id), json=body,
                 idempotent=False)
