"""One version, set in bridge/__init__.py: bridge.version and python -m bridge --version say it."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import bridge

ROOT = Path(__file__).resolve().parents[2]


def test_bridge_version_is_the_package_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", bridge.__version__)
    assert bridge.version == bridge.__version__


def test_the_wheel_takes_it_from_the_package():
    # flit reads __version__: no second copy in pyproject.toml.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" in project["dynamic"] and "version" not in project


def test_python_m_bridge_version():
    run = subprocess.run([sys.executable, "-m", "bridge", "--version"], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert run.stdout == f"agent-bridge {bridge.__version__}\n"
