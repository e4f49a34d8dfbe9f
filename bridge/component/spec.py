"""The UCS component API (``window.ucsOperator``), declared once.

Everything else derives from this module: argument validation and state gating in the
bridge, the generated JavaScript facade and ``agent-bridge.d.ts``, and the method table in
the README. Source: the vendor's component document (shared/seeds/002_...txt, "API /
Component control"). Where that document is silent or contradicts itself the choice is
written next to the declaration it affects, and ``tests/unit/component/test_spec.py`` pins it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .argtypes import Boolean, Choice, Integer, JsonObject, Literal, Nullable, Text, Union
from ..errors import invalid_argument

# The component's own states, in the order an agent goes through them.
CREDENTIALS = "CREDENTIALS"
IDENTIFY = "IDENTIFY"
DEVICE = "DEVICE"
READY = "READY"
COMPONENT_STATES = (CREDENTIALS, IDENTIFY, DEVICE, READY)
# "any" in the vendor's table: the method works in every state, even before onConnect
# (the document says the methods exist "before the onConnect callback is called").
ANY = "any"
# What state() returns and onReady receives; the mirror reads it like onReady's argument.
STATE_OBJECT = "ComponentStateObject"

AGENT_STATUSES = ("OFFLINE", "READY", "AUX", "ACW")
NOTIFICATION_TYPES = ("error", "warning", "success", "info")
RINGING_SOUNDS = ("default", "christmas", "lovingYou", "quest", "rush")
THEMES = ("default", "dark")

# Phone numbers as an agent or a CRM record writes them: digits, * and #, an optional leading
# +, and the usual separators. Letters are refused on purpose: a "number" with letters in a
# CRM field is nearly always a data-entry mistake, and the component would dial garbage.
PHONE_NUMBER = Text(
    min_length=1,
    max_length=64,
    pattern=r"\+?\(?[0-9*#][0-9*# ()./-]*",
    pattern_hint="must be a phone number (digits, *, #, an optional leading +, spaces ( ) - . /)",
)
NAME = Text(min_length=1, max_length=255)
QUEUE_ID = Integer(minimum=0, maximum=2**53 - 1)


@dataclass(frozen=True)
class Param:
    """One positional parameter of a component method."""

    name: str
    type: object
    doc: str
    optional: bool = False


@dataclass(frozen=True)
class Method:
    """One method of ``window.ucsOperator``.

    :param states: the component states it is allowed in, or :data:`ANY`.
    :param leads_to: the state the component is in once a call succeeded, for the methods
        whose new state the vendor's three callbacks (onConnect, onCredentials, onReady) may
        not announce; the mirror moves there on the call's successful result unless a
        callback said otherwise (see :mod:`bridge.component.mirror`).
    :param since: the component version that introduced it.
    :param returns: the TypeScript type of what the component gives back.
    :param refine: checks across parameters, run after each parameter's own check.
    """

    name: str
    doc: str
    params: tuple[Param, ...] = ()
    states: tuple[str, ...] | str = (READY,)
    leads_to: str | None = None
    since: str = "4.0.0"
    returns: str = "unknown"
    refine: Callable[[dict], None] | None = field(default=None, compare=False)

    def allowed_in(self, state: str) -> bool:
        return self.states == ANY or state in self.states

    @property
    def informs_mirror(self) -> bool:
        """Whether the mirror learns from this method's successful result (a state it leads
        to, or the state object)."""
        return self.leads_to is not None or self.returns == STATE_OBJECT

    @property
    def required_count(self) -> int:
        return sum(1 for p in self.params if not p.optional)


def _reason_only_for_aux(args: dict) -> None:
    # The vendor documents `reason` as "reason for absence (AUX)". A reason sent with another
    # status would be dropped silently by the component; a CRM developer wants to hear it.
    if args.get("reason") is not None and args.get("status") != "AUX":
        raise invalid_argument(f"changeStatus: reason is only for status AUX, not {args.get('status')}")


METHODS: tuple[Method, ...] = (
    Method(
        "login", "Agent login with a username and password.",
        (
            Param("username", NAME, "username"),
            Param("password", Text(min_length=1, max_length=1000), "password"),
            # The vendor lists `remember` without saying it may be left out; a login form
            # without a "remember me" box is common, so it is optional (the component's default).
            Param("remember", Boolean(), "save the login data in a cookie for the next login", optional=True),
        ),
        # The document names no callback for IDENTIFY (onReady comes only once a phone is
        # provisioned): a successful login is how the bridge learns that a phone is chosen next.
        states=(CREDENTIALS,), leads_to=IDENTIFY, returns="void",
    ),
    Method(
        "sso", "Login with an SSO token minted on the CRM server; only after onCredentials.",
        (
            Param("username", NAME, "username"),
            Param("token", Text(min_length=1, max_length=4096), "SSO token"),
            Param("provider", NAME, "name of the application performing the login (activates the tab of that name)"),
        ),
        states=(CREDENTIALS,), leads_to=IDENTIFY, returns="void",
    ),
    # The document does not say the login form's onCredentials follows a logout: the result says it.
    Method("logout", "Unpair the phone and log the agent out.", states=(IDENTIFY, DEVICE, READY),
           leads_to=CREDENTIALS),
    # The vendor's state table has a row `identifier` and no row for `selectIdentifier`; the
    # method list has `selectIdentifier` and no `identifier`. They are the same method.
    Method(
        "selectIdentifier", "Pair a phone with this computer.",
        (Param("identifier", NAME, "phone identifier entered in UCS on the device"),),
        states=(IDENTIFY, DEVICE), leads_to=DEVICE,
    ),
    # No leads_to: the document promises onReady once the agent is in, and onReady carries
    # the agent's status and calls. Moving to READY on provision's result could let calls
    # through before the component is ready to take them.
    Method("provision", "Confirm the paired phone, download settings and get the status from UCS.",
           states=(IDENTIFY, DEVICE)),
    Method("identify", "Select another phone to pair without logging out.", states=(DEVICE, READY),
           leads_to=IDENTIFY),
    Method(
        "changeStatus", "Change the agent's availability status.",
        (
            Param("status", Choice(AGENT_STATUSES), "required status"),
            Param("reason", Text(min_length=1, max_length=255), "reason for absence (AUX only)", optional=True),
        ),
        refine=_reason_only_for_aux,
    ),
    Method("suspend", "Suspend the agent's service in a queue.",
           (Param("queue", QUEUE_ID, "ID of the queue"),)),
    Method("resume", "Resume the agent's service in a queue.",
           (Param("queue", QUEUE_ID, "ID of the queue"),)),
    Method("answer", "Pick up the ringing incoming call."),
    Method(
        "dial", "Click to dial.",
        (
            Param("number", PHONE_NUMBER, "phone number to dial on the agent's phone"),
            Param("queue", Union((QUEUE_ID, Literal("directCall"), Literal("undefined"))),
                  'outgoing queue (campaign) ID; "directCall": no queue; "undefined": UCS decides',
                  optional=True),
            # The vendor marks only `queue` optional, but parameters are positional and the
            # document's own example is dial("0800123456"): line and data are optional too.
            Param("line", Integer(minimum=0, maximum=2**53 - 1), "ID of the phone line (device) to call from", optional=True),
            Param("data", JsonObject(), "metadata to attach to the call", optional=True),
        ),
    ),
    Method("hangup", "Hang up the ongoing call."),
    Method(
        "transfer", "Consultative transfer: hold the call and call the target (or enter transfer mode).",
        (Param("number", PHONE_NUMBER, "number to consult; without it the next dial() makes the consultation call",
               optional=True),),
    ),
    # finishTransfer, blindTransfer, mute, setAccountCode and the ringing-sound test methods
    # have no row in the vendor's state table. They all act on calls or the softphone, which
    # exist only once the agent is READY, so READY it is (selectRingingSound, their sibling,
    # is READY in the table).
    Method("finishTransfer", "Complete a consultative transfer: connect the caller to the consulted party."),
    Method("blindTransfer", "Transfer the call without consultation.",
           (Param("number", PHONE_NUMBER, "number to transfer the call to"),)),
    Method("tribute", "Hold the call."),
    Method("unhold", "Resume the held call."),
    Method("mute", "Toggle the phone's microphone."),
    Method(
        "notify", "Show a notification in the component.",
        (
            Param("title", Text(min_length=1, max_length=1000), "notification text"),
            Param("type", Choice(NOTIFICATION_TYPES), "kind of notification", optional=True),
            Param("unique", Boolean(), "replace an existing notification with the same text", optional=True),
            Param("timeout", Nullable(Integer(minimum=0, maximum=2**53 - 1)), "time until it disappears (null: never)", optional=True),
            Param("boundState", Nullable(Choice(COMPONENT_STATES)), "the state it is shown in (null: any)",
                  optional=True),
            Param("group", Text(min_length=1, max_length=255), "notification group", optional=True),
            Param("other", JsonObject(), "other data, e.g. {values: {identifier: 'cisco'}} for message formatting",
                  optional=True),
        ),
        states=ANY,
    ),
    Method("state", "The component's current state (the object onReady receives).", returns=STATE_OBJECT),
    Method(
        "setAccountCode", "Set the reason (account code) of a call.",
        (
            Param("uniqueid", Text(min_length=1, max_length=255), "unique call ID"),
            Param("accountCode", Text(min_length=1, max_length=255), "account code"),
            Param("subAccountCode", Nullable(Text(min_length=1, max_length=255)), "second-level account code",
                  optional=True),
            Param("override", Boolean(), "true: replace the code; false: add to the existing one", optional=True),
        ),
    ),
    Method("selectRingingSound", "Choose the softphone's ringtone.",
           (Param("ringingSound", Choice(RINGING_SOUNDS), "ringtone"),), since="4.43.5"),
    Method("testRingingSound", "Play the selected ringtone.", since="4.55.0"),
    Method("stopRingingSoundTest", "Stop playing the ringtone.", since="4.55.0"),
    # The document writes "6.18.0" without the "v" of every other version: same thing.
    # setTheme changes only the look, which matters on the login form too: any state.
    Method("setTheme", "Override the theme for this session.", (Param("theme", Choice(THEMES), "theme"),),
           states=ANY, since="6.18.0"),
)

METHODS_BY_NAME: dict[str, Method] = {m.name: m for m in METHODS}


def get_method(name) -> Method:
    """The declared method called ``name``; a clear error for anything else."""
    method = METHODS_BY_NAME.get(name) if isinstance(name, str) else None
    if method is None:
        raise invalid_argument(f"ucsOperator has no method {name!r}")
    return method
