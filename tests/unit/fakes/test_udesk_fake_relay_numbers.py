"""Relay numbers: the list example (SpNumbers 671..674, DefSpNumber 670), setting the default to
"any number from the relay number list" (another is 100005 Relay number not found), clearing it."""

from bridge.testing.fakes import UdeskFake

from udesk_fake_helpers import API, code, result

LIST, DEFAULT = API + "/spnumbers", API + "/spnumbers/default"


def test_the_list_example():
    assert result(UdeskFake(), "GET", LIST) == {
        "SpNumbers": ["057126200671", "057126200672", "057126200673", "057126200674"], "DefSpNumber": "057126200670"}


def test_set_the_default():
    fake = UdeskFake()
    assert result(fake, "PUT", DEFAULT, {"DefSpNumber": "057126200672"}) is None
    listed = result(fake, "GET", LIST)
    assert listed["DefSpNumber"] == "057126200672" and "057126200670" in listed["SpNumbers"]


def test_set_refusals():
    fake = UdeskFake()
    assert code(fake, "PUT", DEFAULT, {"DefSpNumber": "01067654637"}) == "100005"
    assert code(fake, "PUT", DEFAULT, {}) == "100001"
    assert fake.default_relay_number == "057126200670"


def test_clear_the_default():
    fake = UdeskFake()
    assert result(fake, "DELETE", DEFAULT) == ""  # the example's Result
    assert result(fake, "GET", LIST) == {"SpNumbers": list(fake.relay_numbers), "DefSpNumber": ""}
