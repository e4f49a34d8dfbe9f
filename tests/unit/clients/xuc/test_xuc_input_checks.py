"""Phone numbers, usernames and the other arguments are checked before anything is sent (no
login either): InvalidArgument naming the field."""

import pytest
from xuc_seed import Xuc, client

from bridge.clients.errors import InvalidArgument
from bridge.clients.xuc import CtiUser, XucClient

BAD_USERNAMES = ["", "   ", "j/bond", "j\\bond", "..", ".", "jb\x00nd", "jbond\n"]
BAD_NUMBERS = ["", "  ", "0123\n456", "01\x7f23", "1" * 65, 123, None]


@pytest.mark.parametrize("user", BAD_USERNAMES)
@pytest.mark.parametrize("run", [
    lambda c, u: c.dial_number(u, "0123456789"), lambda c, u: c.set_dnd(u, True),
    lambda c, u: c.forward_busy(u, "0123456789"), lambda c, u: c.history(u, 10),
    lambda c, u: c.dial_user("jbond", u),
], ids=["dial", "dnd", "forward", "history", "dial-target"])
def test_a_username_is_checked(run, user):
    xuc = Xuc()
    with pytest.raises(InvalidArgument, match="username|target"):
        run(client(xuc), user)
    assert xuc.requests == []


@pytest.mark.parametrize("number", BAD_NUMBERS)
@pytest.mark.parametrize("run, field", [
    (lambda c, n: c.dial_number("jbond", n), "destination"),
    (lambda c, n: c.dial_to_queue(n, "support", "0403010200"), "destination"),
    (lambda c, n: c.dial_to_queue("0123456789", "support", n), "caller_id_number"),
    (lambda c, n: c.forward_unconditional("jbond", n), "destination"),
], ids=["dial", "to-queue", "caller-id", "forward"])
def test_a_phone_number_is_checked(run, field, number):
    xuc = Xuc()
    with pytest.raises(InvalidArgument, match=field):
        run(client(xuc), number)
    assert xuc.requests == []


@pytest.mark.parametrize("run, field", [
    (lambda c: c.set_dnd("jbond", "yes"), "state"),
    (lambda c: c.history("jbond", 0), "size"),
    (lambda c: c.history_days("jbond", True), "days"),
    (lambda c: c.dial_from_queue("jbond", "0123456789", "152"), "queue_id"),
    (lambda c: c.create_contact({}), "contact needs one of"),
    (lambda c: c.create_contact({"nickname": "x"}), "unknown contact fields"),
    (lambda c: c.import_callbacks("", "a|b"), "list_uuid"),
    (lambda c: c.import_contacts(""), "csv"),
    (lambda c: c.contact(".."), "id"),
    (lambda c: c.dial_number("jbond", "0123456789", variables=["x"]), "variables"),
])
def test_other_arguments_are_checked(run, field):
    xuc = Xuc()
    with pytest.raises(InvalidArgument, match=field):
        run(client(xuc))
    assert xuc.requests == []


def test_the_base_url_is_the_servers_root():
    with pytest.raises(InvalidArgument, match="root"):
        XucClient("https://xuc.example.com:8090/xuc/api/2.0", CtiUser("u", "p"))


def test_credentials_are_checked():
    with pytest.raises(InvalidArgument, match="credentials"):
        XucClient("https://xuc.example.com", ("user", "password"))
    with pytest.raises(InvalidArgument, match="password"):
        CtiUser("user", "")
