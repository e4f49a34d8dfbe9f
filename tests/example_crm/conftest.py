"""The example CRM team's conftest.py: serve its own pages beside the bridge."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def agent_bridge_routes():
    return {"/": Path(__file__).parent / "static"}
