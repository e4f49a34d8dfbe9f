"""README's "XiVO XUC client" section sits between uContact's and the fakes', and names every
public operation of the clients (a method added or renamed shows up here)."""

import inspect
import re
from pathlib import Path

from bridge.clients.xuc.client import LegacyApi, _Operations

README = Path(__file__).resolve().parents[4] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### XiVO XUC client")
    assert text.index("### uContact Integra client") < start < text.index("### Fakes for your CI")
    return text[start:text.index("### Fakes for your CI")]


def test_the_section_names_every_operation():
    names = {name for name, member in vars(_Operations).items()
             if not name.startswith("_") and inspect.isfunction(member) and name != "legacy"}
    missing = sorted(name for name in names if not re.search(rf"[`.]{name}\b", section()))
    assert missing == []


def test_the_section_names_the_legacy_opt_in_and_the_rules():
    text = section()
    for phrase in ("legacy_api=True", "DEPRECATED_API_HOST", "not verified", "403", "`*` matches exactly one word",
                   "`#` zero or more", "apiOrigins", "server secrets"):
        assert phrase in text, phrase
    assert LegacyApi.__doc__ and "DEPRECATED_API_HOST" in LegacyApi.__doc__


def test_the_sections_example_runs():
    block = re.search(r"```python\n(.*?)```", section(), re.S).group(1)
    exec(compile(block, "README.md (XiVO XUC client)", "exec"), {})
