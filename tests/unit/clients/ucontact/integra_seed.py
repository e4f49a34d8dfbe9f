"""A uContact Integra server written from seed 001 for the client's tests: an ``httpx2.MockTransport``
handler that records every request and answers as the document says.

- ``UserLogin`` (form ``user``, ``password``): for "Carina" (a supervisor with a phone) a list
  whose second item carries ``md5secret``; for "Admin" (without a phone) a list of three whose
  third item is the key; ``0`` for a wrong password. Each login opens a session with a new key,
  base64 of ``"user:uuid"`` as the seed's keys are.
- ``EndSession`` (form ``user``, ``token``; Basic header): ``1`` when the token is an open session,
  else ``0``; 401 without the header.
- Any other resource: 401 without an open session's key, else its request echoed as JSON.
"""

from __future__ import annotations

import base64
import json
import uuid
from urllib.parse import parse_qsl

import httpx2

URL = "https://acme.ucontactcloud.test"
PASSWORD = "ExamplePassword"
PHONE_USER, NO_PHONE_USER = "Carina", "Admin"
# The seed's own two keys.
SEED_PHONE_KEY = "Q2FyaW5hOjI3YzdjNWM5LTkzYzQtNDYyMi1iYzg2LTlkMmNkMGVjNWEzMA=="
SEED_NO_PHONE_KEY = "QWRtaW46OTgzNWM1MjUtMzU2Ny00YjgyLWEwYWYtY2NkMjNlMDhjNzA3"


class Integra:
    """The handler (``httpx2.MockTransport(integra)``) and what it saw."""

    def __init__(self, password: str = PASSWORD):
        self.password = password
        self.requests: list[httpx2.Request] = []
        self.sessions: dict[str, str] = {}  # key -> user
        self.logins = 0
        # Answers given instead of the seed's, first in first out, to the next logins,
        # EndSessions and resource calls.
        self.login_answers: list[httpx2.Response] = []
        self.end_answers: list[httpx2.Response] = []
        self.resource_answers: list[httpx2.Response] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        path = request.url.path
        form = dict(parse_qsl(request.content.decode("utf-8")))
        if path == "/Integra/resources/auth/UserLogin":
            return self._login(form)
        key = _basic(request)
        if path == "/Integra/resources/auth/EndSession":
            if key is None:
                return httpx2.Response(401, text="Unauthorized")
            if self.end_answers:
                return self.end_answers.pop(0)
            if self.sessions.get(form.get("token")) != form.get("user"):
                return httpx2.Response(200, text="0")
            del self.sessions[form["token"]]
            return httpx2.Response(200, text="1")
        if self.resource_answers:
            return self.resource_answers.pop(0)
        if key not in self.sessions:
            return httpx2.Response(401, text="Unauthorized")
        return httpx2.Response(200, json={"method": request.method, "path": path, "form": form,
                                          "query": dict(request.url.params), "user": self.sessions[key]})

    def _login(self, form: dict) -> httpx2.Response:
        self.logins += 1
        if self.login_answers:
            return self.login_answers.pop(0)
        user = form.get("user")
        if user not in (PHONE_USER, NO_PHONE_USER) or form.get("password") != self.password:
            return httpx2.Response(200, text="0")
        key = base64.b64encode(f"{user}:{uuid.uuid4()}".encode()).decode()
        self.sessions[key] = user
        if user == PHONE_USER:
            return httpx2.Response(200, json=[{"user": user}, {"phone": "1001", "md5secret": key}])
        return httpx2.Response(200, json=[{"user": user}, {"phone": None}, key])

    def expire(self) -> None:
        """Every open session ends on the server's side (their keys get 401)."""
        self.sessions.clear()

    def sent(self, path_end: str) -> list[httpx2.Request]:
        return [request for request in self.requests if request.url.path.endswith(path_end)]


def _basic(request: httpx2.Request) -> str | None:
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    return key if scheme == "Basic" and key else None


def form_of(request: httpx2.Request) -> dict:
    return dict(parse_qsl(request.content.decode("utf-8")))


def json_of(request: httpx2.Request):
    return json.loads(request.content)


def wsgi(handler):
    """``handler`` as a WSGI app, to serve it on a socket (the CLI's tests)."""
    def app(environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = [(name[5:].replace("_", "-").lower(), value) for name, value in environ.items()
                   if name.startswith("HTTP_")]
        if environ.get("CONTENT_TYPE"):
            headers.append(("content-type", environ["CONTENT_TYPE"]))
        url = f"http://{environ['HTTP_HOST']}{environ['SCRIPT_NAME']}{environ['PATH_INFO']}"
        if environ.get("QUERY_STRING"):
            url += "?" + environ["QUERY_STRING"]
        response = handler(httpx2.Request(environ["REQUEST_METHOD"], url, headers=headers, content=body))
        start_response(f"{response.status_code} {response.reason_phrase}",
                       [(name, value) for name, value in response.headers.items()
                        if name.lower() not in ("content-length", "transfer-encoding")]
                       + [("Content-Length", str(len(response.content)))])
        return [response.content]
    return app
