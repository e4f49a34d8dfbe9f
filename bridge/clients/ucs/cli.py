"""``python -m bridge ucs COMMAND``: UCS REST from a shell (operations, and sync-persons).

Credentials come from the environment only (``UCS_URL``, ``UCS_CLIENT_ID``,
``UCS_CLIENT_SECRET``; ``UCS_CA_BUNDLE`` optionally names a CA file for a private PKI), never
from flags: argv is visible to every user of the machine and kept in shell histories. Errors are
one line on stderr; the exit codes are :mod:`bridge.clients.cli_support`'s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import ssl
import sys
from contextlib import contextmanager
from typing import Any

from ...errors import BridgeError
from ..cli_support import EXIT_ENVIRONMENT, EXIT_FAILED, EXIT_OK, PROG, client_command, report
from ..errors import InvalidArgument
from ..records import ApiRecord
from . import sync
from .client import UcsClient

ENV = ("UCS_URL", "UCS_CLIENT_ID", "UCS_CLIENT_SECRET")
CA_BUNDLE_ENV = "UCS_CA_BUNDLE"
EXPORT_COLUMNS = ("id", "external_id", "group_id", "displayname", "firstname", "lastname")

# The seam for tests: options every client of this module is built with (``transport``: an httpx2
# transport instead of the network; ``retry``: a RetryPolicy). Empty in real use.
_CLIENT_OPTIONS: dict[str, Any] = {}

ENVIRONMENT_HELP = f"""\
credentials (environment variables only, never flags: argv is visible to other users):
  UCS_URL            https://ucs.example.com (the server; /api/v1.0 is added)
  UCS_CLIENT_ID      the OAuth client id (a UCS service account)
  UCS_CLIENT_SECRET  its secret (never printed)
  {CA_BUNDLE_ENV}      optional: a CA file to trust instead of the system's

exit codes: 0 done, 1 API error (sync-persons: a row failed), 2 missing environment variable
or unusable file, 3 bad credentials, 4 host unreachable or timed out, 5 TLS failure
"""

SYNC_HELP = """\
Create or update µCRM persons by external_id from a CRM's CSV export.

The file: UTF-8 (a BOM is fine), one header row, column names case-insensitive:
  external_id   required in every row; case-sensitive (as UCS compares it)
  group_id      integer; required to create a person
  displayname, firstname, lastname, note
  phone, email, web, general   contacts (ContactType); TYPE:LABEL sets a label
                (phone:mobile, email:work); repeat a type with other labels for more
  id            ignored (persons export writes it); persons are matched by external_id
Any other column refuses the file before anything is written. An empty cell sets nothing
(UCS keeps its value). A row with any contact replaces the person's contacts with exactly
those; a row whose contact cells are all empty leaves them alone.

Each row: not found -> created; found -> the fields the row sets are compared with UCS's:
equal -> unchanged (no write), else one update of the fields that differ. A second run over
the same file writes nothing. A bad row (no external_id, group_id not an integer, a field UCS
refuses) is counted failed and the others go on.

