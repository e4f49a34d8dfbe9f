"""What the REST clients' commands (``python -m bridge ucs …``, ``python -m bridge ucontact …``)
share: credentials from the environment, one exit code per kind of failure, one redacted line on
stderr.

Credentials come from environment variables only, never from flags: argv is visible to every
user of the machine (``ps``) and kept in shell histories.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping

from .errors import ApiError, AuthenticationError, InvalidArgument, TlsError, TransportError
from .redaction import Redactor

# Most specific first: TlsError is a TransportError, every one of them an ApiError.
EXIT_CODES: tuple[tuple[type[Exception], int, str], ...] = (
    (TlsError, 5, "TLS failed (certificate not trusted, wrong host name)"),
    (TransportError, 4, "host unreachable (refused, unknown name, timeout)"),
    (AuthenticationError, 3, "credentials refused"),
    (InvalidArgument, 2, "missing environment variable or invalid setting"),
    (ApiError, 1, "the API answered with another error"),
)


def exit_code(error: BaseException) -> int:
    """The exit code for ``error`` (1 for anything the table does not name)."""
    return next((code for cls, code, _ in EXIT_CODES if isinstance(error, cls)), 1)


def exit_codes_help() -> str:
    """The table for a command's ``--help`` epilog (keep its lines: ``RawDescriptionHelpFormatter``)."""
    rows = [(0, "ok")] + sorted((code, meaning) for _, code, meaning in EXIT_CODES)
    return "exit codes:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in rows)


def require_env(names: Iterable[str], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{name: value}`` for each of ``names``; InvalidArgument naming every one unset or empty."""
    environ = os.environ if environ is None else environ
    names = list(names)
    missing = [name for name in names if not environ.get(name)]
    if missing:
        raise InvalidArgument(f"set {', '.join(missing)} in the environment (credentials are never taken from flags)")
    return {name: environ[name] for name in names}


def report(error: BaseException, redactor: Redactor | None = None, *, prog: str = "python -m bridge") -> None:
    """One line on stderr: the error's class and message, every secret of ``redactor`` masked.

    The clients' messages are redacted already; this is the last guard for a secret the command
    read from the environment and the client never saw (a key given to end).
    """
    text = " ".join(f"{type(error).__name__}: {error}".split())
    if redactor is not None:
        text = redactor.text(text)
    print(f"{prog}: {text}", file=sys.stderr)
