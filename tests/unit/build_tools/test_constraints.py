"""constraints.txt pins every Python package the venv installs, transitive ones included, and
agrees with pyproject.toml's own pins: the wheelhouse of the packaged-install test and every
machine's venv are the same packages at the same versions."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# What a venv has of its own, or is this project (installed editable).
NOT_PINNED = {"pip", "setuptools", "wheel", "agent-bridge"}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            pins[normalized(name)] = version
    return pins


def test_pyproject_s_pins_are_the_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = constraints()
    for requirement in project["optional-dependencies"]["dev"]:
        name, _, version = requirement.partition("==")
        assert pins.get(normalized(name)) == version, requirement


def test_every_package_of_the_venv_is_pinned_at_its_version():
    pins = constraints()
    installed = {normalized(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    unpinned = {name: version for name, version in installed.items()
                if name not in NOT_PINNED and pins.get(name) != version}
    assert unpinned == {}, "pin these in constraints.txt (or remove them from the venv)"
