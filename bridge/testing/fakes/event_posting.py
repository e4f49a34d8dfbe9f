"""How a fake posts events to a receiver (XUC's event export, Udesk's subscriptions): one JSON
POST per event, unsigned as both vendors post them, outside the fake's lock (a receiver may call
back into the fake), each outcome kept in ``events_sent``."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

EVENT_TIMEOUT = 5.0  # seconds a posted event may take to be received


class EventPosting:
    """A mixin for a :class:`~.wsgi.FakeApp` (its ``_lock``) that sets ``_outbox`` (the events a
    request made, posted once the state is unlocked: ``(url, body)`` pairs) and ``events_sent``
    (``{"url", "body", "status" or "error"}``) in its constructor."""

    _outbox: list[tuple[str, dict]]
    events_sent: list[dict]

    def _post_event(self, url: str, body: dict, *, record: bool) -> int:
        """POST ``body`` to ``url``: the receiver's status. A connection error is raised, or, with
        ``record`` (an event a request made: nobody is there to see it raised), kept as 0."""
        request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=EVENT_TIMEOUT) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            if not record:
                raise
            with self._lock:
                self.events_sent.append({"url": url, "body": body, "error": str(error)})
            return 0
        with self._lock:
            self.events_sent.append({"url": url, "body": body, "status": status})
        return status

    def _flush_events(self) -> None:
        """Post the events the last request made, outside the lock (a receiver may call back)."""
        with self._lock:
            events, self._outbox = self._outbox, []
        for url, body in events:
            self._post_event(url, body, record=True)
