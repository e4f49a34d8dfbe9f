"""A request and a response as plain data: what the core builds and reads, what a transport sends."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Request:
    """One HTTP request, ready to send. ``url`` is absolute (query included)."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    def __repr__(self) -> str:
        # Headers carry credentials (Authorization) and a URL may carry a signed query: never shown.
        return f"Request({self.method} <{len(self.headers)} headers, {len(self.body)} bytes>)"


@dataclass(frozen=True)
class Response:
    """One HTTP response as it came. Header names are lower-case."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def __repr__(self) -> str:
        # A body may carry a credential (a login answer is the token): only its size is shown.
        return f"Response({self.status} <{len(self.body)} bytes>)"

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON; ``ValueError`` when it is not (a body that is not UTF-8 too)."""
        # json.loads reads the bytes as they are (RFC 8259: JSON is UTF-8): no decoded copy of a
        # page of half a megabyte first.
        return json.loads(self.body)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300
