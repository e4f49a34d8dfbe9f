"""``python -m bridge xuc COMMAND``: the XiVO XUC REST API 2.0 from a shell (login check, dial,
DND, forwards, history, personal contacts, callback lists).

Credentials come from the environment only (``XUC_URL``, ``XUC_LOGIN``, ``XUC_PASSWORD``, and
``XUC_USER_TYPE``), never from flags: argv is visible to every user of the machine and kept in
shell histories. Errors are one line on stderr; the exit codes are :mod:`..cli_support`'s.

Which user: XUC has two kinds, and each command works for one of them. Dial, DND, forwards,
history and callbacks act on any CTI user and are web-service endpoints (the seed reserves them
to web-service users holding the ACL it names); personal contacts are a CTI user's own (the
contacts of the user logged in). ``XUC_USER_TYPE`` is therefore ``webservice`` (the default: what
an operator or a CRM's server script holds) or ``cti``. A command the user cannot do is refused by
the client before anything is sent (PermissionDeniedError naming the ACL, or saying the endpoint
is for web-service users): exit 1, as any other refusal of the API.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from datetime import datetime, timezone
from typing import Any

from ..cli_support import EXIT_FAILED, EXIT_OK, client_command, exit_codes_help
from ..errors import InvalidArgument
from ..redaction import Redactor
from .client import XucClient
from .credentials import CtiUser, WebServiceUser
from .operations import FORWARDS

URL_ENV, LOGIN_ENV, PASSWORD_ENV, USER_TYPE_ENV = "XUC_URL", "XUC_LOGIN", "XUC_PASSWORD", "XUC_USER_TYPE"
ENV = (URL_ENV, LOGIN_ENV, PASSWORD_ENV)
USER_TYPES = {"webservice": WebServiceUser, "cti": CtiUser}
DEFAULT_USER_TYPE = "webservice"
HISTORY_COLUMNS = ("start", "duration", "srcUsername", "dstUsername", "status")

# The seam for tests: options every client of this module is built with (``transport``: an httpx2
# transport instead of the network; ``retry``: a RetryPolicy). Empty in real use.
_CLIENT_OPTIONS: dict[str, Any] = {}

ENVIRONMENT_HELP = f"""\
credentials (environment variables only, never flags: argv is visible to other users):
  {URL_ENV}        the server's root, https://xuc.example.com:8090 (/xuc/api/2.0 is added)
  {LOGIN_ENV}      the user's login
  {PASSWORD_ENV}   its password (never printed, nor the token)
  {USER_TYPE_ENV}  webservice (the default) or cti:
                 webservice  dial, dnd, forward, history, callbacks (for any CTI user,
                             with the ACL XUC names for each, e.g. xuc.rest.dnd.*.create)
                 cti         contacts (a CTI user's own personal contacts)
                 A command the user may not run is refused before anything is sent (exit 1,
                 the missing ACL named).

{exit_codes_help()}
"""


def _text(*sentences: str) -> str:
    return textwrap.fill(" ".join(sentences), width=88)


def add_command(commands) -> None:
    """Add ``xuc`` and its subcommands to the subcommands of ``python -m bridge``."""
    formatter = argparse.RawDescriptionHelpFormatter
    xuc = commands.add_parser("xuc", help="XiVO XUC: login check, dial, DND, forwards, history, contacts, callbacks",
                              description="XiVO XUC REST API 2.0 operations.", epilog=ENVIRONMENT_HELP,
                              formatter_class=formatter)
    sub = xuc.add_subparsers(dest="xuc_command", required=True, metavar="COMMAND")

    def command(parent, name: str, action, help: str, description: str | None = None):
        parser = parent.add_parser(name, help=help, description=_text(description or help),
                                   epilog=ENVIRONMENT_HELP, formatter_class=formatter)
        parser.set_defaults(run=_runner(action))
        return parser

    command(sub, "login-check", _login_check, "log in, print OK, the user, its ACLs' count and the token's expiry")
    dial = command(sub, "dial", _dial, "dial NUMBER from USER's phone (web-service user)",
                   "Dials NUMBER from the phone of the CTI user USER (POST /dial/number/USER); USER must be "
                   "logged in to XUC. Needs a web-service user with xuc.rest.dial.number.*.create.")
    dial.add_argument("user", metavar="USER")
    dial.add_argument("number", metavar="NUMBER")
    dnd = command(sub, "dnd", _dnd, "turn USER's do-not-disturb on or off (web-service user)")
    dnd.add_argument("user", metavar="USER")
    dnd.add_argument("state", choices=("on", "off"))
    forward = command(sub, "forward", _forward, "set or clear one of USER's forwards (web-service user)",
                      "Forwards USER's calls to NUMBER, or with 'off' turns that forward off. KIND: "
                      "unconditional (every call), noanswer (when not answered), busy (when busy).")
    forward.add_argument("kind", choices=FORWARDS, metavar="KIND", help=f"one of {', '.join(FORWARDS)}")
    forward.add_argument("user", metavar="USER")
    forward.add_argument("destination", metavar="NUMBER|off")
    history = command(sub, "history", _history, "USER's last calls, by count or by days (web-service user)",
                      "USER's calls: the last N (--size) or those of the last N days (--days), newest first.")
    history.add_argument("user", metavar="USER")
    span = history.add_mutually_exclusive_group(required=True)
    span.add_argument("--size", type=int, metavar="N", help="the last N calls")
    span.add_argument("--days", type=int, metavar="N", help="the calls of the last N days")
    history.add_argument("--json", action="store_true", help="print JSON instead of a table")

    contacts = sub.add_parser("contacts", help="the CTI user's personal contacts: export, import (cti user)",
                              epilog=ENVIRONMENT_HELP, formatter_class=formatter)
    contacts_sub = contacts.add_subparsers(dest="contacts_command", required=True, metavar="ACTION")
    export = command(contacts_sub, "export", _contacts_export, "the personal contacts as CSV (cti user)",
                     "The logged-in CTI user's personal contacts as XUC exports them (CSV, UTF-8). With "
                     "--output, the file appears only when the export is complete.")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    load = command(contacts_sub, "import", _contacts_import, "add personal contacts from a CSV file (cti user)",
                   "Adds the contacts of FILE (CSV, UTF-8, a header line, as contacts export writes it) to "
                   "the logged-in CTI user's. Prints the counts created and failed, then each failed line. "
                   "Exit 0 when no line failed, 1 otherwise.")
    load.add_argument("file", metavar="FILE")

    callbacks = sub.add_parser("callbacks", help="callback lists: import requests, export tickets (web-service user)",
                               epilog=ENVIRONMENT_HELP, formatter_class=formatter)
    callbacks_sub = callbacks.add_subparsers(dest="callbacks_command", required=True, metavar="ACTION")
    imports = command(callbacks_sub, "import", _callbacks_import, "add callback requests to a list (web-service user)",
                      "Adds the callback requests of FILE to the callback list LIST_UUID. FILE: UTF-8, "
                      "'|'-separated, a header line naming XUC's columns (phoneNumber|mobilePhoneNumber|"
                      "firstName|lastName|company|description|dueDate|period). XUC takes all lines or none.")
    imports.add_argument("list_uuid", metavar="LIST_UUID")
    imports.add_argument("file", metavar="FILE")
    tickets = command(callbacks_sub, "export", _callbacks_export, "a list's callback tickets as CSV (web-service user)",
                      "The callback tickets of the list LIST_UUID as XUC exports them (CSV). With --output, "
                      "the file appears only when the export is complete.")
    tickets.add_argument("list_uuid", metavar="LIST_UUID")
    tickets.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")


def _credentials(env: dict[str, str]):
    kind = os.environ.get(USER_TYPE_ENV) or DEFAULT_USER_TYPE
    if kind not in USER_TYPES:
        raise InvalidArgument(f"{USER_TYPE_ENV} must be {' or '.join(USER_TYPES)}, not {kind!r}")
    return USER_TYPES[kind](env[LOGIN_ENV], env[PASSWORD_ENV])


def _client(env: dict[str, str]) -> XucClient:
    return XucClient(env[URL_ENV], _credentials(env), **_CLIENT_OPTIONS)


def _redactor() -> Redactor:
    # The password, even when the command failed before the client held it.
    return Redactor(os.environ.get(PASSWORD_ENV))


def _runner(action):
    return client_command(action, ENV, _client, _redactor)


def _expiry(seconds: float | None) -> str:
    if seconds is None:
        return "an expiry the token does not say"
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _login_check(client: XucClient, env: dict[str, str], args) -> int:
    client.login()
    claims = client.claims
    acls = "ACLs not named" if claims.acls is None else f"{len(claims.acls)} ACLs"
    print(f"OK: {claims.login or env[LOGIN_ENV]} ({claims.user_type or 'user type not named'}) logged in to "
          f"{env[URL_ENV]}; {acls}; the token expires {_expiry(claims.expires_at)}")
    return EXIT_OK


def _dial(client: XucClient, env, args) -> int:
    client.dial_number(args.user, args.number)
    print(f"OK: {args.user} is dialing {args.number}")
    return EXIT_OK


def _dnd(client: XucClient, env, args) -> int:
    client.set_dnd(args.user, args.state == "on")
    print(f"OK: do-not-disturb {args.state} for {args.user}")
    return EXIT_OK


FORWARD_METHODS = {"unconditional": XucClient.forward_unconditional, "noanswer": XucClient.forward_no_answer,
                   "busy": XucClient.forward_busy}


def _forward(client: XucClient, env, args) -> int:
    off = args.destination == "off"
    FORWARD_METHODS[args.kind](client, args.user, "" if off else args.destination, enabled=not off)
    print(f"OK: {args.kind} forward of {args.user} " + ("off" if off else f"to {args.destination}"))
    return EXIT_OK


def _history(client: XucClient, env, args) -> int:
    calls = client.history(args.user, args.size) if args.size is not None else \
        client.history_days(args.user, args.days)
    if args.json:
        print(json.dumps([call.to_api() for call in calls], ensure_ascii=False, indent=2))
        return EXIT_OK
    headers = ("start", "duration", "from", "to", "status")
    cells = [headers] + [tuple("" if getattr(call, name) is None else str(getattr(call, name))
                               for name in HISTORY_COLUMNS) for call in calls]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(text.ljust(width) for text, width in zip(row, widths)).rstrip())
    return EXIT_OK


def _write(path: str | None, text: str) -> None:
    """stdout, or ``path`` written through ``path.part``: a failed write leaves no half file."""
    if path is None:
        sys.stdout.write(text)
        return
    partial = path + ".part"
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    os.replace(partial, path)


def _read(path: str) -> bytes:
    # Bytes: the client checks they are UTF-8 (InvalidArgument, exit 2, if not).
    with open(path, "rb") as source:
        return source.read()


def _contacts_export(client: XucClient, env, args) -> int:
    _write(args.output, client.export_contacts())
    return EXIT_OK


def _contacts_import(client: XucClient, env, args) -> int:
    result = client.import_contacts(_read(args.file))
    failed = result.failed or []
    print(f"created {len(result.created or [])}, failed {len(failed)}")
    for failure in failed:
        print(f"  line {failure.line}: {'; '.join(failure.errors or [])}")
    return EXIT_OK if not failed else EXIT_FAILED


def _callbacks_import(client: XucClient, env, args) -> int:
    client.import_callbacks(args.list_uuid, _read(args.file))
    print(f"OK: the callback requests of {args.file} are in the list {args.list_uuid}")
    return EXIT_OK


def _callbacks_export(client: XucClient, env, args) -> int:
    _write(args.output, client.export_callback_tickets(args.list_uuid))
    return EXIT_OK
