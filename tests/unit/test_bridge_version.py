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


def test_the_changelog_starts_with_this_version():
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert headings and headings[0] == bridge.__version__, "say in CHANGELOG.md what this version changed"


def test_readme_install_names_this_version_s_packages():
    readme = (ROOT / "README.md").read_text()
    install = readme[readme.index("\n## Install\n"):readme.index("\n## ", readme.index("\n## Install\n") + 1)]
    version = bridge.__version__
    assert f"agent_bridge-{version}-py3-none-any.whl" in install and f"agent-bridge-{version}.tgz" in install
    assert f"python -m bridge static /var/www/static/agent-bridge/{version}" in install
    # Right after the two commands and what they install.
    assert readme.index("\n## Install\n") < readme.index("\n## Use it in a CRM page\n")
