"""The option declarations (bridge/component/options.py) and what each kind accepts, in Python.
The same cases (tests/data/config_cases.json) run through the shim's checker in
tests/browser/test_config.py: one table, so the two checkers cannot drift apart."""

import json
from pathlib import Path

import pytest

from bridge.component.optiontypes import Number, Origin
from bridge.component.options import FRAME_SDK_OPTIONS, PAGE_OPTIONS, PAGE_OPTIONS_BY_NAME, RECORDS
from bridge.errors import BridgeError

CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "config_cases.json").read_text())["cases"]


def check_config(config: dict) -> dict:
    """The Python kinds over a whole config, as the shim's checker goes over it."""
    unknown = sorted(set(config) - set(PAGE_OPTIONS_BY_NAME))
    if unknown:
        raise BridgeError("INVALID_ARGUMENT", f'unknown config option "{unknown[0]}"')
    return {name: PAGE_OPTIONS_BY_NAME[name].kind.check(value, f"config.{name}", PAGE_OPTIONS_BY_NAME[name].kind.describe())
            for name, value in config.items()}


@pytest.mark.parametrize("case", CASES, ids=lambda c: json.dumps(c["config"])[:60])
def test_python_accepts_and_refuses_as_the_table_says(case):
    if case["ok"]:
        check_config(case["config"])
        return
    with pytest.raises(BridgeError) as refused:
        check_config(case["config"])
    assert refused.value.code == "INVALID_ARGUMENT"
    assert case["message"] in refused.value.message


def test_a_range_names_its_bounds():
    with pytest.raises(BridgeError, match=r"above 0 and at most 10,000 \(messages per second\); got 20000"):
        PAGE_OPTIONS_BY_NAME["frameRate"].kind.check(20000, "config.frameRate")
    assert Number(1, 5, integer=True).check(3.0, "x") == 3


def test_every_option_and_field_is_documented_and_its_default_accepted():
    for option in (*PAGE_OPTIONS, *FRAME_SDK_OPTIONS):
        assert option.doc and option.ts, option.name
        if option.default is not None and not option.required:
            option.kind.check(option.default, option.name)
    for _, record in RECORDS.values():
        for field in record.fields:
            assert field.doc and field.ts, field.name
            if not field.required and field.default is not None:
                field.kind.check(field.default, field.name)


def test_schemas_are_json_and_say_what_each_option_must_be():
    for option in (*PAGE_OPTIONS, *FRAME_SDK_OPTIONS):
        schema = json.loads(json.dumps(option.schema()))
        assert schema["describe"] == option.kind.describe() and schema["name"] == option.name


def test_origins_are_as_event_origin_spells_them():
    origin = Origin()
    for good in ("https://a.example.com", "http://127.0.0.1:8080", "http://[::1]:8000", "null"):
        assert origin.check(good, "o") == good
    for bad in ("https://a.example.com/", "HTTPS://A.COM", "https://a.com?x", "ftp://a.com", "*", ""):
        with pytest.raises(BridgeError):
            origin.check(bad, "o")
    with pytest.raises(BridgeError):
        Origin(opaque=False).check("null", "parentOrigin")
