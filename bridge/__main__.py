"""Command line: ``python -m bridge COMMAND``; each command lives with what it operates on."""

from __future__ import annotations

import argparse
import sys

from . import __version__, serving
from .clients.ucontact import cli as ucontact_cli
from .clients.ucs import cli as ucs_cli
from .clients.udesk import cli as udesk_cli
from .clients.xuc import cli as xuc_cli
from .sso import cli as sso_cli


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bridge", description="agent-bridge operations")
    parser.add_argument("--version", action="version", version=f"agent-bridge {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    sso_cli.add_command(commands)
    ucs_cli.add_command(commands)
    ucontact_cli.add_command(commands)
    xuc_cli.add_command(commands)
    udesk_cli.add_command(commands)
    serving.add_command(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
