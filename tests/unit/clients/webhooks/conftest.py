"""The fixture every test of the shared receiver machinery takes: ``kind``, each of the two
receivers in turn (see webhook_helpers)."""

import pytest

from webhook_helpers import KINDS


@pytest.fixture(params=KINDS, ids=str)
def kind(request):
    return request.param
