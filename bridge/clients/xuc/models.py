"""Typed views of the objects XUC REST 2.0 (seed 004) documents, read leniently
(:class:`~bridge.clients.records.ApiRecord`: unknown keys kept in ``extra``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records import ApiRecord, each


@dataclasses.dataclass(frozen=True)
class LoginAnswer(ApiRecord):
    """``{login, token, TTL}`` of a login or ``/auth/check``; TTL (seconds) absent for Kerberos
    and CAS. The token is never shown in a repr."""

    login: str | None = None
    token: str | None = dataclasses.field(default=None, repr=False)
    TTL: int | None = None


@dataclasses.dataclass(frozen=True)
class Contact(ApiRecord):
    """A personal contact (get, create, update answer it; the import's ``created`` items)."""

    id: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    number: str | None = None
    mobile: str | None = None
    fax: str | None = None
    email: str | None = None
    company: str | None = None


@dataclasses.dataclass(frozen=True)
class ContactEntry(ApiRecord):
    """One row of the contacts list: ``entry`` holds the values in the list's ``headers`` order."""

    status: int | None = None
    entry: tuple | None = None


@dataclasses.dataclass(frozen=True)
class ContactList(ApiRecord):
    """``GET /contact/personal``: ``headers`` (["Firstname", "Lastname", ...]) and ``entries``."""

    CONVERT = {"entries": each(ContactEntry.from_api)}

    entries: tuple[ContactEntry, ...] | None = None
    headers: tuple[str, ...] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """Each entry as a mapping of its header to its value."""
        headers = self.headers or []
        return [dict(zip(headers, entry.entry or [])) for entry in self.entries or []]


@dataclasses.dataclass(frozen=True)
class ImportFailure(ApiRecord):
    line: int | None = None
    errors: tuple[str, ...] | None = None


@dataclasses.dataclass(frozen=True)
class ContactImport(ApiRecord):
    """The CSV import's answer: the contacts ``created`` and the lines that ``failed``."""

    CONVERT = {"created": each(Contact.from_api), "failed": each(ImportFailure.from_api)}

    created: tuple[Contact, ...] | None = None
    failed: tuple[ImportFailure, ...] | None = None


@dataclasses.dataclass(frozen=True)
class SubQualification(ApiRecord):
    id: int | None = None
    name: str | None = None


@dataclasses.dataclass(frozen=True)
class Qualification(ApiRecord):
    """A call qualification of a queue and its sub-qualifications."""

    CONVERT = {"subQualifications": each(SubQualification.from_api)}

    id: int | None = None
    name: str | None = None
    subQualifications: tuple[SubQualification, ...] | None = None


@dataclasses.dataclass(frozen=True)
class HistoryEntry(ApiRecord):
    """A call of a user's history (the 1.0 answer's shape; 2.0 puts such entries in ``data``)."""

    start: str | None = None
    duration: str | None = None
    srcUsername: str | None = None
    dstUsername: str | None = None
    status: str | None = None
