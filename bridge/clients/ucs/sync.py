"""Create or update µCRM persons by ``external_id`` from a CRM's CSV export (the logic of
``python -m bridge ucs sync-persons``, usable without the command line).

The file (UTF-8, a BOM allowed; one header row; names case-insensitive):

- ``external_id`` (required column and value; case-sensitive, as UCS compares it);
- ``group_id`` (an integer; required to create a person), ``displayname``, ``firstname``,
  ``lastname``, ``note``;
- contact columns: ``phone``, ``email``, ``web``, ``general`` (the ContactType names), each
  optionally with a label after a colon (``phone:mobile``, ``email:work``); repeat a type with
  different labels for several contacts;
- ``id`` is allowed and ignored (``persons export`` writes it): persons are matched by external_id.

Any other column refuses the whole file before anything is written (a typo would otherwise be
dropped silently). A cell left empty sets nothing: UCS keeps its value. A row whose contact cells
are all empty leaves the contacts alone; one with any contact replaces the person's contacts with
exactly those (UCS's PATCH replaces contacts as a whole).

Each row: found (by external_id) -> the fields the row sets are compared with UCS's (contacts as
a set of type, contact, label; their ids and order do not count); all equal -> unchanged, no
write; else one PATCH of the fields that differ. Not found -> one create. A second run over the
same file therefore writes nothing.

Finding persons, two ways (``lookup``):

- ``"each"``: one ``GET /crm/person/external/{id}`` per row.
- ``"index"``: one pass over ``GET /crm/persons`` (pages of 500) builds an index by
  external_id; then only writes, plus a detail GET for a found person whose row sets a field the
  list does not carry (the list gives id, group_id, displayname, firstname, lastname,
  external_id; not note or contacts). An external_id that two UCS persons share fails its rows
  (which one to update is not ours to guess).
- ``"auto"`` (default): one ``persons(limit=1)`` reads the total; the index when its pages are
  fewer than the rows, else each. 5,000 rows against 27,000 persons: 54 list pages instead of
  5,000 lookups.

A bad row never stops the others: a missing external_id, a group_id that is not an integer, a
field UCS refuses (its ValidationError's field messages), any other API error for that row. What
would fail every row stops the run (bad credentials, no permission, host unreachable): the
summary then says so in ``aborted``.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import (ApiError, AuthenticationError, InvalidArgument, NotFoundError, PermissionDeniedError, TransportError,
                      ValidationError)
from .models import Contact, ContactType, Person

SCALARS = ("group_id", "displayname", "firstname", "lastname", "note")
IGNORED = ("id",)
CONTACT_TYPES = {member.name.lower(): member for member in ContactType}
# What GET /crm/persons gives per person (seed 000's example); other fields need the detail.
LISTED = frozenset({"id", "group_id", "displayname", "firstname", "lastname", "external_id"})
LOOKUPS = ("auto", "index", "each")
PAGE_SIZE = 500
# Errors that would fail every remaining row too: the run stops instead of repeating them.
FATAL = (AuthenticationError, PermissionDeniedError, TransportError)


class FileError(ValueError):
    """The file cannot be synced at all (no external_id column, an unknown column)."""


@dataclasses.dataclass(frozen=True)
class Row:
    """One data row: its number as a spreadsheet shows it (the header is row 1), what it sets,
    and what is wrong with it (field -> message; empty when it can be sent)."""

    number: int
    external_id: str
    fields: dict[str, Any]
    errors: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Failure:
    row: int
    external_id: str
    messages: dict[str, str]


@dataclasses.dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = dataclasses.field(default_factory=list)
    aborted: ApiError | None = None  # the error that stopped the run, if one did
    lookup: str = ""  # the lookup used ("index" or "each")

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def writes(self) -> int:
        return self.created + self.updated

    def lines(self) -> list[str]:
        """The summary as the command prints it: the counts, then one line per failure."""
        out = [f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, failed {self.failed}"]
        for failure in self.failures:
            who = f"external_id {failure.external_id!r}" if failure.external_id else "no external_id"
            detail = "; ".join(f"{field}: {message}" for field, message in failure.messages.items())
            out.append(f"row {failure.row} ({who}): {detail}")
        return out


def _contact_column(name: str) -> tuple[ContactType, str] | None:
    kind, _, label = name.partition(":")
    member = CONTACT_TYPES.get(kind.strip())
    return (member, label.strip()) if member is not None else None


def _columns(header: list[str]) -> list[str]:
    names = [name.strip().lower() for name in header]
    if "external_id" not in names:
        raise FileError("the header has no external_id column")
    unknown = [name for name in names
               if name not in ("external_id", *SCALARS, *IGNORED) and _contact_column(name) is None]
    if unknown:
        raise FileError(f"unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
                        f"(allowed: external_id, {', '.join(SCALARS)}, id, and contact columns "
                        f"{'/'.join(CONTACT_TYPES)}[:label])")
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise FileError(f"columns named twice: {', '.join(duplicated)}")
    return names


def read_rows(lines: Iterable[str], delimiter: str = ",") -> Iterator[Row]:
    """The rows of a CSV export (``lines``: an open text file), one at a time: the file is never
    held in memory. :class:`FileError` (before any row) when the header cannot be synced."""
    reader = csv.reader(lines, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise FileError("the file is empty (no header row)")
    names = _columns(header)
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line (spreadsheets end exports with them)
        yield _row(number, names, cells)


def _row(number: int, names: list[str], cells: list[str]) -> Row:
    fields: dict[str, Any] = {}
    errors: dict[str, str] = {}
    contacts = []
    if len(cells) > len(names):
        errors["row"] = f"{len(cells)} cells for {len(names)} columns"
    values = dict(zip(names, (cell.strip() for cell in cells)))
    external_id = values.get("external_id", "")
    if not external_id:
        errors["external_id"] = "required"
    for name, value in values.items():
        if not value or name in ("external_id", *IGNORED):
            continue
        contact = _contact_column(name)
        if contact is not None:
            kind, label = contact
            contacts.append({"type": int(kind), "contact": value, **({"label": label} if label else {})})
        elif name == "group_id":
            try:
                fields["group_id"] = int(value)
            except ValueError:
                errors["group_id"] = f"not an integer: {value!r}"
        else:
            fields[name] = value
    if contacts:
        fields["contacts"] = contacts
    return Row(number, external_id, fields, errors)


def _contact_key(contact: Any) -> tuple:
    if isinstance(contact, Contact):
        contact = contact.to_api()
    if not isinstance(contact, dict):
        return (repr(contact),)
    kind = contact.get("type")
    return (int(kind) if isinstance(kind, int) else kind, contact.get("contact") or "", contact.get("label") or "")


def changes(wanted: dict[str, Any], person: Person) -> dict[str, Any]:
    """The fields of ``wanted`` whose value differs from ``person``'s (empty: nothing to write)."""
    out = {}
    for name, value in wanted.items():
        if name == "contacts":
            if sorted(map(_contact_key, value)) != sorted(map(_contact_key, person.contacts or [])):
                out[name] = value
        elif getattr(person, name) != value:
            out[name] = value
    return out


