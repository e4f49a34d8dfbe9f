"""Fresh fakes per test, and clients on them (see fake_helpers)."""

import pytest

from bridge.testing.fakes import UContactFake, UcsFake
from fake_helpers import UCONTACT_URL, client_for, log_in


@pytest.fixture
def fake():
    return UcsFake()


@pytest.fixture
def api(fake):
    """A client logged in to ``fake``."""
    with client_for(fake) as client:
        log_in(client, fake)
        yield client


@pytest.fixture
def ucontact():
    return UContactFake()


@pytest.fixture
def integra(ucontact):
    """A client on ``ucontact``, not logged in."""
    with client_for(ucontact, UCONTACT_URL) as client:
        yield client
