"""README's "Fakes for your CI" example is a test a CRM team can copy: it runs, and it passes
against the fixture it names."""

import re
from pathlib import Path

from bridge.testing.fakes import UcsFake

README = Path(__file__).resolve().parents[3] / "README.md"


def test_the_readmes_fixture_example_runs_against_the_fake():
    section = README.read_text().split("### Fakes for your CI", 1)[1].split("\n## ", 1)[0]
    source = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    scope: dict = {}
    exec(compile(source, "README.md", "exec"), scope)
    fake = UcsFake()
    scope["test_the_crm_reports_a_refused_phone_number"](fake)
    assert [(r.method, r.path) for r in fake.requests][-1] == ("PATCH", "/api/v1.0/user/1")
