"""ACLs known before the call: the JWT's ``acls`` are checked against the ACL the seed names for
the endpoint (``*`` in it is the URL's parameter, one word); in a user's ACL ``*`` matches one
word and ``#`` zero or more; ``alias.ctiuser`` stands for the seed's list. A missing ACL, or a
CTI user on a web-service-only endpoint, raises PermissionDeniedError and sends nothing."""

import pytest
from xuc_seed import Xuc, client, cti

from bridge.clients.errors import PermissionDeniedError
from bridge.clients.xuc.api import acl_matches, granted, needed_acl

SUCCESS = {"res": "success"}
ROUTES = {"POST /dial/number/jbond": SUCCESS, "POST /dial/number/drno": SUCCESS, "POST /dnd/jbond": SUCCESS,
          "GET /contact/personal": {"entries": [], "headers": []},
          "GET /call_qualification/csv/42/home/office": "x"}


@pytest.mark.parametrize("pattern, needed, granted_", [
    ("xuc.rest.dial.number.*.create", "xuc.rest.dial.number.jbond.create", True),
    ("xuc.rest.dial.number.jbond.create", "xuc.rest.dial.number.jbond.create", True),
    ("xuc.rest.dial.number.jbond.create", "xuc.rest.dial.number.drno.create", False),
    ("xuc.rest.dial.*.create", "xuc.rest.dial.number.jbond.create", False),  # * is one word, not two
    ("xuc.rest.dial.#.create", "xuc.rest.dial.number.jbond.create", True),
    ("xuc.rest.#", "xuc.rest.dnd.jbond.create", True),
    ("xuc.rest.config.#.read", "xuc.rest.config.read", True),  # # may be no word at all
    ("xuc.rest.dial.number.*.create", "xuc.rest.dial.number.jbond.read", False),
    ("xuc.rest.dial.number.*.create", "xuc.rest.dial.number.create", False),  # * is exactly one word
])
def test_star_is_one_word_and_hash_any_number(pattern, needed, granted_):
    assert acl_matches(pattern, tuple(needed.split("."))) is granted_


def test_a_parameter_holding_a_dot_stays_one_word():
    needed = needed_acl("xuc.rest.dnd.*.create", "j.bond")
    assert needed == ("xuc", "rest", "dnd", "j.bond", "create")
    assert granted(("xuc.rest.dnd.*.create",), needed)


def test_an_acl_written_for_a_login_with_a_dot_is_that_users():
    # The server reads an ACL as its text: xuc.rest.dial.number.john.doe.create is john.doe's. A
    # check made before the server's must never refuse what the server allows.
    needed = needed_acl("xuc.rest.dial.number.*.create", "john.doe")
    assert granted(("xuc.rest.dial.number.john.doe.create",), needed)
    assert not granted(("xuc.rest.dial.number.john.create",), needed)


def test_the_cti_alias_grants_the_seeds_list():
    assert granted(("alias.ctiuser",), needed_acl("xuc.rest.contact.personal.*.read", "some-uuid"))
    assert granted(("alias.ctiuser",), needed_acl("xuc.rest.call_qualification.csv.#.read", "42", "home", "office"))
    assert not granted(("alias.ctiuser",), needed_acl("xuc.rest.dial.number.*.create", "jbond"))


def test_an_allowed_call_is_sent():
    xuc = Xuc(ROUTES, acls=["xuc.rest.dial.number.*.create"])
    client(xuc).dial_number("jbond", "0123456789")
    assert len(xuc.calls()) == 1


def test_a_missing_acl_is_refused_with_its_name_and_nothing_sent():
    xuc = Xuc(ROUTES, acls=["xuc.rest.dnd.*.create"])
    c = client(xuc)
    with pytest.raises(PermissionDeniedError, match=r"xuc\.rest\.dial\.number\.jbond\.create") as raised:
        c.dial_number("jbond", "0123456789")
    assert raised.value.vendor_code == "xuc.rest.dial.number.jbond.create"
    assert xuc.calls() == []
    c.set_dnd("jbond", True)
    assert len(xuc.calls()) == 1


def test_an_acl_for_one_user_does_not_grant_another():
    xuc = Xuc(ROUTES, acls=["xuc.rest.dial.number.jbond.create"])
    c = client(xuc)
    c.dial_number("jbond", "0123456789")
    with pytest.raises(PermissionDeniedError):
        c.dial_number("drno", "0123456789")
    assert len(xuc.calls()) == 1


def test_a_cti_user_is_told_an_endpoint_is_for_web_service_users_before_any_login():
    xuc = Xuc(ROUTES, user_type="cti", acls=["alias.ctiuser"])
    with pytest.raises(PermissionDeniedError, match="web-service users only"):
        cti(xuc).dial_number("jbond", "0123456789")
    assert xuc.requests == []


def test_a_token_whose_jwt_says_cti_is_refused_web_service_endpoints():
    # An OIDC or password login whose JWT says userType cti: the JWT decides.
    xuc = Xuc(ROUTES, user_type="cti", acls=["xuc.rest.#"])
    with pytest.raises(PermissionDeniedError, match="web-service users only"):
        client(xuc).set_dnd("jbond", True)
    assert xuc.calls() == []


def test_a_cti_user_reaches_its_own_endpoints_through_the_alias():
    xuc = Xuc(ROUTES, user_type="cti", acls=["alias.ctiuser"])
    cti(xuc).contacts()
    assert len(xuc.calls()) == 1


def test_a_token_without_acls_leaves_the_decision_to_the_server():
    xuc = Xuc(ROUTES, acls=None)
    xuc.acls = "not-a-list"  # the JWT's acls unreadable: nothing is known, the call goes
    client(xuc).dial_number("jbond", "0123456789")
    assert len(xuc.calls()) == 1
