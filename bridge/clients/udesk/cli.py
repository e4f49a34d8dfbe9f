"""``python -m bridge udesk COMMAND``: Udesk CCPaaS ccapi v2 from a shell (agents, extensions,
queues, agent sign-in and sign-out, callback to IVR, event subscriptions).

Credentials come from the environment only (``UDESK_URL``, ``UDESK_SID``, ``UDESK_AUTH_TOKEN``,
``UDESK_APP_ID``, and ``UDESK_TIMESTAMP_UNIT``), never from flags: argv is visible to every user
of the machine and kept in shell histories. Errors are one line on stderr; the exit codes are
:mod:`..cli_support`'s.

Two things are never printed unless asked: an extension's SIP password (``--show-password``), and
a subscription's callback URL past its host (a receiver's URL holds its capability token:
``--show-callback``).
"""

from __future__ import annotations

import argparse
import json
import os
import textwrap
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..cli_support import EXIT_OK, client_command, exit_codes_help, require_env
from ..errors import InvalidArgument
from ..redaction import Redactor
from .api import TIMESTAMP_UNITS, callback_secrets
from .client import UdeskClient

URL_ENV, SID_ENV, TOKEN_ENV, APP_ENV, UNIT_ENV = (
    "UDESK_URL", "UDESK_SID", "UDESK_AUTH_TOKEN", "UDESK_APP_ID", "UDESK_TIMESTAMP_UNIT")
# A subscription's callback is a receiver's URL: its path holds the receiver's capability token,
# so it comes from the environment too, never from argv.
CALLBACK_ENV = "UDESK_CALLBACK_URL"
ENV = (URL_ENV, SID_ENV, TOKEN_ENV, APP_ENV)
SIGN_IN_STATES = {"idle": 0, "waiting": 1}  # the document: 0 'Idle', 1 'Waiting'

# The seam for tests: options every client of this module is built with (``transport``: an httpx2
# transport instead of the network; ``retry``: a RetryPolicy). Empty in real use.
_CLIENT_OPTIONS: dict[str, Any] = {}

ENVIRONMENT_HELP = f"""\
credentials (environment variables only, never flags: argv is visible to other users):
  {URL_ENV}             the server's root, https://xxx.udesk.cn (/ccapi/v2 is added)
  {SID_ENV}             the account (Sid)
  {TOKEN_ENV}      its AuthToken (never printed, nor a signed URL)
  {APP_ENV}          the application's id (a UUID)
  {UNIT_ENV}  ms (the default: the document's text) or s (its examples)
  {CALLBACK_ENV}    subscriptions create: the callback URL (a receiver's URL holds its token)

{exit_codes_help()}
"""


def _text(*sentences: str) -> str:
    return textwrap.fill(" ".join(sentences), width=88)


