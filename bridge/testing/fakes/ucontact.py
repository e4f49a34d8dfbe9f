"""A stateful fake of uContact's Integra REST API (seed 001): UserLogin, EndSession, and a
generic resource for the calls the document leaves open.

::

    fake = UContactFake()   # supervisors "Carina" (with a phone) and "Admin" (without), password "ExamplePassword"
    client = httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url="https://acme.ucontactcloud.test")
    answer = client.post("/Integra/resources/auth/UserLogin", data={"user": "Carina", "password": "ExamplePassword"})

What the seed leaves open, and what the fake does (each choice is also written where it is made):

- A good login answers a JSON list. A supervisor with a phone: ``[user, phone]``, the phone
  object carrying ``md5secret``, the API key. Without a phone: exactly three items, the key
  string third (the seed says both "at the end of the list" and "the 3rd item": with three
  items both readings agree). The other items' fields are made up (the seed shows "...").
- The API key is base64 of ``"user:uuid"`` (the seed's keys decode so), a new uuid per login.
- A failed login answers ``0`` (JSON, status 200). A request that is not form-encoded answers
  415: the seed names the content type, and a server that reads only forms refuses others.
- ``EndSession`` needs ``Authorization: Basic <key>`` (401 without one, as every Integra request
  does); it answers text ``1`` when ``user`` and ``token`` name an open session (the token is
  the API key), else ``0``.
- Any other ``/Integra/resources/...`` path echoes what it received as JSON, for an open
  session's key only (401 otherwise).
"""

from __future__ import annotations

import base64
import time
import uuid
from dataclasses import dataclass
from typing import Callable, Mapping

from .faults import path_under
from .wsgi import BadRequest, FakeApp, Request, Response, reason

RESOURCES = "/Integra/resources"
LOGIN_PATH = RESOURCES + "/auth/UserLogin"
END_SESSION_PATH = RESOURCES + "/auth/EndSession"
FORM = "application/x-www-form-urlencoded"
LOGIN, END_SESSION = "login", "end-session"  # the kinds of this fake's own knobs
FIRST_EXTENSION = 1001  # a supervisor with a phone gets extension 1001, 1002... in user order


@dataclass(frozen=True)
class UContactUser:
    """A supervisor the fake lets in."""

    password: str
    has_phone: bool = True


# The seed's two example keys decode to "Carina:27c7c5c9-..." (a supervisor with a phone) and
# "Admin:9835c525-..." (without one); the password is the seed's jQuery example's.
DEFAULT_USERS = {
    "Carina": UContactUser("ExamplePassword", has_phone=True),
    "Admin": UContactUser("ExamplePassword", has_phone=False),
}


def api_key(username: str, session: uuid.UUID) -> str:
    """An Integra API key: base64 of ``"user:uuid"``, as the seed's keys are."""
    return base64.b64encode(f"{username}:{session}".encode("utf-8")).decode("ascii")


