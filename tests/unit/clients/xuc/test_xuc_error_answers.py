"""XUC's ``{error, message}`` answers keep their code as ``vendor_code`` and their message as
``vendor_message``, on the core's class the code means (UserNotFound: a refused login at a login,
the named user missing elsewhere)."""

import httpx2
import pytest
from xuc_seed import CONTACT, Xuc, client

from bridge.clients.errors import (AuthenticationError, NotFoundError, ServerError, ValidationError)


def answer(status, code, message="the server's words"):
    return httpx2.Response(status, json={"error": code, "message": message})


UUID = CONTACT["id"]


@pytest.mark.parametrize("route, status, code, cls, run", [
    ("POST /auth/webservice", 401, "InvalidCredentials", AuthenticationError, lambda c: c.login()),
    ("POST /auth/webservice", 400, "InvalidJson", ValidationError, lambda c: c.login()),
    ("POST /auth/webservice", 401, "UserNotFound", AuthenticationError, lambda c: c.login()),
    (f"GET /contact/personal/{UUID}", 404, "ContactNotFound", NotFoundError, lambda c: c.contact(UUID)),
    ("POST /contact/personal", 409, "DuplicateContact", ValidationError, lambda c: c.create_contact({"number": "1"})),
    ("POST /contact/personal", 400, "InvalidContact", ValidationError, lambda c: c.create_contact({"number": "1"})),
    ("GET /contact/personal", 503, "Unreachable", ServerError, lambda c: c.contacts()),
    ("POST /dial/number/jbond", 400, "BadRequest", ValidationError, lambda c: c.dial_number("jbond", "1")),
    ("POST /dnd/jbond", 400, "UserNotFound", NotFoundError, lambda c: c.set_dnd("jbond", True)),
    ("POST /dnd/jbond", 400, "JsonErrorDecoding", ValidationError, lambda c: c.set_dnd("jbond", True)),
    ("POST /dnd/jbond", 500, "NotHandledError", ServerError, lambda c: c.set_dnd("jbond", True)),
])
def test_each_code_is_kept_on_its_class(route, status, code, cls, run):
    xuc = Xuc({route: answer(status, code)}, acls=["xuc.#"])
    with pytest.raises(cls) as raised:
        run(client(xuc))
    error = raised.value
    assert type(error) is cls
    assert (error.status, error.vendor_code, error.vendor_message, error.vendor) == (
        status, code, "the server's words", "XUC")


def test_an_answer_not_in_xucs_shape_is_read_by_its_status():
    xuc = Xuc({"POST /dnd/jbond": httpx2.Response(502, text="<html>Bad gateway</html>")})
    with pytest.raises(ServerError) as raised:
        client(xuc).set_dnd("jbond", True)
    assert raised.value.vendor_code is None and raised.value.status == 502
