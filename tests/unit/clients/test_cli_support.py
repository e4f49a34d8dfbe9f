"""What the clients' commands share: the exit code of each error, the environment, the one line
on stderr."""

import pytest

from bridge.clients.cli_support import EXIT_CODES, exit_code, exit_codes_help, report, require_env
from bridge.clients.errors import (ApiError, AuthenticationError, ConnectionFailed, InvalidArgument,
                                   MalformedResponseError, PermissionDeniedError, RequestTimeout, ServerError,
                                   TlsError)
from bridge.clients.redaction import Redactor

WHERE = {"vendor": "uContact", "operation": "login"}


@pytest.mark.parametrize("error, code", [
    (TlsError("x", **WHERE), 5), (ConnectionFailed("x", **WHERE), 4), (RequestTimeout("x", **WHERE), 4),
    (AuthenticationError("x", **WHERE), 3), (InvalidArgument("x"), 2), (ApiError("x", **WHERE), 1),
    (ServerError("x", **WHERE), 1), (MalformedResponseError("x", **WHERE), 1),
    (PermissionDeniedError("x", **WHERE), 1), (ValueError("x"), 1),
])
def test_each_error_has_its_exit_code(error, code):
    assert exit_code(error) == code


def test_the_help_lists_every_code_once_in_order():
    lines = exit_codes_help().splitlines()
    assert lines[0] == "exit codes:" and lines[1] == "  0  ok"
    assert [int(line.split()[0]) for line in lines[1:]] == [0, 1, 2, 3, 4, 5] == [0] + sorted(c for _, c, _ in EXIT_CODES)


def test_require_env_returns_the_values_or_names_every_missing_one():
    assert require_env(["A", "B"], {"A": "1", "B": "2", "C": "3"}) == {"A": "1", "B": "2"}
    with pytest.raises(InvalidArgument) as caught:
        require_env(["A", "B", "C"], {"A": "", "C": "3"})
    assert caught.value.message.startswith("set A, B in the environment")


def test_require_env_reads_the_process_environment_by_default(monkeypatch):
    monkeypatch.setenv("AGENT_BRIDGE_TEST_VALUE", "v")
    assert require_env(["AGENT_BRIDGE_TEST_VALUE"]) == {"AGENT_BRIDGE_TEST_VALUE": "v"}


def test_report_prints_one_masked_line_on_stderr(capsys):
    report(ApiError("refused\nthe key s3cr3t-key\tagain", **WHERE), Redactor("s3cr3t-key"))
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "python -m bridge: ApiError: uContact login: refused the key *** again\n"
