"""How the demo server's WSGI apps answer and read requests: the headers every answer carries,
and a JSON body read within a size limit."""

from __future__ import annotations

import json

MAX_BODY = 4096


def respond(start_response, status: str, body: bytes | str, content_type: str, extra=()):
    data = body.encode("utf-8") if isinstance(body, str) else body
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data))),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"), *extra])
    return [data]


def read_body(environ) -> bytes:
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    return environ["wsgi.input"].read(min(max(size, 0), MAX_BODY))


def answer_json(start_response, status: str, body, extra=()):
    return respond(start_response, status, json.dumps(body), "application/json", extra)


class BadBody(ValueError):
    """A body that is not a JSON object sent as application/json within MAX_BODY: ``status``
    says which (415 for another content type, 413 too large, 400 not a JSON object)."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


def read_json_object(environ) -> dict:
    """The request's JSON object. Only ``application/json``: a form or text post from another
    site needs no CORS preflight, JSON does (and none is ever granted here)."""
    if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != "application/json":
        raise BadBody("415 Unsupported Media Type", "send Content-Type: application/json")
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = -1
    if not 0 < size <= MAX_BODY:
        raise BadBody("413 Content Too Large" if size > MAX_BODY else "400 Bad Request",
                      f"send a JSON object of at most {MAX_BODY} bytes")
    try:
        value = json.loads(environ["wsgi.input"].read(size))
    except (ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, dict):
        raise BadBody("400 Bad Request", "send a JSON object")
    return value
