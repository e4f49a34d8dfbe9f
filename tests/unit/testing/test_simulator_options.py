"""The simulator's options are declared with every other option (bridge/component/options.py):
its defaults come from there, and the kit checks a test's options before any page loads."""

import json

import pytest

from bridge.component.options import SIMULATOR_OPTIONS
from bridge.errors import BridgeError
from bridge.testing import simulator_script
from bridge.testing.driver import INSTALL_OPTIONS, UcsSimulator


class NoPage:
    def add_init_script(self, script):
        raise AssertionError("the options were checked after the page was touched")


@pytest.mark.parametrize("options, words", [
    ({"delay": -1}, "simulator option delay must be a number from 0 to 60,000 (milliseconds); got -1"),
    ({"callbackSet": "some"}, 'simulator option callbackSet must be "all" or "documented"; got "some"'),
    ({"identifiers": ["SIP/1", ""]}, "simulator option identifiers[1] must be a list"),
    ({"users": {}}, "simulator option users must be an object {username: {password, status?, queues?}}"),
])
def test_a_bad_value_fails_before_any_page(options, words):
    with pytest.raises(BridgeError) as refused:
        UcsSimulator(NoPage(), options)
    assert words in refused.value.message


def test_an_unknown_option_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown simulator option"):
        UcsSimulator(NoPage(), {"callback": {}})
    assert "callbacks" not in INSTALL_OPTIONS and "delay" in INSTALL_OPTIONS  # the kit wires callbacks itself


def test_the_script_takes_its_defaults_from_the_declarations():
    script = simulator_script()
    declared = {o.name: o.default for o in SIMULATOR_OPTIONS}
    assert json.dumps([o.schema() for o in SIMULATOR_OPTIONS], ensure_ascii=False) in script
    assert "BEHAVIOUR.options.map" in script and declared["version"] == "6.18.0"