def _fits_list(wanted: dict[str, Any], listed: Person) -> bool:
    """Whether the list's record of a person carries every field the row sets."""
    carried = LISTED | listed.to_api().keys()
    return all(name in carried for name in wanted)


class _Index:
    """Persons by external_id from one pass over the list (exact strings: case-sensitive)."""

    def __init__(self, persons: Iterable[Person]):
        self.persons: dict[str, Person] = {}
        self.shared: set[str] = set()
        for person in persons:
            key = person.external_id
            if not key:
                continue
            if key in self.persons:
                self.shared.add(key)
            else:
                self.persons[key] = person


def choose_lookup(client, rows: int, lookup: str = "auto", page_size: int = PAGE_SIZE) -> str:
    """``"index"`` or ``"each"`` for ``rows`` rows (``"auto"`` asks UCS for its total)."""
    if lookup not in LOOKUPS:
        raise ValueError(f"lookup must be one of {', '.join(LOOKUPS)}")
    if lookup != "auto":
        return lookup
    total = client.persons(limit=1, offset=0).total
    pages = math.ceil(total / page_size) if total is not None else rows + 1
    return "index" if pages < rows else "each"


def sync_persons(client, rows: Iterable[Row], *, lookup: str = "each", page_size: int = PAGE_SIZE,
                 progress: Callable[[], None] | None = None) -> Summary:
    """Sync ``rows`` (from :func:`read_rows`) into UCS with ``client`` (a :class:`UcsClient`);
    ``lookup`` is ``"index"`` or ``"each"`` (:func:`choose_lookup`); ``progress()`` is called
    after each row."""
    summary = Summary(lookup=lookup)
    try:
        index = _Index(client.iter_persons(page_size)) if lookup == "index" else None
    except FATAL as error:
        summary.aborted = error
        return summary
    for row in rows:
        try:
            _sync_row(client, row, index, summary)
        except FATAL as error:
            summary.aborted = error
            return summary
        if progress is not None:
            progress()
    return summary


def _sync_row(client, row: Row, index: _Index | None, summary: Summary) -> None:
    def fail(messages: dict[str, str]) -> None:
        summary.failures.append(Failure(row.number, row.external_id, messages))

    if row.errors:
        return fail(row.errors)
    try:
        if index is not None:
            if row.external_id in index.shared:
                return fail({"external_id": "more than one UCS person has this external_id"})
            found = index.persons.get(row.external_id)
            if found is not None and not _fits_list(row.fields, found):
                found = client.person(found.id)
        else:
            try:
                found = client.person_by_external_id(row.external_id)
            except NotFoundError:
                found = None
        if found is None:
            if "group_id" not in row.fields:
                return fail({"group_id": "required to create a person"})
            fields = {"external_id": row.external_id, **row.fields}
            new_id = client.create_person(fields)
            summary.created += 1
            if index is not None:
                # A later row with the same external_id is then compared with what was created.
                index.persons[row.external_id] = Person.from_api({"id": new_id, **fields})
            return
        different = changes(row.fields, found)
        if not different:
            summary.unchanged += 1
            return
        client.update_person(found.id, different)
        summary.updated += 1
        if index is not None:
            index.persons[row.external_id] = Person.from_api({**found.to_api(), **different})
    except ValidationError as error:
        fail(error.fields or {"error": error.vendor_message or str(error)})
    except FATAL:
        raise
    except ApiError as error:
        fail({"error": str(error)})
    except InvalidArgument as error:  # refused by the client before sending (an id it cannot put in a URL)
        fail({"error": error.message})