class UContactFake(FakeApp):
    """uContact Integra, in memory.

    :param users: username -> :class:`UContactUser` (or a password string: a supervisor with a
        phone); default :data:`DEFAULT_USERS`. Usernames and passwords are case-sensitive.
    :param cors_origin: one exact origin a browser page may call the fake from (CORS), or None.

    Knobs, besides :class:`~bridge.testing.fakes.faults.Faults`' ``fail_next``, ``slow`` and
    ``clear_faults``: :meth:`expire_tokens`, :meth:`fail_login`, :meth:`fail_end_session`.
    ``open_sessions`` tells which keys are still open.
    """

    LOGIN_PATH = LOGIN_PATH
    CORS_METHODS = "GET, POST, PUT, PATCH, DELETE"

    def __init__(self, users: Mapping[str, UContactUser | str] | None = None, *, cors_origin: str | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(cors_origin=cors_origin, sleep=sleep)
        given = DEFAULT_USERS if users is None else users
        self.users: dict[str, UContactUser] = {}
        for name, user in given.items():
            if isinstance(user, str):
                user = UContactUser(user)
            if not isinstance(name, str) or not name or ":" in name or not isinstance(user, UContactUser) \
                    or not isinstance(user.password, str) or not user.password:
                raise ValueError(f"users: {name!r} must be a non-empty username without ':' mapped to a "
                                 "UContactUser or a non-empty password")
            self.users[name] = user
        self._sessions: dict[str, str] = {}  # API key -> username

    @property
    def open_sessions(self) -> dict[str, str]:
        """The sessions not ended yet: API key -> username (a copy)."""
        with self._lock:
            return dict(self._sessions)

    # -- knobs -------------------------------------------------------------------------------------

    def expire_tokens(self) -> None:
        """End every open session on the server's side: their keys answer 401, and EndSession
        answers ``0`` for them."""
        with self._lock:
            self._sessions.clear()

    def fail_login(self, times: int = 1) -> None:
        """The next ``times`` logins answer ``0``, even with good credentials; no session opens."""
        self._arm(LOGIN, True, times, None)

    def fail_end_session(self, times: int = 1) -> None:
        """The next ``times`` EndSession requests answer ``0`` and leave their session open."""
        self._arm(END_SESSION, True, times, None)

    # -- the pipeline's hooks ----------------------------------------------------------------------

    def _key(self, request: Request) -> str | None:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        return key.strip() or None if scheme.lower() == "basic" else None

    def _authorized(self, request: Request) -> bool:
        return self._key(request) in self._sessions

    def _fault_answer(self, request: Request, status: int) -> Response:
        return Response.text(status, reason(status))

    def _handle(self, request: Request) -> Response:
        if not path_under(request.path, RESOURCES) or request.path == RESOURCES:
            return Response.text(404, "Not Found")
        if request.path in (LOGIN_PATH, END_SESSION_PATH):
            if request.method != "POST":
                return Response.text(405, "Method Not Allowed", [("Allow", "POST")])
            if request.content_type != FORM:
                return Response.text(415, f"Content-Type must be {FORM}")
            try:
                form = {name: values[-1] for name, values in request.form().items()}
            except BadRequest as error:
                return Response.text(400, str(error))
            return self._login(form) if request.path == LOGIN_PATH else self._end_session(request, form)
        if not self._authorized(request):
            return Response.text(401, "Unauthorized")
        return self._echo(request)

    # -- resources ---------------------------------------------------------------------------------

    def _login(self, form: dict[str, str]) -> Response:
        name, password = form.get("user"), form.get("password")
        user = self.users.get(name)
        if self._take(LOGIN, LOGIN_PATH) or user is None or password != user.password:
            return Response.json(200, 0)
        key = api_key(name, uuid.uuid4())
        self._sessions[key] = name
        about = {"user": name, "fullname": name, "profile": "supervisor"}
        if user.has_phone:
            extension = str(FIRST_EXTENSION + list(self.users).index(name))
            return Response.json(200, [about, {"phone": extension, "callerid": f"{name} <{extension}>",
                                               "md5secret": key}])
        return Response.json(200, [about, {"phone": None}, key])

    def _end_session(self, request: Request, form: dict[str, str]) -> Response:
        if self._key(request) is None:
            return Response.text(401, "Unauthorized")
        token = form.get("token")
        if self._take(END_SESSION, END_SESSION_PATH) or token not in self._sessions \
                or self._sessions[token] != form.get("user"):
            return Response.text(200, "0")
        del self._sessions[token]
        return Response.text(200, "1")

    def _echo(self, request: Request) -> Response:
        """What the generic resource received: method, resource path (after
        ``/Integra/resources/``), query and form fields (one value as a string, repeated ones
        as a list), the JSON body when it was JSON, and the session's user."""
        try:
            form = _flat(request.form()) if request.content_type == FORM else {}
            body = {"json": request.json()} if request.content_type == "application/json" else {}
        except BadRequest as error:
            return Response.text(400, str(error))
        return Response.json(200, {"method": request.method, "resource": request.path[len(RESOURCES) + 1:],
                                   "query": _flat(request.query), "form": form, **body,
                                   "user": self._sessions[self._key(request)]})


def _flat(fields: dict[str, list[str]]) -> dict[str, str | list[str]]:
    return {name: values[0] if len(values) == 1 else values for name, values in fields.items()}
