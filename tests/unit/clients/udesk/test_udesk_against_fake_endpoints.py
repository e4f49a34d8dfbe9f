"""The fake answers exactly the seed's 26 (method, path) pairs: its own list (ENDPOINTS in
bridge/testing/fakes/udesk.py, built from its routes) equals tests/data/udesk_ccapi_endpoints.txt,
and each pair of the file is routed to a handler (not the fake's 404/405 for an unknown
endpoint)."""

import re
from pathlib import Path

import httpx2
import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk import ENDPOINTS

PAIRS = Path(__file__).resolve().parents[3] / "data" / "udesk_ccapi_endpoints.txt"
SAMPLE = {"id": "355", "queue_id": "9001"}


def seed_pairs() -> list[tuple[str, str]]:
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split(" ", 1)) for line in lines if line.strip() and not line.startswith("#")]


def test_the_fakes_endpoints_are_the_seeds_pairs():
    pairs = seed_pairs()
    assert len(pairs) == len(set(pairs)) == 26
    assert len(ENDPOINTS) == len(set(ENDPOINTS)) == 26
    assert set(ENDPOINTS) == set(pairs)


@pytest.mark.parametrize("method,template", seed_pairs(), ids=" ".join)
def test_each_pair_is_routed(method, template):
    # Unsigned: a routed request is refused for its signature (100001 "Parameter is empty"), an
    # unrouted one is the fake's 000036 "Incorrect request" with a 404 or 405.
    path = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], template)
    with httpx2.Client(transport=httpx2.WSGITransport(app=UdeskFake()), base_url="https://udesk.test") as http:
        answer = http.request(method, path, json={})
    assert answer.status_code == 200
    body = answer.json()
    assert body.get("ErrCode", body.get("code")) == "100001", body