def add_command(commands) -> None:
    """Add ``udesk`` and its subcommands to the subcommands of ``python -m bridge``."""
    formatter = argparse.RawDescriptionHelpFormatter
    udesk = commands.add_parser(
        "udesk", help="Udesk CCPaaS: agents, extensions, queues, sign-in/out, callback to IVR, subscriptions",
        description="Udesk CCPaaS ccapi v2 operations (every request signed with the AuthToken).",
        epilog=ENVIRONMENT_HELP, formatter_class=formatter)
    sub = udesk.add_subparsers(dest="udesk_command", required=True, metavar="COMMAND")

    def group(name: str, help: str):
        parser = sub.add_parser(name, help=help, epilog=ENVIRONMENT_HELP, formatter_class=formatter)
        return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")

    def command(parent, name: str, action, help: str, description: str | None = None):
        parser = parent.add_parser(name, help=help, description=_text(description or help),
                                   epilog=ENVIRONMENT_HELP, formatter_class=formatter)
        parser.set_defaults(run=_runner(action))
        return parser

    agents = group("agents", "agents: list, create")
    listing = command(agents, "list", _agents_list, "every agent, page after page (filters optional)",
                      "Every agent of the application, read page after page. Filters: --role, --enable, "
                      "--state and --query (matched by Udesk against name, agent id, email and mobile).")
    listing.add_argument("--role", choices=("agent", "leader"))
    listing.add_argument("--enable", choices=("true", "false"), help="enabled or disabled agents only")
    listing.add_argument("--state", type=int, metavar="N", help="agents in state N only")
    listing.add_argument("--query", metavar="TEXT", help="fuzzy match on name, agent id, email, mobile")
    listing.add_argument("--json", action="store_true", help="print JSON lines (one agent each) instead of a table")
    listing.add_argument("--show-password", action="store_true",
                         help="keep the extensions' SIP passwords in --json (ExtenInfos[].Password)")
    create = command(agents, "create", _agents_create, "create agent AGENT_ID with work id WORK_ID")
    create.add_argument("agent_id", metavar="AGENT_ID")
    create.add_argument("work_id", metavar="WORK_ID")
    create.add_argument("--name")
    create.add_argument("--mobile")
    create.add_argument("--email")
    create.add_argument("--role", choices=("agent", "leader"))
    create.add_argument("--with-extension", action="store_true",
                        help="create and bind an extension for the agent (IsCreateExtension)")
    create.add_argument("--show-password", action="store_true", help="print the extension's SIP password")

    extensions = group("extensions", "extensions: create, delete, bind, unbind")
    made = command(extensions, "create", _extensions_create, "create extension EXTENSION (4 digits, not 0 first)")
    made.add_argument("extension", metavar="EXTENSION")
    made.add_argument("--webrtc", action="store_true", help="a WebRTC extension (SignalType 1) instead of SIP (0)")
    made.add_argument("--show-password", action="store_true", help="print its SIP password")
    gone = command(extensions, "delete", _extensions_delete, "delete extension EXTENSION (unbind it first)")
    gone.add_argument("extension", metavar="EXTENSION")
    for name, action, help in (("bind", _extensions_bind, "bind EXTENSION... to AGENT_ID"),
                               ("unbind", _extensions_unbind, "unbind EXTENSION... from AGENT_ID")):
        parser = command(extensions, name, action, help)
        parser.add_argument("agent_id", metavar="AGENT_ID")
        parser.add_argument("extensions", metavar="EXTENSION", nargs="+")

    queues = group("queues", "queues: list, create, delete, add-agents, agents")
    queue_list = command(queues, "list", _queues_list, "every queue")
    queue_list.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    queue_create = command(queues, "create", _queues_create, "create queue QUEUE_ID (9 and 3 digits)")
    queue_create.add_argument("queue_id", metavar="QUEUE_ID")
    queue_create.add_argument("--name")
    queue_delete = command(queues, "delete", _queues_delete, "delete queue QUEUE_ID (it must have no agents)")
    queue_delete.add_argument("queue_id", metavar="QUEUE_ID")
    queue_add = command(queues, "add-agents", _queues_add_agents, "add AGENT_ID... to queue QUEUE_ID")
    queue_add.add_argument("queue_id", metavar="QUEUE_ID")
    queue_add.add_argument("agent_ids", metavar="AGENT_ID", nargs="+")
    queue_agents = command(queues, "agents", _queues_agents, "the agents of queue QUEUE_ID")
    queue_agents.add_argument("queue_id", metavar="QUEUE_ID")
    queue_agents.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    queue_agents.add_argument("--show-password", action="store_true",
                              help="keep the extensions' SIP passwords in --json (ExtenInfos[].Password)")

    sign_in = command(sub, "sign-in", _sign_in, "sign agent AGENT_ID in (it needs a bound extension)",
                      "Signs AGENT_ID in, so that it can answer and make calls (an agent without an "
                      "extension cannot). --state: idle (the default) or waiting after going online.")
    sign_in.add_argument("agent_id", metavar="AGENT_ID")
    sign_in.add_argument("--work-id")
    sign_in.add_argument("--queue", dest="queues", action="append", metavar="QUEUE_ID",
                         help="a queue to report the sign-in to (repeatable)")
    sign_in.add_argument("--state", choices=tuple(SIGN_IN_STATES))
    sign_out = command(sub, "sign-out", _sign_out, "sign agent AGENT_ID out (no more queue calls)")
    sign_out.add_argument("agent_id", metavar="AGENT_ID")
    callback = command(sub, "callback", _callback, "call CALLER back into the IVR from relay number CALLED",
                       "Calls the customer CALLER (a PSTN number) and, once answered, routes the call like an "
                       "incoming one on the relay number CALLED. Prints the call's id. Never retried: a "
                       "lost answer may hide a call placed.")
    callback.add_argument("caller", metavar="CALLER")
    callback.add_argument("called", metavar="CALLED")
    callback.add_argument("--display", metavar="NUMBER", help="the number shown to the customer (default: CALLED)")

    subscriptions = group("subscriptions", "event subscriptions: list, create, delete")
    sub_list = command(subscriptions, "list", _subscriptions_list, "the event subscriptions")
    sub_list.add_argument("--show-callback", action="store_true",
                          help="print the callback URLs whole (a receiver's URL holds its token)")
    sub_create = command(subscriptions, "create", _subscriptions_create,
                         f"subscribe ${CALLBACK_ENV} to EVENT... under NAME",
                         "Creates the subscription NAME: Udesk posts each EVENT (acd_agent_state, "
                         "extension_state_update, agent_call_mode_change, general_hangup...) to the URL in "
                         f"${CALLBACK_ENV} (from the environment, not argv: a receiver's URL holds its token).")
    sub_create.add_argument("name", metavar="NAME")
    sub_create.add_argument("events", metavar="EVENT", nargs="+")
    sub_delete = command(subscriptions, "delete", _subscriptions_delete, "delete subscription ID")
    sub_delete.add_argument("subscription_id", metavar="ID")


