"""Keeping secrets out of logs, reprs, exception messages and printed URLs.

Two rules, both applied to everything the clients say about a request: a URL loses its user
info and the values of query keys that name credentials, and every secret the client holds (its
password or client secret, API key, tokens) is replaced wherever it appears, by value, so a
vendor echoing a secret in an error message cannot leak it either.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"

# Query keys whose values are credentials (Udesk's Sign and Sid, OIDC's token, API keys...).
_SECRET_KEY = re.compile(r"token|secret|sign|sid|key|pass|auth|ticket|session|code", re.IGNORECASE)

# Shorter values would mask ordinary words of a message; no real credential is this short.
MIN_SECRET_LENGTH = 6
# Old tokens stay masked after a renewal (an error may still quote one); a long-lived client
# renews every hour or so, so a bounded memory suffices.
MAX_SECRETS = 64


class Redactor:
    """The secrets of one client, and the masking of text and URLs that might contain them."""

    def __init__(self, *secrets: str | None):
        self._secrets: list[str] = []
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        if not secret or len(secret) < MIN_SECRET_LENGTH or secret in self._secrets:
            return
        self._secrets.append(secret)
        del self._secrets[:-MAX_SECRETS]

    def text(self, text: str) -> str:
        # Longest first: a secret that contains another is masked whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text

    def url(self, url: str) -> str:
        return self.text(redact_url(url))

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"


def redact_url(url: str) -> str:
    """``url`` without user info, and with the values of credential-like query keys masked."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    query = urlencode([(key, MASK if _SECRET_KEY.search(key) else value)
                       for key, value in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
