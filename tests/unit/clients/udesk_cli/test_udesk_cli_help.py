"""``--help`` of udesk lists every command, and each command's names the environment variables and
every exit code; credentials are no flags."""

import re

import pytest

from bridge.__main__ import main
from bridge.clients.cli_support import EXIT_CODES

VARIABLES = ("UDESK_URL", "UDESK_SID", "UDESK_AUTH_TOKEN", "UDESK_APP_ID", "UDESK_TIMESTAMP_UNIT")
COMMANDS = {"agents": ["list", "create"], "extensions": ["create", "delete", "bind", "unbind"],
            "queues": ["list", "create", "delete", "add-agents", "agents"], "sign-in": [], "sign-out": [],
            "callback": [], "subscriptions": ["list", "create", "delete"]}


def _help(capsys, *argv):
    with pytest.raises(SystemExit) as done:
        main(["udesk", *argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def _listed(name, out):
    # argparse lists a subcommand at the start of a line, its help after it or on the next line.
    return re.search(rf"^    {re.escape(name)}(\s|$)", out, re.MULTILINE) is not None


def _documented(out):
    for name in VARIABLES:
        assert name in out
    for _, code, meaning in EXIT_CODES:
        assert f"{code}  {meaning}" in out


def test_udesk_help_lists_every_command(capsys):
    out = _help(capsys)
    for command in COMMANDS:
        assert _listed(command, out), command
    _documented(out)


@pytest.mark.parametrize("group", [g for g, actions in COMMANDS.items() if actions])
def test_a_group_lists_its_actions(capsys, group):
    out = _help(capsys, group)
    for action in COMMANDS[group]:
        assert _listed(action, out), action
    _documented(out)


@pytest.mark.parametrize("argv", [[g, a] for g, actions in COMMANDS.items() for a in actions] +
                         [[g] for g, actions in COMMANDS.items() if not actions])
def test_each_command_documents_the_environment(capsys, argv):
    _documented(_help(capsys, *argv))


def test_the_root_lists_udesk(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "udesk" in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--auth-token", "--sid", "--token", "--password"])
def test_credentials_are_no_flags(capsys, flag):
    with pytest.raises(SystemExit) as done:
        main(["udesk", "queues", "list", flag, "x"])
    assert done.value.code == 2
