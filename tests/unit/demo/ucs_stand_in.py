"""A minimal stand-in for the UCS REST fake (bridge.testing.fakes.ucs, being written on branch
`fakes`), for the demo's tests only until it lands: the OAuth login, call records and call
metadata of seed 000, with ``add_call(uniqueid, **fields)`` and ``calls`` as the fake's: a
finished call's record, registered once."""

from __future__ import annotations

import json
import secrets
import threading


class UcsStandIn:
    def __init__(self, *, client_id: str, client_secret: str):
        self._credentials = (client_id, client_secret)
        self._tokens: set[str] = set()
        self._lock = threading.Lock()
        self.calls: dict[str, dict] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request answered
        self.fail_with: int | None = None  # answer every API call with this HTTP status

    def add_call(self, uniqueid: str, **fields) -> None:
        with self._lock:
            if uniqueid in self.calls:
                raise ValueError(f"a call {uniqueid} is already registered")
            self.calls[uniqueid] = {"uniqueid": uniqueid, "metadata": {}, **fields}

    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        self.requests.append((method, path))
        size = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(size)) if size else None
        status, answer = self._answer(method, path, body, environ.get("HTTP_AUTHORIZATION", ""))
        data = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    def _answer(self, method, path, body, authorization):
        if path == "/login/oauth2/token" and method == "POST":
            if (body or {}).get("client_id") != self._credentials[0] or body.get("client_secret") != self._credentials[1]:
                return "401 Unauthorized", {"error": "invalid_client", "error_description": "bad credentials"}
            token = secrets.token_urlsafe(16)
            self._tokens.add(token)
            return "200 OK", {"access_token": token, "token_type": "Bearer", "expires_in": "3610"}
        if authorization.removeprefix("Bearer ") not in self._tokens:
            return "401 Unauthorized", {"success": False, "error": "unauthorized"}
        if self.fail_with:
            return f"{self.fail_with} Failed", {"success": False, "error": "failing as told"}
        kind, _, uniqueid = path.removeprefix("/api/v1.0/").partition("/")
        with self._lock:
            record = self.calls.get(uniqueid)
            if record is None or kind not in ("call", "metadata"):
                return "200 OK", {"success": False, "error": "Unknown call uniqueid"}
            if kind == "call":
                return "200 OK", {"success": True, "data": json.loads(json.dumps(record))}
            if method == "POST":
                for key, value in body.items():
                    if value is None:
                        record["metadata"].pop(key, None)
                    else:
                        record["metadata"][key] = value
            return "200 OK", {"success": True, "data": dict(record["metadata"])}
