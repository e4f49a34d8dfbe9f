"""Every option of the bridge's JavaScript entry points, declared once.

- ``PAGE_OPTIONS``: ``AgentBridge.start(config)``, with the sub-options of ``frames``
  (:data:`FRAME_RULE`), ``ucontact`` and ``sso`` (:data:`SSO`);
- ``FRAME_SDK_OPTIONS``: ``AgentBridgeFrame.connect(options)`` in a CRM iframe;
- ``SIMULATOR_OPTIONS``: ``UcsSimulator.install(options)``, the testing kit's component simulator
  (its defaults come from here, and the pytest kit checks ``@pytest.mark.ucs(...)`` against them).

From these declarations come: the checks (``web/shared/check-options.js`` reads their schemas
from the generated constants, so ``start()`` and ``connect()`` throw ``INVALID_ARGUMENT`` at once,
naming the option and what it accepts), the defaults, the Python-side checks of what the runtime
receives (:func:`bridge.component.session.BridgeSession`), the TypeScript interfaces and the
README's tables. What a kind accepts is :mod:`bridge.component.optiontypes`.
"""

from __future__ import annotations

from ..frames.rules import CAPABILITIES
from .optiontypes import (MAX_TIMER_MS, Boolean, Data, Field, Function, ListOf, Nullable, Number, OneOf, Option,
                          Origin, PageValue, Record, RequestHeaders, Text)


def milliseconds(low: int = 1) -> Number:
    """A timer's delay: whole milliseconds that setTimeout honours (it fires at once above 2^31 - 1)."""
    return Number(low, MAX_TIMER_MS, integer=True, unit="milliseconds")


FRAME_RULE = Record((
    Field("origin", Origin(regexp=True), "string | RegExp", required=True,
          doc="The frame's exact origin, written as a frame's origin is (without its scheme's default port :443 or "
              ":80, which is refused as never matching), \"null\" for sandboxed frames, or a RegExp anchored with ^ "
              "and $ (no flags) that must match the whole origin."),
    Field("allow", ListOf(OneOf(tuple(sorted(CAPABILITIES))), max_items=len(CAPABILITIES)), "string[]", default=[],
          doc="What the frame may do: component method names, dispositionCall, closeTab."),
    Field("events", Boolean(), "boolean", default=False, doc="Whether the frame may receive state, status and call events."),
), noun="a frame rule")

UCONTACT = Record((
    Field("onDisposition", Nullable(Function("a function (disposition) => unknown")),
          "((disposition: UContactDisposition) => unknown) | null",
          doc="Carries out DISPOSITION_CALL when the page has no UC_DispositionCall (may return a promise)."),
    Field("onCloseTab", Nullable(Function("a function () => unknown")), "(() => unknown) | null",
          doc="Carries out CLOSE_TAB when the page has no closeActiveTab()."),
), noun="an object of handlers")

SSO = Record((
    Field("tokenUrl", Text(url=True, same_origin=True), "string", required=True,
          doc="The CRM's token endpoint on the page's own origin: POSTed with the CRM's session cookie."),
    Field("provider", Text(), "string", required=True, doc="The name the component shows for the CRM (sso()'s provider)."),
    Field("retries", Number(0, 5, integer=True), "number", default=2,
          doc="Further attempts after a failed one (not after 401/403: nobody is signed in to the CRM)."),
    Field("timeout", milliseconds(), "number", default=10000,
          doc="Milliseconds one token request may take before it counts as failed."),
    Field("headers", Nullable(RequestHeaders()), "Record<string, string> | null",
          doc="Extra headers of the token request, name -> value: the CSRF token the CRM's framework wants on a "
              "script's POST (Django's X-CSRFToken, Rails' X-CSRF-Token). Taken as they are at start(); "
              "Content-Type stays the bridge's. The values are never logged nor put in an error message."),
), noun="an object")

PAGE_OPTIONS: tuple[Option, ...] = (
    Option("baseUrl", Nullable(Text(url=True)), None,
           "URL of the dist/ folder (runtime, Pyodide, wheel). Required when the script is imported as a module "
           "without agent-bridge.mjs.",
           "string", "the folder agent-bridge.js was loaded from"),
    Option("runtime", OneOf(("worker", "main")), "worker",
           'Where Python runs: a module Web Worker, or "main" for pages that cannot start workers (the page freezes '
           "while it boots).",
           '"worker" | "main"'),
    Option("callTimeout", milliseconds(), 10000,
           "Milliseconds a call may take, from leaving the queue to the component's answer, before it rejects with "
           "TIMEOUT.",
           "number"),
    Option("bootTimeout", milliseconds(), 60000,
           "Milliseconds the runtime may take to start before queued calls reject with BOOT_FAILED.",
           "number"),
    Option("queueLimit", Number(1, 1_000_000, integer=True), 1000,
           "Calls and frame messages that may wait for the runtime; more are refused at once with QUEUE_FULL "
           "(component callbacks are never dropped).",
           "number"),
    Option("stateGating", Boolean(), True,
           "Refuse calls the component's state does not allow (INVALID_STATE) before they reach it.",
           "boolean"),
    Option("frames", ListOf(FRAME_RULE, max_items=100), [],
           "Iframes allowed to talk to the bridge, each {origin, allow, events} (see FrameRule). By default no frame "
           "may do anything.",
           "FrameRule[]", "[] (no frame may do anything)"),
    Option("frameRate", Number(0, 10_000, exclusive_min=True, unit="messages per second"), 20,
           "Messages per second one frame origin may send (twice that in a burst), counted on the page before they "
           "reach the runtime. Over it, the first message is answered RATE_LIMITED and the rest are dropped "
           "unanswered until one is let through again (a frame SDK call dropped so rejects with TIMEOUT).",
           "number"),
    Option("apiOrigins", ListOf(Origin(opaque=False), max_items=10), [],
           "Origins of REST APIs the runtime's Python may call once it is up (a XUC server, for a CTI agent's own "
           "token), each exact: scheme, host, optional port. Requests there go without credentials (no cookies, "
           "credentials: \"omit\") and fail on a redirect (redirect: \"error\": it could lead elsewhere); the "
           "API must answer CORS for this page's origin. Applies to the worker runtime, whose fetch is the "
           "bridge's own; with runtime \"main\" Python fetches as the page does.",
           "string[]", "[] (no API: the worker fetches the build's files only)"),
    Option("ucontact", Nullable(UCONTACT), None,
           "Handlers for uContact DISPOSITION_CALL and CLOSE_TAB when the page has no UC_DispositionCall / "
           "closeActiveTab.",
           "UContactHandlers | null"),
    Option("sso", Nullable(SSO), None,
           "Single sign-on: at the component's first onCredentials of the page (and at bridge.signOn()), POST to "
           "tokenUrl, then sso(username, token, provider); at most one attempt at a time, each token request "
           "bounded by timeout, retries bounding the attempts; on failure an SSO_FAILED error event, a notification "
           "in the login form, and password login stays available.",
           "SsoOptions | null", "null (no single sign-on)"),
    Option("debug", Boolean(), False,
           "Say on the console (console.warn) why each frame message was dropped (\"origin X matched no rule\", "
           "not a frame of this page, over frameRate) and which frame rules can never match. Nothing more reaches "
           "the frame.",
           "boolean"),
    Option("operator", Function("a function returning the component"), None,
           "Returns the component object to call, looked up at each call.",
           "() => object | undefined", "() => window.ucsOperator"),
)

