"""Python's frame rules admit exactly the origins tests/data/frame_rules.json says; the page's
matcher is held to the same table by tests/browser/test_frame_rules.py."""

import json
from pathlib import Path

import pytest

from bridge.frames.rules import read_frame_rules

TABLE = json.loads((Path(__file__).resolve().parents[2] / "data" / "frame_rules.json").read_text())


@pytest.mark.parametrize("row", TABLE["rules"], ids=lambda row: json.dumps(row["rule"]))
def test_rule_admits_exactly_the_listed_origins(row):
    (rule,) = read_frame_rules([row["rule"]])
    assert [o for o in TABLE["origins"] if rule.matches(o)] == row["admits"]
