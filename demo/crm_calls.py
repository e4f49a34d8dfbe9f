"""The CRM's call API for its own page: a call's record, and the ticket a disposition makes,
both through the UCS REST client on this server (the OAuth client secret stays here).

- ``GET /crm/api/call-record/<uniqueid>``: the call's duration, recording (and its duration),
  hang-up cause and metadata, read with ``UcsClient.call_record``;
- ``POST /crm/api/disposition`` ``{uniqueid, outcome}``: the CRM opens a ticket for it and
  writes the ticket's id onto the call's metadata (``update_metadata(uniqueid, {"crm_ticket_id":
  ...})``); the answer carries the metadata UCS answered with.

For the CRM's signed-in user, from its own page only (same origin; the POST takes JSON only, so a
page elsewhere would need a CORS preflight, never granted). A uniqueid that is not digits.digits
is refused before the client is called. When the client raises, the answer is a JSON error
``{status, code, message}`` (404 when UCS knows no such call, else 502) built from what happened,
never from the client's message: it names UCS's URL, which the browser has no use for. A
disposition's error answer still carries its ``ticket_id``: the ticket is open in the CRM whether
or not UCS took its id.
"""

from __future__ import annotations

import itertools
import threading
from urllib.parse import unquote

from bridge.clients.errors import ApiError, InvalidArgument, NotFoundError
from bridge.sso.endpoint import cross_site_refusal
from bridge.testing.behaviour import ENUMS
from demo.ucs_calls import is_uniqueid
from demo.wsgi import BadBody, answer_json, read_json_object

CAUSE_NAMES = {value: name.lower().replace("_", " ") for name, value in ENUMS["hangupCause"].items()}
RECORD_PATH = "/api/call-record/"
DISPOSITION_PATH = "/api/disposition"
MAX_OUTCOME = 64
TICKET_KEY = "crm_ticket_id"


class Tickets:
    """The CRM's tickets in memory: one per saved disposition, ids ACME-1001, ACME-1002..."""

    def __init__(self):
        self._next = itertools.count(1001)
        self._lock = threading.Lock()
        self.saved: dict[str, dict] = {}

    def open(self, username: str, uniqueid: str, outcome: str) -> str:
        with self._lock:
            ticket_id = f"ACME-{next(self._next)}"
            self.saved[ticket_id] = {"username": username, "uniqueid": uniqueid, "outcome": outcome}
        return ticket_id


def _error(start_response, status: int, code: str, message: str, **known):
    """A JSON error; ``known``: what the CRM did before it failed, beside the error."""
    reason = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
              413: "Content Too Large", 415: "Unsupported Media Type", 502: "Bad Gateway"}[status]
    return answer_json(start_response, f"{status} {reason}", {"error": {"status": status, "code": code,
                                                                        "message": message}, **known}, _SAME_ORIGIN)


# Another origin's page may not even embed an answer (a <script src> of it).
_SAME_ORIGIN = [("Cross-Origin-Resource-Policy", "same-origin")]


def _client_failure(start_response, error: ApiError | InvalidArgument, uniqueid: str, **known):
    if isinstance(error, NotFoundError):
        return _error(start_response, 404, error.code, f"UCS knows no call {uniqueid}", **known)
    status = f", HTTP {error.status}" if isinstance(error, ApiError) and error.status is not None else ""
    message = f"UCS did not answer for call {uniqueid} ({type(error).__name__}{status})"
    return _error(start_response, 502, error.code, message, **known)


def summary(record) -> dict:
    """What the CRM's activity shows of a :class:`~bridge.clients.ucs.CallRecord`."""
    return {"uniqueid": record.uniqueid, "ended": record.disconnected is not None, "duration": record.duration,
            "recording": record.recording, "recording_duration": record.recording_duration,
            "cause": record.cause, "cause_name": CAUSE_NAMES.get(record.cause), "metadata": record.metadata}


def make_crm_calls_app(client, username_of, tickets: Tickets):
    """The app under /crm/ for the paths above. ``client``: a ``UcsClient``; ``username_of``:
    environ -> the signed-in CRM user or None."""

    def app(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        if path.startswith(RECORD_PATH):
            if method != "GET":
                return _error(start_response, 405, "FORBIDDEN", "use GET")
        elif path == DISPOSITION_PATH:
            if method != "POST":
                return _error(start_response, 405, "FORBIDDEN", "use POST")
        else:
            return _error(start_response, 404, "INVALID_ARGUMENT", "no such CRM API")
        # A GET needs this too: Sec-Fetch-Site says where the request came from, Origin may be absent.
        refusal = cross_site_refusal(environ)
        if not refusal and environ.get("HTTP_SEC_FETCH_SITE") not in (None, "same-origin"):
            refusal = f"the CRM's API answers its own pages only (Sec-Fetch-Site: {environ['HTTP_SEC_FETCH_SITE']})"
        if refusal:
            return _error(start_response, 403, "FORBIDDEN", refusal)
        username = username_of(environ)
        if not username:
            return _error(start_response, 401, "FORBIDDEN", "not signed in to the CRM")
        if method == "GET":
            return _call_record(start_response, unquote(path[len(RECORD_PATH):]))
        return _disposition(environ, start_response, username)

    def _call_record(start_response, uniqueid: str):
        if not is_uniqueid(uniqueid):
            return _error(start_response, 400, "INVALID_ARGUMENT", "a uniqueid is digits.digits (e.g. 1723018607.115)")
        try:
            record = client.call_record(uniqueid)
        except (ApiError, InvalidArgument) as error:  # the client's whole error tree
            return _client_failure(start_response, error, uniqueid)
        return answer_json(start_response, "200 OK", summary(record), _SAME_ORIGIN)

    def _disposition(environ, start_response, username: str):
        try:
            asked = read_json_object(environ)
        except BadBody as error:
            return _error(start_response, int(error.status[:3]), "INVALID_ARGUMENT", str(error))
        uniqueid, outcome = asked.get("uniqueid"), asked.get("outcome")
        if set(asked) != {"uniqueid", "outcome"} or not is_uniqueid(uniqueid) or not isinstance(outcome, str) \
                or not 0 < len(outcome) <= MAX_OUTCOME:
            return _error(start_response, 400, "INVALID_ARGUMENT",
                          f"send {{uniqueid: digits.digits, outcome: 1 to {MAX_OUTCOME} characters}}")
        ticket_id = tickets.open(username, uniqueid, outcome)
        try:
            metadata = client.update_metadata(uniqueid, {TICKET_KEY: ticket_id})
        except (ApiError, InvalidArgument) as error:
            # The ticket is open in the CRM even though UCS does not carry its id: say which it is.
            return _client_failure(start_response, error, uniqueid, ticket_id=ticket_id)
        return answer_json(start_response, "200 OK", {"ticket_id": ticket_id, "uniqueid": uniqueid,
                                                      "metadata": metadata}, _SAME_ORIGIN)

    return app