Prints: created N, updated N, unchanged N, failed N, then each failure (row number as a
spreadsheet shows it, the header being row 1; external_id; field: message). A progress bar on
stderr when it is a terminal. Exit 0 when no row failed, 1 otherwise.
"""


def add_command(commands) -> None:
    """Add ``ucs`` and its subcommands to ``python -m bridge``."""
    formatter = argparse.RawDescriptionHelpFormatter
    ucs = commands.add_parser("ucs", help="UCS REST API: status, queues, calls, metadata, users, persons",
                              description="UCS REST API operations.", epilog=ENVIRONMENT_HELP, formatter_class=formatter)
    sub = ucs.add_subparsers(dest="ucs_command", required=True, metavar="COMMAND")

    def command(name: str, action, help: str, *, json_flag: bool = True, **options):
        parser = sub.add_parser(name, help=help, description=options.pop("description", help),
                                epilog=ENVIRONMENT_HELP, formatter_class=formatter)
        if json_flag:
            parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.set_defaults(run=_runner(action))
        return parser

    command("status", _status, "system, trunk and phone status")
    command("queues", _queues, "queues and campaigns with their live counters")
    command("call", _call, "the call record (CDR) of a call").add_argument("uniqueid")
    command("users", _users, "every user (id, name, external_id)")

    metadata = sub.add_parser("metadata", help="a call's metadata: get, set", epilog=ENVIRONMENT_HELP,
                              formatter_class=formatter)
    metadata_sub = metadata.add_subparsers(dest="metadata_command", required=True, metavar="ACTION")
    get = metadata_sub.add_parser("get", help="print a call's metadata (JSON)")
    get.add_argument("uniqueid")
    get.set_defaults(run=_runner(_metadata_get))
    put = metadata_sub.add_parser(
        "set", help="set keys of a call's metadata (KEY=null deletes KEY)", formatter_class=formatter,
        description="Set keys of a call's metadata; other keys are kept. Prints the metadata after.\n\n"
                    "VALUE is read as JSON when it parses (42, true, null, {\"a\": 1}, \"\\\"007\\\"\"),\n"
                    "else kept as a string (abc, 007, T-1). KEY=null deletes KEY; to set the\n"
                    "string \"null\" or a number as a string, quote it as JSON: KEY='\"null\"'.")
    put.add_argument("uniqueid")
    put.add_argument("pairs", nargs="+", metavar="KEY=VALUE")
    put.set_defaults(run=_runner(_metadata_set))

    persons = sub.add_parser("persons", help="µCRM persons: export", epilog=ENVIRONMENT_HELP, formatter_class=formatter)
    persons_sub = persons.add_subparsers(dest="persons_command", required=True, metavar="ACTION")
    export = persons_sub.add_parser(
        "export", help="every µCRM person as CSV or JSON", formatter_class=formatter,
        description="Every µCRM person, page by page (streamed: memory holds one page).\n\n"
                    f"CSV columns: {', '.join(EXPORT_COLUMNS)} (what the list gives; note and\n"
                    "contacts would cost one request per person). The CSV reads back into sync-persons.\n"
                    "JSON: an array of the persons as UCS lists them, one per line.\n"
                    "With --output, the file appears only when the export is complete.")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(run=_runner(_export))

    sync_parser = sub.add_parser("sync-persons", help="create or update µCRM persons from a CSV file",
                                 description=SYNC_HELP, epilog=ENVIRONMENT_HELP, formatter_class=formatter)
    sync_parser.add_argument("file", metavar="FILE.csv")
    sync_parser.add_argument("--delimiter", default=",", help="the CSV delimiter (default: ,)")
    sync_parser.add_argument("--lookup", choices=sync.LOOKUPS, default="auto",
                             help="find persons by one list pass (index), one GET per row (each), or "
                                  "whichever makes fewer requests (auto, the default)")
    sync_parser.set_defaults(run=_runner(_sync_persons))


def _client(env: dict[str, str]) -> UcsClient:
    return UcsClient(env["UCS_URL"], client_id=env["UCS_CLIENT_ID"], client_secret=env["UCS_CLIENT_SECRET"],
                     verify=_ca_bundle(), **_CLIENT_OPTIONS)


def _ca_bundle() -> ssl.SSLContext | bool:
    """The trust store: UCS_CA_BUNDLE's file (a private PKI), else the system's."""
    path = os.environ.get(CA_BUNDLE_ENV)
    if not path:
        return True
    try:
        return ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as error:
        # A setting, like a missing variable: exit 2 with the reason, not a traceback.
        raise InvalidArgument(f"{CA_BUNDLE_ENV}: cannot read a CA bundle from {path!r} "
                              f"({type(error).__name__}: {error.strerror or error})") from None


def _runner(action):
    return client_command(lambda client, env, args: action(client, args), ENV, _client)


def _plain(value: Any) -> Any:
    if isinstance(value, ApiRecord):
        return value.to_api()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _print_json(value: Any) -> None:
    print(json.dumps(value, default=_plain, ensure_ascii=False, indent=2))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "name") and hasattr(value, "value"):  # an Enum: its name reads better than 1
        return value.name.lower()
    return str(value)


def _print_table(headers: tuple[str, ...], rows: list[tuple]) -> None:
    cells = [tuple(headers)] + [tuple(_cell(value) for value in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(text.ljust(width) for text, width in zip(row, widths)).rstrip())


def _status(client: UcsClient, args) -> int:
    status = client.status()
    if args.json:
        _print_json(status)
        return EXIT_OK
    print("services: " + ", ".join(f"{name} {value}" for name, value in status.services.items()))
    print("\ntrunks:")
    _print_table(("id", "name", "status", "rtt"),
                 [(key, t.name, t.status, t.rtt) for key, t in (status.trunks or {}).items()])
    print("\nphones:")
    _print_table(("group", "name", "configured", "available", "dead", "paired"),
                 [(key, p.name, p.configured, p.available, p.dead, p.paired) for key, p in (status.phones or {}).items()])
    return EXIT_OK


def _queues(client: UcsClient, args) -> int:
    queues = client.queues()
    if args.json:
        _print_json(queues)
        return EXIT_OK
    _print_table(("id", "name", "type", "number", "active", "waiting", "talking", "idle", "answered", "abandoned"),
                 [(q.id, q.name, q.type, q.number, q.active, q.callers_waiting, q.callers_talking, q.agents_idle,
                   q.answered, q.abandoned) for q in queues])
    return EXIT_OK


CALL_FIELDS = ("uniqueid", "calldate", "src_number", "src_name", "dst_number", "dst_name", "duration", "ring_time",
               "talk_time", "hold_time", "cause", "recording", "recording_duration", "price")


def _call(client: UcsClient, args) -> int:
    record = client.call_record(args.uniqueid)
    if args.json:
        _print_json(record)
        return EXIT_OK
    fields = [("direction", record.direction.value if record.direction else None)] + \
        [(name, getattr(record, name)) for name in CALL_FIELDS]
    _print_table(("field", "value"), [(name, value) for name, value in fields if value is not None])
    if record.metadata:
        print("\nmetadata: " + json.dumps(record.metadata, ensure_ascii=False))
    if record.path:
        print("\npath:")
        _print_table(("date", "type", "number", "name"), [(s.date, s.type, s.number, s.name) for s in record.path])
    return EXIT_OK


def _users(client: UcsClient, args) -> int:
    users = client.users()
    if args.json:
        _print_json(users)
    else:
        _print_table(("id", "name", "external_id"), [(u.id, u.name, u.external_id) for u in users])
    return EXIT_OK


def _metadata_get(client: UcsClient, args) -> int:
    _print_json(client.metadata(args.uniqueid))
    return EXIT_OK


class UsageError(BridgeError):
    """An argument the command cannot use (exit 2, as argparse's own usage errors)."""

    code = "INVALID_ARGUMENT"

    def __init__(self, message: str):
        super().__init__(self.code, message)


def parse_pairs(pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` arguments as metadata changes: VALUE as JSON when it parses, else the
    string as written; ``null`` is None (UCS deletes the key)."""
    changes = {}
    for pair in pairs:
        key, equals, text = pair.partition("=")
        if not equals or not key:
            raise UsageError(f"expected KEY=VALUE, got {pair!r}")
        try:
            changes[key] = json.loads(text)
        except ValueError:
            changes[key] = text
    return changes


def _metadata_set(client: UcsClient, args) -> int:
    try:
        changes = parse_pairs(args.pairs)
    except UsageError as error:
        report(error)
        return EXIT_ENVIRONMENT
    _print_json(client.update_metadata(args.uniqueid, changes))
    return EXIT_OK


@contextmanager
def _output(path: str | None):
    """stdout, or ``path`` written through ``path.part``: a failed export leaves no half file."""
    if path is None:
        yield sys.stdout
        return
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8", newline="") as out:
        try:
            yield out
        except BaseException:
            out.close()
            os.unlink(partial)
            raise
    os.replace(partial, path)


def _export(client: UcsClient, args) -> int:
    persons = client.iter_persons()
    with _output(args.output) as out:
        if args.format == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(EXPORT_COLUMNS)
            for person in persons:
                writer.writerow([_cell(getattr(person, name)) for name in EXPORT_COLUMNS])
        else:
            out.write("[")
            for count, person in enumerate(persons):
                out.write(("," if count else "") + "\n" + json.dumps(person.to_api(), ensure_ascii=False))
            out.write("\n]\n")
    return EXIT_OK


class ProgressBar:
    """One line on stderr, redrawn in place, only when stderr is a terminal (quiet when piped or
    logged). Hand-written: a bar is twenty lines, not a dependency for every installer."""

    WIDTH = 30

    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.total = max(total, 1)
        self.done = 0
        self.shown = -1
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self) -> None:
        self.done += 1
        percent = self.done * 100 // self.total
        if self.enabled and percent != self.shown:
            self.shown = percent
            filled = self.WIDTH * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} rows")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _sync_persons(client: UcsClient, args) -> int:
    try:
        with open(args.file, encoding="utf-8-sig", newline="") as lines:
            rows = sum(1 for _ in sync.read_rows(lines, args.delimiter))
    except (OSError, UnicodeDecodeError, csv.Error, sync.FileError) as error:
        print(f"{PROG}: {args.file}: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    lookup = sync.choose_lookup(client, rows, args.lookup)
    bar = ProgressBar(rows)
    with open(args.file, encoding="utf-8-sig", newline="") as lines:
        summary = sync.sync_persons(client, sync.read_rows(lines, args.delimiter), lookup=lookup, progress=bar)
    bar.finish()
    for line in summary.lines():
        print(line)
    if summary.aborted is not None:
        print(f"{PROG}: stopped: the rows after these were not synced", file=sys.stderr)
        return report(summary.aborted)
    return EXIT_OK if not summary.failures else EXIT_FAILED
