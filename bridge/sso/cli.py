"""``python -m bridge sso-token --username NAME``: print an SSO token.

The secret comes from the AGENT_BRIDGE_SSO_SECRET environment variable, never from the
command line (argv is visible to every user of the machine and kept in shell histories).
"""

from __future__ import annotations

import argparse
import os
import sys

from .endpoint import SECRET_ENV
from .tokens import SsoTokenError, make_token


def add_command(commands) -> None:
    """Add ``sso-token`` to the subcommands of ``python -m bridge``."""
    sso = commands.add_parser("sso-token", help=f"print an SSO token (secret from ${SECRET_ENV})")
    sso.add_argument("--username", required=True)
    sso.add_argument("--timestamp", type=int, help="Unix time (default: now)")
    sso.add_argument("--units", choices=["seconds", "milliseconds"], default="seconds")
    sso.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    secret = os.environ.get(SECRET_ENV)
    if not secret:
        print(f"python -m bridge: set the {SECRET_ENV} environment variable to the preshared secret",
              file=sys.stderr)
        return 2
    try:
        print(make_token(secret, args.username, args.timestamp, units=args.units))
    except SsoTokenError as error:
        print(f"python -m bridge: {error}", file=sys.stderr)
        return 2
    return 0
