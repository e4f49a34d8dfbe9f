"""What the UCS component simulator does, described once.

The simulator (``ucs-simulator.js``) reads its state table, parameter lists, versions, enums,
transitions and state callbacks from here (``simulator_script()`` writes them into it); the
tests walk the same tables; the README's simulator tables are rendered from them. The rows
are typed from the vendor's component document (shared/seeds/002_..., "Component control",
"Structure of objects"), not from ``bridge/component/spec.py``: a test double copied from our own spec
would repeat its mistakes. ``tests/unit/testing/test_behaviour.py`` checks the two agree.

``source`` says where a row comes from: ``"document"``, or ``"ours"`` where the document is
silent and the simulator chooses (the reason is in ``does``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..component.options import SIMULATOR_OPTIONS

# "INIT" is ours: the component before it has connected (the document's table starts at CREDENTIALS).
STATES = ("INIT", "CREDENTIALS", "IDENTIFY", "DEVICE", "READY")
COMPONENT_STATES = STATES[1:]
ANY = "any"
FIRST_VERSION = "4.0.0"

# Entering a state tells the integrator through this callback (onCredentials and onReady are
# the document's; onIdentify and onDevice are ours). onReady gets the state object.
STATE_CALLBACKS = {"CREDENTIALS": "onCredentials", "IDENTIFY": "onIdentify", "DEVICE": "onDevice", "READY": "onReady"}


@dataclass(frozen=True)
class MethodBehaviour:
    name: str
    params: tuple[str, ...]
    states: tuple[str, ...] | str  # the states it is allowed in, or ANY
    does: str
    enters: str | None = None  # the state after it succeeds
    since: str = FIRST_VERSION
    source: str = "document"  # where its row of the state table comes from


READY_ONLY = ("READY",)

METHODS = (
    MethodBehaviour("login", ("username", "password", "remember"), ("CREDENTIALS",),
                    "Checks the password (asynchronously); a wrong one shows the notification \"Bad password\" and rejects.",
                    enters="IDENTIFY"),
    MethodBehaviour("sso", ("username", "token", "provider"), ("CREDENTIALS",),
                    "Checks the token with `ssoSecret` or asks `ssoVerify` (asynchronously); a bad one shows "
                    "\"Invalid SSO token: …\" (the reason) and rejects.", enters="IDENTIFY"),
    MethodBehaviour("logout", (), ("IDENTIFY", "DEVICE", "READY"),
                    "Forgets the calls and the phone; the agent goes OFFLINE.", enters="CREDENTIALS"),
    MethodBehaviour("selectIdentifier", ("identifier",), ("IDENTIFY", "DEVICE"),
                    "Pairs a phone from `identifiers`; another shows \"Bad identifier: …\" and throws. "
                    "The document's row is named `identifier`.", enters="DEVICE"),
    MethodBehaviour("provision", (), ("IDENTIFY", "DEVICE"),
                    "Confirms the paired phone; an OFFLINE agent becomes READY.", enters="READY"),
    MethodBehaviour("identify", (), ("DEVICE", "READY"),
                    "Back to choosing a phone; calls go on.", enters="IDENTIFY"),
    MethodBehaviour("changeStatus", ("status", "reason"), READY_ONLY,
                    "Sets the agent's status (reason for AUX only) and reports the User through onUser."),
    MethodBehaviour("suspend", ("queue",), READY_ONLY, "Suspends one of the agent's queues; onUser."),
    MethodBehaviour("resume", ("queue",), READY_ONLY, "Resumes a suspended queue, adding up suspendtime; onUser."),
    MethodBehaviour("answer", (), READY_ONLY, "Answers the ringing incoming call (a connected one goes on hold); onCall."),
    MethodBehaviour("dial", ("number", "queue", "line", "data"), READY_ONLY,
                    "Starts an outgoing call (connecting, then ringing a moment later); the queue must be an "
                    "outgoing one of the agent's; onCall."),
    MethodBehaviour("hangup", (), READY_ONLY, "Ends the active call (a ringing incoming one is rejected, cause 5); onCall."),
    MethodBehaviour("transfer", ("number",), READY_ONLY,
                    "Holds the call and calls `number` for a consultation; without a number the next dial() "
                    "is the consultation."),
    MethodBehaviour("finishTransfer", (), READY_ONLY,
                    "Completes the consultative transfer: both calls end with cause 8. No row in the "
                    "document's table: READY only, like every call method.", source="ours"),
    MethodBehaviour("blindTransfer", ("number",), READY_ONLY,
                    "Transfers the connected call without consultation (cause 8). No row: READY only.", source="ours"),
    MethodBehaviour("tribute", (), READY_ONLY, "Holds the connected call; onCall."),
    MethodBehaviour("unhold", (), READY_ONLY, "Resumes the held call (swapping with a connected one); onCall."),
    MethodBehaviour("mute", (), READY_ONLY, "Toggles the agent's side's mute on the active call. No row: READY only.",
                    source="ours"),
    MethodBehaviour("notify", ("title", "type", "unique", "timeout", "boundState", "group", "other"), ANY,
                    "Shows a notification (timeout in ms, null never); onNotify."),
    MethodBehaviour("state", (), READY_ONLY, "Returns the state object (what onReady gets)."),
    MethodBehaviour("setAccountCode", ("uniqueid", "accountCode", "subAccountCode", "override"), READY_ONLY,
                    "Records a call reason for any call since install (override replaces, else adds). "
                    "No row: READY only.", source="ours"),
    MethodBehaviour("selectRingingSound", ("ringingSound",), READY_ONLY, "Sets the ringtone.", since="4.43.5"),
    MethodBehaviour("testRingingSound", (), READY_ONLY, "Starts playing the ringtone. No row: READY only.",
                    since="4.55.0", source="ours"),
    MethodBehaviour("stopRingingSoundTest", (), READY_ONLY, "Stops it. No row: READY only.",
                    since="4.55.0", source="ours"),
    MethodBehaviour("setTheme", ("theme",), ANY,
                    "Sets the theme. No row: any state, since the look matters on the login form too.",
                    since="6.18.0", source="ours"),
)


@dataclass(frozen=True)
class CallbackBehaviour:
    name: str
    when: str
    argument: str
    source: str = "document"


CALLBACKS = (
    CallbackBehaviour("onConnect", "the component has connected (still INIT)", "none"),
    CallbackBehaviour("onCredentials", "CREDENTIALS: the login form (sso is allowed from here on)", "none"),
    CallbackBehaviour("onIdentify", "IDENTIFY: choose a phone", "none", source="ours"),
    CallbackBehaviour("onDevice", "DEVICE: a phone is paired", "`{identifier}`", source="ours"),
    CallbackBehaviour("onReady", "READY", "the state object `{state, status, user, call, calls, ringingSound?, theme?}`"),
    CallbackBehaviour("onUser", "the agent's User changed (status, queues), in READY", "User", source="ours"),
    CallbackBehaviour("onCall", "a call appeared or changed (state, mute, hang-up), in any state", "Call",
                      source="ours"),
    CallbackBehaviour("onNotify", "a notification is shown (the component's own, or notify())", "the notification",
                      source="ours"),
)


@dataclass(frozen=True)
class ControlBehaviour:
    """A scenario control: the world around the component (not a component method)."""

    name: str
    signature: str
    does: str


CONTROLS = (
    ControlBehaviour("ringIncoming", "{number, name, data, queue, external_id}",
                     "An incoming call rings (state 2); READY only; with `queue`, one of the agent's incoming "
                     "queues, not suspended, the agent READY."),
    ControlBehaviour("remoteAnswer", "{uniqueid}", "The far side of an outgoing call answers (state 3)."),
    ControlBehaviour("remoteHangup", "{uniqueid, cause}",
                     "The far side hangs up: cause 3 for an incoming call, 4 for an answered outgoing one, "
                     "5 for one still ringing, or the cause given."),
    ControlBehaviour("pushStatus", "status, reason", "The agent's status changes by itself (a supervisor); onUser."),
    ControlBehaviour("failNext", "method, message", "The method's next invocation throws Error(message)."),
    ControlBehaviour("failAlways", "method, message", "Every invocation throws, until clearFailures()."),
    ControlBehaviour("hang", "method", "Every invocation returns a promise that never settles, until clearFailures()."),
    ControlBehaviour("clearFailures", "", "Undoes failNext, failAlways and hang."),
    ControlBehaviour("remove", "", "The component disappears: window.ucsOperator deleted, no more callbacks, "
                     "pending login/sso promises reject."),
    ControlBehaviour("loginAs", "username, password", "CREDENTIALS to READY through login, selectIdentifier "
                     "(the first identifier) and provision."),
)

# Enums of the document's "Structure of objects" and parameter lists.
ENUMS = {
    "status": ["OFFLINE", "READY", "AUX", "ACW"],
    "notificationType": ["error", "warning", "success", "info"],
    "ringingSound": ["default", "christmas", "lovingYou", "quest", "rush"],
    "theme": ["default", "dark"],
    "callState": {"NEW": 0, "CONNECTING": 1, "INVITATION": 2, "CONNECTED": 3, "SUSPENDED": 4, "HELD": 5},
    "hangupCause": {"NOT_SET": -1, "UNKNOWN": 0, "BUSY": 1, "INVALID_NUMBER": 2, "CALLER_HUNG_UP": 3,
                    "CALLED_HUNG_UP": 4, "REJECTED": 5, "UNAVAILABLE": 6, "PICKUP": 7, "TRANSFER": 8},
    "queueType": {"OUTGOING": 0, "INCOMING": 1},
}


def method(name: str) -> MethodBehaviour:
    for each in METHODS:
        if each.name == name:
            return each
    raise KeyError(f"no component method {name!r}")


def allowed(name: str, state: str) -> bool:
    """Whether the simulator lets ``name`` run in ``state`` (INIT: only methods for any state)."""
    states = method(name).states
    return states == ANY or state in states


def as_json() -> dict:
    """The description as the simulator reads it."""
    return {
        "states": list(STATES),
        "stateCallbacks": STATE_CALLBACKS,
        "methods": [{**asdict(m), "params": list(m.params), "states": m.states if m.states == ANY else list(m.states)}
                    for m in METHODS],
        "callbacks": [asdict(c) for c in CALLBACKS],
        "controls": [asdict(c) for c in CONTROLS],
        "enums": ENUMS,
        # The simulator's own options, declared with every other option (bridge/component/options.py).
        "options": [o.schema() for o in SIMULATOR_OPTIONS],
    }
