"""What the REST clients' commands (``python -m bridge ucs …``, ``… ucontact …``) share: the
credentials from the environment, one line per error on stderr, and the exit codes.

Exit codes, the same for every vendor's command (scripts and cron jobs branch on them):

====  ==========================================================================
0     done
1     the API refused or failed (any other :class:`~.errors.ApiError`), or a
      command's own "something failed" (sync-persons: a row failed)
2     a required environment variable is missing or empty (or a usage error)
3     bad credentials: the login was refused (:class:`~.errors.AuthenticationError`)
4     host unreachable: no connection, or no answer in time (:class:`~.errors.TransportError`)
5     TLS failure: the handshake failed (:class:`~.errors.TlsError`)
====  ==========================================================================

Credentials come from the environment only, never from flags: argv is visible to every user of
the machine (``ps``) and kept in shell histories.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping

from ..errors import BridgeError
from .errors import AuthenticationError, TlsError, TransportError

PROG = "python -m bridge"

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ENVIRONMENT = 2
EXIT_CREDENTIALS = 3
EXIT_UNREACHABLE = 4
EXIT_TLS = 5


class MissingEnvironment(BridgeError):
    """Required environment variables are missing or empty; ``names`` lists them."""

    code = "INVALID_ARGUMENT"

    def __init__(self, names: list[str]):
        self.names = list(names)
        super().__init__(self.code, f"set the environment variable{'s' if len(names) > 1 else ''} {', '.join(names)}")


def require_env(names: Iterable[str], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The value of each variable in ``names``; :class:`MissingEnvironment` naming every one that
    is missing or empty (all at once: fixing them one run at a time is tedious)."""
    environ = os.environ if environ is None else environ
    names = list(names)
    missing = [name for name in names if not environ.get(name)]
    if missing:
        raise MissingEnvironment(missing)
    return {name: environ[name] for name in names}


def exit_code(error: BaseException) -> int:
    """The exit code for ``error`` (the table above). TLS is tested before the other transport
    failures: :class:`TlsError` is one of them."""
    if isinstance(error, MissingEnvironment):
        return EXIT_ENVIRONMENT
    if isinstance(error, AuthenticationError):
        return EXIT_CREDENTIALS
    if isinstance(error, TlsError):
        return EXIT_TLS
    if isinstance(error, TransportError):
        return EXIT_UNREACHABLE
    return EXIT_FAILED


def report(error: BaseException, file=None) -> int:
    """Print ``error`` as one line on stderr and return its exit code. The clients' messages are
    already redacted (no secret, no credential in a URL), so they are printed as they are."""
    message = " ".join(str(error).split()) or type(error).__name__
    print(f"{PROG}: {message}", file=file or sys.stderr)
    return exit_code(error)
