"""``--help`` of every xuc command names the variables, the user types and every exit code;
credentials are no flags."""

import pytest

from bridge.__main__ import main
from bridge.clients.cli_support import EXIT_CODES

COMMANDS = [[], ["login-check"], ["dial"], ["dnd"], ["forward"], ["history"], ["contacts"], ["contacts", "export"],
            ["contacts", "import"], ["callbacks"], ["callbacks", "import"], ["callbacks", "export"]]


@pytest.mark.parametrize("argv", COMMANDS)
def test_help(capsys, argv):
    with pytest.raises(SystemExit) as done:
        main(["xuc", *argv, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for name in ("XUC_URL", "XUC_LOGIN", "XUC_PASSWORD", "XUC_USER_TYPE", "webservice", "cti"):
        assert name in out
    for _, code, meaning in EXIT_CODES:
        assert f"{code}  {meaning}" in out


def test_credentials_are_no_flags(capsys):
    with pytest.raises(SystemExit) as done:
        main(["xuc", "login-check", "--password", "x"])
    assert done.value.code == 2
