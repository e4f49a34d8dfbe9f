"""``python -m bridge ucontact login-check`` and ``python -m bridge ucontact end-session``.

Credentials come from environment variables only (:mod:`..cli_support` says why); exit codes
are the clients' shared ones (``cli_support.EXIT_CODES``).

``end-session`` ends the session of a key given in ``UCONTACT_API_KEY``, without logging in: what
an operator needs is to close a session some process left open or whose key leaked. (Logging in
only to end that new session is what ``login-check`` already does.)
"""

from __future__ import annotations

import argparse
import os
import textwrap

from ...errors import BridgeError
from ..cli_support import EXIT_OK, exit_codes_help, report, require_env
from ..redaction import Redactor
from .client import UContactClient, end_session

URL_ENV, USER_ENV, PASSWORD_ENV, KEY_ENV = "UCONTACT_URL", "UCONTACT_USER", "UCONTACT_PASSWORD", "UCONTACT_API_KEY"

_WHERE = (f"{URL_ENV} is the instance (https://acme.ucontactcloud.com), {USER_ENV} the API's user "
          "(a supervisor). Secrets are read from the environment only, never from flags.")


def _text(*sentences: str) -> str:
    return textwrap.fill(" ".join(sentences), width=88)


def add_command(commands) -> None:
    """Add ``ucontact`` and its subcommands to the subcommands of ``python -m bridge``."""
    formatter = argparse.RawDescriptionHelpFormatter
    ucontact = commands.add_parser("ucontact", help="uContact Integra: check the login, end a session",
                                   description=_text("uContact Integra operations.", _WHERE),
                                   epilog=exit_codes_help(), formatter_class=formatter)
    actions = ucontact.add_subparsers(dest="ucontact_command", required=True, metavar="COMMAND")
    check = actions.add_parser(
        "login-check", help="log in, print OK and the user, end the session",
        description=_text(f"Logs in with {URL_ENV}, {USER_ENV} and {PASSWORD_ENV}, prints OK and the user, "
                          "and ends the session it opened.", _WHERE),
        epilog=exit_codes_help(), formatter_class=formatter)
    check.set_defaults(run=login_check)
    end = actions.add_parser(
        "end-session", help=f"end the session of the key in ${KEY_ENV} (no login)",
        description=_text(f"Ends the session of the API key in {KEY_ENV} (a session a process left open, or a "
                          f"key that leaked) with EndSession, without logging in: needs {URL_ENV}, {USER_ENV} "
                          f"(the key's user) and {KEY_ENV}, not the password.", _WHERE),
        epilog=exit_codes_help(), formatter_class=formatter)
    end.set_defaults(run=end_key)


def _redactor() -> Redactor:
    # Whatever secrets the environment holds, even when the command failed before using them.
    return Redactor(os.environ.get(PASSWORD_ENV), os.environ.get(KEY_ENV))


def login_check(args: argparse.Namespace) -> int:
    try:
        env = require_env((URL_ENV, USER_ENV, PASSWORD_ENV))
        with UContactClient(env[URL_ENV], env[USER_ENV], env[PASSWORD_ENV]) as uc:
            uc.login()
    except BridgeError as error:
        return report(error, _redactor())
    print(f"OK: {env[USER_ENV]} logged in to {env[URL_ENV]} (session ended)")
    return EXIT_OK


def end_key(args: argparse.Namespace) -> int:
    try:
        env = require_env((URL_ENV, USER_ENV, KEY_ENV))
        end_session(env[URL_ENV], env[USER_ENV], env[KEY_ENV])
    except BridgeError as error:
        return report(error, _redactor())
    print(f"OK: the session of {env[USER_ENV]} on {env[URL_ENV]} is ended")
    return EXIT_OK
