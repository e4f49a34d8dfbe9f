"""The app id goes in the query under the key each endpoint's document spells: ``AppId``, or
``app_id`` for /agent/logout and /callback2ivr ("logout?app_id={{appid}}&Sign=..."); missing it is
100017 (App ID is empty), another app 200001 (This app does not exist). Sign-in needs ``MsgId``
("MsgId | Yes | 111")."""

import pytest

from bridge.testing.fakes import UdeskFake
from bridge.testing.fakes.udesk import ENDPOINTS, ROUTES
from bridge.testing.fakes.udesk_fixtures import CALLBACK_EXAMPLE

from udesk_fake_helpers import API, code

LOGOUT, IVR = API + "/agent/logout", API + "/callback2ivr"


def test_the_documents_keys():
    keys = {API + template: key for _, template, _, _, key in ROUTES}
    assert keys[LOGOUT] == keys[IVR] == "app_id"
    assert {key for path, key in keys.items() if path not in (LOGOUT, IVR)} == {"AppId"}


@pytest.mark.parametrize("path, body", [(LOGOUT, {"agent_id": "1802"}), (IVR, CALLBACK_EXAMPLE)])
def test_snake_case_endpoints(path, body):
    assert code(UdeskFake(), "POST", path, body) == "000000"
    assert code(UdeskFake(), "POST", path, body, app_key="AppId") == "100017"


def test_camel_case_endpoints_refuse_the_snake_key():
    assert code(UdeskFake(), "GET", API + "/agents", app_key="app_id") == "100017"


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_another_app_does_not_exist(method, path):
    concrete = path.replace("{id}", "164").replace("{queue_id}", "9001")
    assert code(UdeskFake(), method, concrete, {}, app_id="3c31d817-4d37-46d8-6c09-1be54dda3c03",
                MsgId="1") == "200001"


def test_sign_in_needs_a_msg_id():
    fake = UdeskFake()
    assert code(fake, "POST", API + "/agent/login", {"agent_id": "10032"}) == "100001"
    assert code(fake, "POST", API + "/agent/login", {"agent_id": "10032"}, MsgId="111") == "000000"
