"""What the REST clients' commands (``python -m bridge ucs …``, ``python -m bridge ucontact …``)
share: credentials from the environment, one exit code per kind of failure (:data:`EXIT_CODES`,
the same for every vendor: scripts and cron jobs branch on them), one redacted line on stderr.

Credentials come from environment variables only, never from flags: argv is visible to every
user of the machine (``ps``) and kept in shell histories.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping

from .errors import ApiError, AuthenticationError, InvalidArgument, TlsError, TransportError
from .redaction import Redactor

PROG = "python -m bridge"

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ENVIRONMENT = 2
EXIT_CREDENTIALS = 3
EXIT_UNREACHABLE = 4
EXIT_TLS = 5

# Most specific first: TlsError is a TransportError, every one of them an ApiError.
EXIT_CODES: tuple[tuple[type[Exception], int, str], ...] = (
    (TlsError, EXIT_TLS, "TLS failed (certificate not trusted, wrong host name)"),
    (TransportError, EXIT_UNREACHABLE, "host unreachable (refused, unknown name, timeout)"),
    (AuthenticationError, EXIT_CREDENTIALS, "credentials refused"),
    (InvalidArgument, EXIT_ENVIRONMENT, "missing environment variable or invalid setting"),
    (ApiError, EXIT_FAILED, "the API answered with another error (or a command's item failed)"),
)


class MissingEnvironment(InvalidArgument):
    """Required environment variables are missing or empty; ``names`` lists them."""

    def __init__(self, names: list[str]):
        self.names = list(names)
        super().__init__(f"set {', '.join(self.names)} in the environment (credentials are never taken from flags)")


def exit_code(error: BaseException) -> int:
    """The exit code for ``error`` (1 for anything the table does not name)."""
    return next((code for cls, code, _ in EXIT_CODES if isinstance(error, cls)), EXIT_FAILED)


def exit_codes_help() -> str:
    """The table for a command's ``--help`` epilog (keep its lines: ``RawDescriptionHelpFormatter``)."""
    rows = [(EXIT_OK, "ok")] + sorted((code, meaning) for _, code, meaning in EXIT_CODES)
    return "exit codes:\n" + "\n".join(f"  {code}  {meaning}" for code, meaning in rows)


def require_env(names: Iterable[str], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{name: value}`` for each of ``names``; :class:`MissingEnvironment` naming every one unset
    or empty (all at once: fixing them one run at a time is tedious)."""
    environ = os.environ if environ is None else environ
    names = list(names)
    missing = [name for name in names if not environ.get(name)]
    if missing:
        raise MissingEnvironment(missing)
    return {name: environ[name] for name in names}


def report(error: BaseException, redactor: Redactor | None = None, *, prog: str = PROG, file=None) -> int:
    """One line on stderr: the error's class and message, every secret of ``redactor`` masked;
    returns the error's exit code.

    The clients' messages are redacted already; this is the last guard for a secret the command
    read from the environment and the client never saw (a key given to end).
    """
    text = " ".join(f"{type(error).__name__}: {error}".split())
    if redactor is not None:
        text = redactor.text(text)
    print(f"{prog}: {text}", file=file or sys.stderr)
    return exit_code(error)


def run_guarded(command, redactor: Redactor | None = None) -> int:
    """``command()``'s exit code, or the code of what it raised: a BridgeError reported as one
    line (its secrets masked by ``redactor``), a file that could not be read or written (2), a
    reader that left the pipe (``| head``: 1, quietly, as a shell tool does)."""
    from ..errors import BridgeError

    try:
        return command()
    except BridgeError as error:
        return report(error, redactor)
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # stdout is gone: nothing more may be written to it
        return EXIT_FAILED
    except OSError as error:
        # A file the command was told to read or write (an --output into a missing folder).
        print(f"{PROG}: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ENVIRONMENT


def client_command(action, env_names: Iterable[str], make_client, make_redactor=None):
    """An argparse ``run(args)`` for a command that needs one client: the environment read
    (:func:`require_env`), ``make_client(env)`` opened and closed around ``action(client, env,
    args)``, and its exit code, every failure reported by :func:`run_guarded` (masked by
    ``make_redactor()``'s secrets, read then: a secret the client never got is masked too)."""
    def run(args) -> int:
        def command() -> int:
            env = require_env(env_names)
            with make_client(env) as client:
                return action(client, env, args)
        return run_guarded(command, make_redactor() if make_redactor is not None else None)
    return run