FRAME_SDK_OPTIONS: tuple[Option, ...] = (
    Option("parentOrigin", Origin(opaque=False), None,
           "The CRM page's exact origin (never \"*\": the hello carries a private channel). Required.",
           "string", "none: required", required=True),
    Option("timeout", milliseconds(0), 5000,
           "Milliseconds connect() keeps saying hello before it rejects with CONNECTION_TIMEOUT (0: keep trying).",
           "number"),
    Option("callTimeout", milliseconds(), 10000,
           "Milliseconds a call may take before it rejects with TIMEOUT.",
           "number"),
    Option("retry", Number(10, 60_000, integer=True, unit="milliseconds"), 500,
           "Milliseconds between hellos while the parent's bridge is not answering yet.",
           "number"),
    Option("confirmTimeout", milliseconds(0), 3000,
           "Milliseconds dispositionCall()/closeTab() wait for the parent's answer before resolving "
           "{confirmed: false} (a uContact console does not answer).",
           "number"),
)

SIMULATOR_OPTIONS: tuple[Option, ...] = (
    Option("callbacks", Nullable(PageValue("an object of callbacks (bridge.callbacks)")), None,
           "The callbacks the simulator calls, as the component would (the testing kit wires bridge.callbacks).",
           "object | null"),
    Option("target", Nullable(PageValue("the object to install ucsOperator on")), None,
           "Where window.ucsOperator is put.", "object | null", "window"),
    Option("users", Nullable(Data("an object {username: {password, status?, queues?}} with at least one user")), None,
           "The agents who may log in.", "Record<string, object> | null",
           "one user agent / demo, in queues 5 (incoming) and 7 (outgoing)"),
    Option("identifiers", ListOf(Text(), max_items=100), ["SIP/1001", "SIP/1002"],
           "The phones selectIdentifier accepts.", "string[]"),
    Option("ssoSecret", Nullable(Text()), None,
           "The preshared secret sso() tokens are checked with (tests only: a page never holds it).", "string | null"),
    Option("ssoVerify", Nullable(Function("a function (username, token) => Promise<null | reason>")), None,
           "Ours: asks a verifier (the demo's server, as a real component asks the UCS server) instead of holding "
           "the secret; give ssoSecret or ssoVerify, not both.",
           "((username: string, token: string) => Promise<string | null>) | null"),
    Option("ssoMaxAge", Number(0, 86_400, unit="seconds"), 300, "How old an sso() token may be.", "number"),
    Option("delay", Number(0, 60_000, unit="milliseconds"), 0,
           "Milliseconds before asynchronous transitions (login, provision...).", "number"),
    Option("version", Text(), "6.18.0", "The component version; methods newer than it are not installed.", "string"),
    Option("acwAfterCall", Boolean(), True, "Whether the agent goes to ACW after a call.", "boolean"),
    Option("countryCode", Text(), "44",
           "Ours: 1 to 3 digits, for the E.164 (*_number_norm) fields of national numbers.", "string"),
    Option("callbackSet", OneOf(("all", "documented")), "all",
           'Ours: "documented" calls only the callbacks the vendor document names (onConnect, onCredentials, '
           "onReady), as the vendor's real component may.",
           '"all" | "documented"'),
)

# What @pytest.mark.ucs(...) may set: the JSON ones (the kit wires callbacks and target itself).
SIMULATOR_KIT_OPTIONS = {o.name: o for o in SIMULATOR_OPTIONS
                         if not isinstance(getattr(o.kind, "of", o.kind), (PageValue, Function))}

PAGE_OPTIONS_BY_NAME = {o.name: o for o in PAGE_OPTIONS}

# The sub-options, by the TypeScript interface they become (agent-bridge.d.ts, the README).
RECORDS = {"FrameRule": ("config.frames[]", FRAME_RULE), "SsoOptions": ("config.sso", SSO),
           "UContactHandlers": ("config.ucontact", UCONTACT)}
