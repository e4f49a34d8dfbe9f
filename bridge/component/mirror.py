"""The state mirror: what the bridge knows of the component, kept from its callbacks and results.

The component tells its integrator what happens through callbacks (``onConnect``,
``onCredentials``, ``onReady``... passed to it as ``bridge.callbacks``). The mirror follows
them to know the component state (for gating calls), the agent's status and the calls in
progress, and turns each change into an event for the page.

The vendor document names three callbacks: onConnect, onCredentials and onReady(state). The
names of the others are not documented; the mirror reads ``onIdentify``, ``onDevice``,
``onUser(user)`` and ``onCall(call)`` (what the bundled simulator calls), and in any other
``on*`` callback it recognises Call and User objects by their fields, so a component that
names its callbacks differently still keeps the mirror current.

A component that calls only the documented three never says it entered IDENTIFY or DEVICE.
The mirror learns those from the calls that cause them: a method declared with ``leads_to``
in :mod:`bridge.component.spec` (login and sso lead to IDENTIFY, selectIdentifier to DEVICE,
identify to IDENTIFY, logout to CREDENTIALS) moves the mirror there when it succeeds. When the
session approves such a call it takes a ticket (:meth:`StateMirror.await_result`); the shim
sends the ticket back with the component's successful answer, from the page or a frame (nothing
on failure), and with how many callbacks it had relayed when it called the component: page
and callbacks share one ordered stream, so that count places the call among the callbacks.
Callbacks win: a result moves the mirror only if

- no callback relayed after the component was called has moved the mirror (a login whose
  promise settles once the component already said onReady must not pull READY back to
  IDENTIFY; a callback that repeats the current state moves nothing; one relayed before the
  call is older news than the call), and
- the mirror is still in a state the method is allowed in (of two results, the one that
  could not have run after the other is dropped: selectIdentifier after logout).

provision has no ``leads_to``: the document promises onReady, which also carries the status.
state() takes a ticket too: what it returns is read like onReady's argument.
"""

from __future__ import annotations

from collections import OrderedDict, deque

from .objects import Call, CallState, User, looks_like_call, looks_like_user
from .spec import CREDENTIALS, DEVICE, IDENTIFY, READY, STATE_OBJECT, Method

# Before the component's first callback it may not even be there.
LOADING = "LOADING"
# After onConnect and before the first state callback.
CONNECTED = "CONNECTED"

STATE_CALLBACKS = {
    "onConnect": CONNECTED,
    "onCredentials": CREDENTIALS,
    "onIdentify": IDENTIFY,
    "onDevice": DEVICE,
    "onReady": READY,
}

# Every callback name the mirror reads by name; the shim makes them real properties of
# bridge.callbacks (other on* names are relayed too, through a Proxy).
KNOWN_CALLBACKS = (*STATE_CALLBACKS, "onUser", "onCall", "onNotify")

# The "change" of a "call" event: a new call ringing (incoming) or dialing (outgoing), a new
# call state, any other change of its fields, or its end.
CALL_CHANGES = ("ringing", "dialing", "connected", "held", "suspended", "updated", "ended")
# Names of call changes in "call" events, from the call's state.
_CHANGE_BY_STATE = {
    CallState.CONNECTED: "connected",
    CallState.HELD: "held",
    CallState.SUSPENDED: "suspended",
}


