"""README's "uContact Integra client" section says what the code does."""

import re
from pathlib import Path

from bridge.clients.cli_support import EXIT_CODES

README = Path(__file__).resolve().parents[4] / "README.md"


def section() -> str:
    text = README.read_text()
    start = text.index("### uContact Integra client")
    return text[start:text.index("\n### ", start + 1)]


def test_the_exit_code_table_is_the_cli_s():
    rows = re.findall(r"^\| (\d) \| (.+) \|$", section(), re.MULTILINE)
    assert rows == [("0", "ok")] + sorted((str(code), meaning) for _, code, meaning in EXIT_CODES)
