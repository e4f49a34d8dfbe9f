"""Keeping secrets out of logs, reprs, exception messages and printed URLs.

Two rules, both applied to everything the clients say about a request: a URL loses its user
info and the values of query keys that name credentials, and every secret the client holds (its
password or client secret, API key, tokens) is replaced wherever it appears, by value, so a
vendor echoing a secret in an error message cannot leak it either.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

MASK = "***"

# Query keys whose values are credentials (Udesk's Sign and Sid, OIDC's token, API keys, AWS's
# X-Amz-Credential and Signature, JWTs...).
_SECRET_KEY = re.compile(r"token|secret|sig|sid|key|pass|pwd|auth|ticket|session|code|cred|jwt", re.IGNORECASE)

# A URL inside a message (a transport's error, a vendor's text): its credentials are masked too.
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>]+")
# A query without its URL (a request target "/path?Sid=...&Sign=..." a proxy or a server quotes):
# a credential-like key after "?" or "&" loses its value, as in a URL.
_PAIR_IN_TEXT = re.compile(r"(?<=[?&])([^=&?\s\"'<>]+)=([^&\s\"'<>#]*)")

# A token shorter than this is not masked by value (it would mask ordinary words of a message;
# no real token is this short). The client's own secrets are masked whatever their length.
MIN_SECRET_LENGTH = 6
# Old tokens stay masked after a renewal (an error may still quote one); a long-lived client
# renews every hour or so, so a bounded memory suffices. The client's own secrets never leave.
MAX_SECRETS = 64


class Redactor:
    """The secrets of one client, and the masking of text and URLs that might contain them.

    The secrets given to the constructor (a password, a client secret) are kept for the
    redactor's life; those :meth:`add`-ed later (tokens, API keys) are the last
    :data:`MAX_SECRETS`.
    """

    def __init__(self, *secrets: str | None):
        self._fixed: dict[str, tuple[str, ...]] = {}  # secret -> the forms it is masked in
        self._secrets: dict[str, tuple[str, ...]] = {}
        self._masked: tuple[str, ...] = ()
        for secret in secrets:
            if isinstance(secret, str) and secret:
                self._fixed[secret] = _forms(secret)
        self._remask()

    def add(self, secret: str | None) -> None:
        if not isinstance(secret, str) or len(secret) < MIN_SECRET_LENGTH or secret in self._secrets \
                or secret in self._fixed:
            return
        secrets = dict(self._secrets)
        secrets[secret] = _forms(secret)
        while len(secrets) > MAX_SECRETS:
            del secrets[next(iter(secrets))]
        self._secrets = secrets
        self._remask()

    def _remask(self) -> None:
        # Longest first: a secret that contains another is masked whole. Swapped in at once, so a
        # thread masking text while another adds a token sees the old or the new set, whole.
        every = (*self._fixed.values(), *self._secrets.values())
        self._masked = tuple(sorted({form for forms in every for form in forms}, key=len, reverse=True))

    def text(self, text: str) -> str:
        text = _URL_IN_TEXT.sub(lambda match: _redact_url_in_text(match.group()), text)
        text = _PAIR_IN_TEXT.sub(_redact_pair, text)
        for secret in self._masked:
            text = text.replace(secret, MASK)
        return text

    def url(self, url: str) -> str:
        return self.text(redact_url(url))

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._fixed) + len(self._secrets)} secrets>)"


def _forms(secret: str) -> tuple[str, ...]:
    # A server echoes a secret as it received it: percent-encoded in a query or a form, escaped
    # in JSON. Each form is masked, not only the plain one.
    return tuple({secret, quote(secret, safe=""), quote_plus(secret, safe=""), json.dumps(secret)[1:-1],
                  json.dumps(secret, ensure_ascii=False)[1:-1]})


def redact_url(url: str) -> str:
    """``url`` without user info, and with the values of credential-like query keys masked."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    query = urlencode([(key, MASK if _SECRET_KEY.search(key) else value)
                       for key, value in parse_qsl(parts.query, keep_blank_values=True)], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _text_end(text: str) -> int:
    """Where a URL or a credential's value quoted in a message ends: before the punctuation that
    ends the sentence or closes a parenthesis around it ("(GET https://host/x?a=1)"), which is the
    message's, not the URL's. A ")" the text opened itself stays its own. Linear: the parentheses
    are counted once."""
    end, opened, closed = len(text), text.count("("), text.count(")")
    while end and text[end - 1] in ".,;:!?)" and (text[end - 1] != ")" or opened < closed):
        closed -= text[end - 1] == ")"
        end -= 1
    return end


def _redact_pair(match: re.Match) -> str:
    if not _SECRET_KEY.search(match.group(1)):
        return match.group()
    # The trailing punctuation is found here, not in the pattern: a lazy value checked against a
    # lookahead at each step is quadratic.
    value = match.group(2)
    return f"{match.group(1)}={MASK}{value[_text_end(value):]}"


def _redact_url_in_text(url: str) -> str:
    # The message's punctuation after the URL is kept after it as it was, not percent-encoded
    # into its query.
    end = _text_end(url)
    try:
        return redact_url(url[:end]) + url[end:]
    except ValueError:  # not a URL urlsplit reads (a bad IPv6 host): nothing of it is kept
        return MASK
