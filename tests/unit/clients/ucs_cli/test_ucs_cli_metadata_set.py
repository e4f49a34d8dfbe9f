"""metadata set: VALUE is JSON when it parses, else the string; KEY=null deletes KEY."""

import json

import pytest

from bridge.clients.ucs.cli import parse_pairs


def test_values_are_json_when_they_parse_else_strings():
    assert parse_pairs(["n=42", "flag=true", "obj={\"a\": 1}", "id=007", "text=T-1", "quoted=\"42\"", "empty="]) == {
        "n": 42, "flag": True, "obj": {"a": 1}, "id": "007", "text": "T-1", "quoted": "42", "empty": ""}


def test_null_deletes_the_key_and_others_are_kept(ucs, run):
    code, out, err = run("ucs", "metadata", "set", "1500000000.123", "crm=null", "ticket=T-2", "score=5")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"ticket": "T-2", "score": 5}
    assert ucs.metadata["1500000000.123"] == {"ticket": "T-2", "score": 5}


@pytest.mark.parametrize("pair", ["novalue", "=5"])
def test_a_pair_without_key_or_equals_is_refused_before_any_request(ucs, run, pair):
    code, out, err = run("ucs", "metadata", "set", "1500000000.123", pair)
    assert (code, out) == (2, "") and "KEY=VALUE" in err
    assert ucs.writes == []
