"""The Sid is masked in URLs by its key, and by value only when it is as long as a token: a
short Sid masked by value would corrupt the return codes and paths that hold its digits."""

import httpx2
import pytest

from bridge.clients.errors import NotFoundError
from bridge.clients.udesk import UdeskClient


def test_a_short_sid_does_not_mask_the_digits_of_a_return_code():
    # Masked by value, a Sid of "1000" would turn the code 100018 into "***18".
    def answer(request):
        return httpx2.Response(200, json={"ErrCode": "100018", "ErrDesc": "No records found", "Result": None})
    udesk = UdeskClient("https://udesk.test", "1000", "token-1", "app-1", transport=httpx2.MockTransport(answer))
    with pytest.raises(NotFoundError) as missing:
        udesk.agent("355")
    assert missing.value.vendor_code == "100018" and "100018 No records found" in str(missing.value)
    assert "Sid=***" in missing.value.url or "Sid" not in missing.value.url
