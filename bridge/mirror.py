"""The state mirror: what the bridge knows of the component, kept from its callbacks.

The component tells its integrator what happens through callbacks (``onConnect``,
``onCredentials``, ``onReady``... passed to it as ``bridge.callbacks``). The mirror follows
them to know the component state (for gating calls), the agent's status and the calls in
progress, and turns each change into an event for the page.

The vendor document names three callbacks: onConnect, onCredentials and onReady(state). The
names of the others are not documented; the mirror reads ``onIdentify``, ``onDevice``,
``onUser(user)`` and ``onCall(call)`` (what the bundled simulator calls), and in any other
``on*`` callback it recognises Call and User objects by their fields, so a component that
names its callbacks differently still keeps the mirror current.
"""

from __future__ import annotations

from .objects import Call, CallState, User, looks_like_call, looks_like_user
from .spec import CREDENTIALS, DEVICE, IDENTIFY, READY

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

    def __init__(self):
        self.state = LOADING
        self.user: User | None = None
        self.calls: dict[str, Call] = {}  # uniqueid -> call, calls not yet ended
        self.last_call: Call | None = None

    @property
    def status(self):
        return None if self.user is None else self.user.status

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
        new_state = STATE_CALLBACKS.get(name)
        if new_state is not None and new_state != self.state:
            events.append(("state", {"state": new_state, "previous": self.state}))
            self.state = new_state
            if new_state == CREDENTIALS:
                self.calls.clear()  # logged out: the component forgets its calls
        for arg in args:
            events.extend(self._observe_object(arg))
        return events

    def observe_state_object(self, data) -> list[tuple[str, dict]]:
        """Update from the object onReady receives and ``ucsOperator.state()`` returns."""
        return self._observe_object(data)

    def _observe_object(self, data) -> list[tuple[str, dict]]:
        if not isinstance(data, dict):
            return []
        if looks_like_call(data):
            return self._observe_call(Call.read(data))
        if looks_like_user(data):
            return self._observe_user(User.read(data))
        events = []
        # A state object: {state, status, user, call, calls, ...}.
        if isinstance(data.get("user"), dict):
            events.extend(self._observe_user(User.read(data["user"])))
        for key in ("call", "calls"):
            items = data.get(key)
            for item in items if isinstance(items, list) else [items]:
                if looks_like_call(item):
                    events.extend(self._observe_call(Call.read(item)))
        return events

    def _observe_user(self, user: User) -> list[tuple[str, dict]]:
        previous = self.status
        self.user = user
        if user.status == previous:
            return []
        return [("status", {
            "status": None if user.status is None else str(user.status),
            "previous": None if previous is None else str(previous),
            "user": user.to_json(),
        })]

    def _observe_call(self, call: Call) -> list[tuple[str, dict]]:
        before = self.calls.get(call.uniqueid)
        if before is not None and before.to_json() == call.to_json():
            return []
        if call.ended:
            if before is None and self.last_call is not None and self.last_call.uniqueid == call.uniqueid:
                return []  # the end of a call already reported as ended
            self.calls.pop(call.uniqueid, None)
            change = "ended"
        else:
            self.calls[call.uniqueid] = call
            if before is None:
                change = "ringing" if str(call.direction) == "INCOMING" else "dialing"
            elif call.state != before.state:
                change = _CHANGE_BY_STATE.get(call.state, "updated")
            else:
                change = "updated"
        self.last_call = call
        return [("call", {"change": change, "call": call.to_json()})]
