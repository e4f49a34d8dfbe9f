"""The options of ``AgentBridge.start(config)``, declared once.

The shim's defaults and checks, the ``AgentBridgeConfig`` TypeScript interface and the
README's table are generated from this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    name: str
    ts: str
    default: object  # JSON data; the operator's default, a function, is the shim's (web/page/config.js)
    default_doc: str
    doc: str


PAGE_OPTIONS: tuple[Option, ...] = (
    Option("baseUrl", "string", None, "the folder agent-bridge.js was loaded from",
           "URL of the dist/ folder (runtime, Pyodide, wheel). Required when the script is imported as a module without agent-bridge.mjs."),
    Option("runtime", '"worker" | "main"', "worker", '"worker"',
           'Where Python runs: a module Web Worker, or "main" for pages that cannot start workers (the page freezes while it boots).'),
    Option("callTimeout", "number", 10000, "10000",
           "Milliseconds a call may take, from leaving the queue to the component's answer, before it rejects with TIMEOUT."),
    Option("bootTimeout", "number", 60000, "60000",
           "Milliseconds the runtime may take to start before queued calls reject with BOOT_FAILED."),
    Option("queueLimit", "number", 1000, "1000",
           "Calls and frame messages that may wait for the runtime; more are refused at once with QUEUE_FULL (component callbacks are never dropped)."),
    Option("stateGating", "boolean", True, "true",
           "Refuse calls the component's state does not allow (INVALID_STATE) before they reach it."),
    Option("frames", "FrameRule[]", (), "[] (no frame may do anything)",
           "Iframes allowed to talk to the bridge: {origin: exact origin or anchored RegExp, allow: capability names, events: boolean}. A wrong type throws from start(); a malformed origin or an unknown capability rejects ready with BOOT_FAILED naming the entry."),
    Option("frameRate", "number", 20, "20",
           "Messages per second one frame origin may send (twice that in a burst); more are answered RATE_LIMITED."),
    Option("ucontact", "{ onDisposition?: (disposition: UContactDisposition) => unknown; onCloseTab?: () => unknown }", None, "null",
           "Handlers for uContact DISPOSITION_CALL and CLOSE_TAB when the page has no UC_DispositionCall / closeActiveTab."),
    Option("sso", "{ tokenUrl: string; provider: string; retries?: number }", None, "null (no single sign-on)",
           "Single sign-on: when the component calls onCredentials, POST to tokenUrl (same origin, the CRM's session cookie), then sso(username, token, provider). retries (default 2, at most 5) bounds the attempts; on failure the component shows why and password login stays available."),
    Option("operator", "() => object | undefined", None, "() => window.ucsOperator",
           "Returns the component object to call, looked up at each call."),
)