class StateMirror:
    """Component state, agent status and calls in progress, as the callbacks tell them."""

    # How many ended calls are remembered, so that a late repeat of an end is not a new event.
    ENDED_MEMORY = 64
    # How many approved calls may await their result. A call that fails or never settles
    # sends nothing back, so the oldest tickets are forgotten (their late success ignored).
    RESULTS_AWAITED = 256

    def __init__(self):
        self.state = LOADING
        self.user: User | None = None
        self.status = None  # AgentStatus, or the component's own string for an unknown one
        self.calls: dict[str, Call] = {}  # uniqueid -> call, calls not yet ended
        self.ended: deque[str] = deque(maxlen=self.ENDED_MEMORY)
        # Callbacks heard so far, counted as the shim counts the ones it relays (results say how
        # many came before their call), and that count when a callback last moved the state.
        self.callbacks_heard = 0
        self._moved_at = 0
        self._awaited: OrderedDict[int, Method] = OrderedDict()  # ticket -> method
        self._next_ticket = 1

    def snapshot(self) -> dict:
        """The plain-data summary the page keeps as ``bridge.snapshot``."""
        return {
            "state": self.state,
            "status": None if self.status is None else str(self.status),
            "user": None if self.user is None else self.user.to_json(),
            "calls": [c.to_json() for c in self.calls.values()],
        }

    def observe_callback(self, name: str, args: list) -> list[tuple[str, dict]]:
        """Update from one component callback; return the events it causes, in order."""
        events: list[tuple[str, dict]] = []
        self.callbacks_heard += 1
        new_state = STATE_CALLBACKS.get(name)
        if new_state is not None and new_state != self.state:
            self._moved_at = self.callbacks_heard
            events.extend(self._enter(new_state))
        for arg in args:
            events.extend(self._observe_object(arg))
        return events

    def observe_state_object(self, data) -> list[tuple[str, dict]]:
        """Update from the object onReady receives and ``ucsOperator.state()`` returns."""
        return self._observe_object(data)

    def await_result(self, method: Method) -> int | None:
        """A ticket for a call just approved whose successful result the mirror learns from
        (``method.informs_mirror``), else None."""
        if not method.informs_mirror:
            return None
        ticket = self._next_ticket
        self._next_ticket += 1
        self._awaited[ticket] = method
        if len(self._awaited) > self.RESULTS_AWAITED:
            self._awaited.popitem(last=False)
        return ticket

    def observe_result(self, ticket: int, callbacks_before: int, value) -> list[tuple[str, dict]]:
        """Update from the successful result of the call ``ticket`` was given for, made when
        ``callbacks_before`` callbacks had been relayed."""
        method = self._awaited.pop(ticket, None)
        if method is None:
            return []  # not a ticket of ours, already used, or forgotten
        if method.returns == STATE_OBJECT:
            # Any callback heard since the call (a call ending, a status) is newer than this answer.
            return [] if self.callbacks_heard > callbacks_before else self._observe_object(value)
        # A callback after the call said where the component is: it wins.
        if self._moved_at > callbacks_before or not method.allowed_in(self.state):
            return []
        return self._enter(method.leads_to)

    def _enter(self, state: str) -> list[tuple[str, dict]]:
        if state == self.state:
            return []
        events = [("state", {"state": state, "previous": self.state})]
        self.state = state
        if state == CREDENTIALS:
            events.extend(self._logged_out())
        return events

    def _logged_out(self) -> list[tuple[str, dict]]:
        """Back at the login form: the component forgets the agent and the calls."""
        events = [("call", {"change": "ended", "call": c.to_json()}) for c in self.calls.values()]
        self.ended.extend(self.calls)
        self.calls.clear()
        self.user = None
        return events + self._set_status(None, None)

    def _observe_object(self, data) -> list[tuple[str, dict]]:
        if not isinstance(data, dict):
            return []
        if looks_like_call(data):
            return self._observe_call(Call.read(data))
        if looks_like_user(data):
            return self._observe_user(User.read(data))
        # A state object: {state, status, user, call, calls, ...}.
        events = []
        if isinstance(data.get("user"), dict):
            events.extend(self._observe_user(User.read(data["user"])))
        elif isinstance(data.get("status"), str):
            # The vendor: onReady "transmits the agent's current availability status".
            events.extend(self._set_status(User.read({"status": data["status"]}).status, self.user))
        listed = data.get("calls")
        if isinstance(listed, list):
            # A full list of the calls in progress: what is not in it is over.
            current = {item["uniqueid"] for item in listed if looks_like_call(item)}
            if isinstance(data.get("call"), dict) and looks_like_call(data["call"]):
                current.add(data["call"]["uniqueid"])
            for uniqueid in [u for u in self.calls if u not in current]:
                gone = self.calls.pop(uniqueid)
                self.ended.append(uniqueid)
                events.append(("call", {"change": "ended", "call": gone.to_json()}))
        for item in (listed if isinstance(listed, list) else []) + [data.get("call")]:
            if looks_like_call(item):
                events.extend(self._observe_call(Call.read(item)))
        return events

    def _observe_user(self, user: User) -> list[tuple[str, dict]]:
        self.user = user
        return self._set_status(user.status, user)

    def _set_status(self, status, user) -> list[tuple[str, dict]]:
        previous = self.status
        self.status = status
        if status == previous:
            return []
        return [("status", {
            "status": None if status is None else str(status),
            "previous": None if previous is None else str(previous),
            "user": None if user is None else user.to_json(),
        })]

    def _observe_call(self, call: Call) -> list[tuple[str, dict]]:
        before = self.calls.get(call.uniqueid)
        if before is not None and before.to_json() == call.to_json():
            return []
        if call.ended:
            if before is None and call.uniqueid in self.ended:
                return []  # the end of a call already reported as ended
            self.calls.pop(call.uniqueid, None)
            self.ended.append(call.uniqueid)
            change = "ended"
        else:
            if before is None and call.uniqueid in self.ended:
                return []  # a stale copy of a call that is over
            self.calls[call.uniqueid] = call
            if before is None:
                change = "ringing" if str(call.direction) == "INCOMING" else "dialing"
            elif call.state != before.state:
                change = _CHANGE_BY_STATE.get(call.state, "updated")
            else:
                change = "updated"
        return [("call", {"change": change, "call": call.to_json()})]