def _client(env: dict[str, str]) -> UdeskClient:
    unit = os.environ.get(UNIT_ENV) or "ms"
    if unit not in TIMESTAMP_UNITS:
        raise InvalidArgument(f"{UNIT_ENV} must be {' or '.join(TIMESTAMP_UNITS)}, not {unit!r}")
    return UdeskClient(env[URL_ENV], env[SID_ENV], env[TOKEN_ENV], env[APP_ENV], timestamp_unit=unit,
                       **_CLIENT_OPTIONS)


def _redactor() -> Redactor:
    # The AuthToken, even when the command failed before the client held it; the callback's token.
    return Redactor(os.environ.get(TOKEN_ENV), *callback_secrets(os.environ.get(CALLBACK_ENV)))


def _runner(action):
    return client_command(lambda client, env, args: action(client, args), ENV, _client, _redactor)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value)
    return str(value)


def _table(headers: tuple[str, ...], rows: list[tuple]) -> None:
    cells = [headers] + [tuple(_cell(value) for value in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(text.ljust(width) for text, width in zip(row, widths)).rstrip())


def _json_lines(records, *, show_password: bool = True) -> None:
    for record in records:
        print(json.dumps(_without_passwords(record.to_api(), show_password), ensure_ascii=False))


def _print_records(records, columns: tuple[str, ...], as_json: bool, *, show_password: bool = True) -> int:
    """``records`` as JSON lines (printed as they come: a listing of 10,000 agents starts at once
    and holds one page) or as a table of ``columns``."""
    if as_json:
        _json_lines(records, show_password=show_password)
    else:
        _table(columns, [tuple(getattr(record, name) for name in columns) for record in records])
    return EXIT_OK


def _without_passwords(item: Any, show: bool) -> Any:
    """An agent as the API gave it, each extension's SIP ``Password`` (in ``ExtenInfos``: the
    agent get and lists answer it) replaced by a note unless ``show``: a SIP password registers a
    phone as the agent."""
    if show or not isinstance(item, dict):
        return item
    infos = item.get("ExtenInfos")
    if not isinstance(infos, list):
        return item
    hidden = [{**info, "Password": _password(info["Password"], False)}
              if isinstance(info, dict) and info.get("Password") else info for info in infos]
    return {**item, "ExtenInfos": hidden}


AGENT_COLUMNS = ("AgentId", "WorkId", "Name", "Role", "State", "Enable", "Extensions")


def _agents_list(client: UdeskClient, args) -> int:
    enable = None if args.enable is None else args.enable == "true"
    agents = client.iter_agents(role=args.role, enable=enable, state=args.state, fuzzy_query=args.query)
    return _print_records(agents, AGENT_COLUMNS, args.json, show_password=args.show_password)


def _password(value: Any, show: bool) -> str:
    if not value:
        return "none"
    return str(value) if show else "hidden (--show-password prints it)"


def _agents_create(client: UdeskClient, args) -> int:
    created = client.create_agent(args.agent_id, args.work_id, name=args.name, mobile=args.mobile, email=args.email,
                                  role=args.role, create_extension=True if args.with_extension else None)
    line = f"OK: agent {created.AgentId or args.agent_id} created"
    if created.Extension:
        line += f", extension {created.Extension} bound (password {_password(created.Password, args.show_password)})"
    print(line)
    return EXIT_OK


def _extensions_create(client: UdeskClient, args) -> int:
    made = client.create_extension(args.extension, signal_type=1 if args.webrtc else 0)
    print(f"OK: extension {made.Extension or args.extension} created, account {made.Number or 'not given'}, "
          f"password {_password(made.Password, args.show_password)}")
    return EXIT_OK


def _extensions_delete(client: UdeskClient, args) -> int:
    client.delete_extension(args.extension)
    print(f"OK: extension {args.extension} deleted")
    return EXIT_OK


def _extensions_bind(client: UdeskClient, args) -> int:
    client.bind_extensions(args.agent_id, args.extensions)
    print(f"OK: {', '.join(args.extensions)} bound to agent {args.agent_id}")
    return EXIT_OK


def _extensions_unbind(client: UdeskClient, args) -> int:
    client.unbind_extensions(args.agent_id, args.extensions)
    print(f"OK: {', '.join(args.extensions)} unbound from agent {args.agent_id}")
    return EXIT_OK


QUEUE_COLUMNS = ("QueueId", "Name", "Strategy", "Timeout", "WaitMusic")


def _queues_list(client: UdeskClient, args) -> int:
    return _print_records(client.queues(), QUEUE_COLUMNS, args.json)


def _queues_create(client: UdeskClient, args) -> int:
    made = client.create_queue(args.queue_id, name=args.name)
    print(f"OK: queue {made or args.queue_id} created")
    return EXIT_OK


def _queues_delete(client: UdeskClient, args) -> int:
    client.delete_queue(args.queue_id)
    print(f"OK: queue {args.queue_id} deleted")
    return EXIT_OK


def _queues_add_agents(client: UdeskClient, args) -> int:
    client.add_agents_to_queue(args.queue_id, args.agent_ids)
    print(f"OK: {', '.join(args.agent_ids)} added to queue {args.queue_id}")
    return EXIT_OK


def _queues_agents(client: UdeskClient, args) -> int:
    return _print_records(client.queue_agents(args.queue_id), AGENT_COLUMNS, args.json,
                          show_password=args.show_password)


def _msg_id(answer) -> str:
    # The server echoes the query's MsgId; sign-out sends none (it is optional there), and an
    # empty "(MsgId )" would read as a fault.
    return f" (MsgId {answer.msg_id})" if answer.msg_id else ""


def _sign_in(client: UdeskClient, args) -> int:
    state = None if args.state is None else SIGN_IN_STATES[args.state]
    answer = client.sign_in(args.agent_id, work_id=args.work_id, queue_ids=args.queues, state=state)
    print(f"OK: agent {args.agent_id} signed in{_msg_id(answer)}")
    return EXIT_OK


def _sign_out(client: UdeskClient, args) -> int:
    answer = client.sign_out(args.agent_id)
    print(f"OK: agent {args.agent_id} signed out{_msg_id(answer)}")
    return EXIT_OK


def _callback(client: UdeskClient, args) -> int:
    call_id = client.callback_to_ivr(args.caller, args.called, args.display)
    print(f"OK: calling {args.caller} back into the IVR of {args.called}; call {call_id}")
    return EXIT_OK


def masked_callback(url: Any) -> str:
    """A callback URL with its path and query hidden: a receiver's path holds its capability
    token (anyone holding the URL can post events to the CRM)."""
    if not isinstance(url, str) or not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "***"
    if not parts.scheme or not parts.netloc:
        return "***"
    hidden = "/***" if parts.path.strip("/") or parts.query else ""
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], hidden, "", ""))


def _subscriptions_list(client: UdeskClient, args) -> int:
    rows = []
    for subscription in client.subscriptions():
        callback = subscription.callback if args.show_callback else masked_callback(subscription.callback)
        rows.append((subscription.name, subscription.enable, subscription.events, callback))
    _table(("name", "enabled", "events", "callback"), rows)
    return EXIT_OK


def _subscriptions_create(client: UdeskClient, args) -> int:
    callback = require_env((CALLBACK_ENV,))[CALLBACK_ENV]
    result = client.create_subscription(args.name, callback, args.events)
    for made in result.sub_succ or []:
        print(f"OK: subscription {made.get('name', args.name)} created, id {made.get('subid')}")
    failed = result.sub_fail or []
    for item in failed:
        print(f"failed: {item}")
    return EXIT_OK if not failed and result.sub_succ else 1


def _subscriptions_delete(client: UdeskClient, args) -> int:
    client.delete_subscription(args.subscription_id)
    print(f"OK: subscription {args.subscription_id} deleted")
    return EXIT_OK
