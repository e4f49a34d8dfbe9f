// AgentBridgeFrame's options, checked from their declarations (bridge/component/options.py,
// FRAME_SDK_OPTIONS), and the one check every message from the parent passes.
import { OPTIONS } from "./constants.js";
import { AgentBridgeError } from "../shared/error.js";
import { checkOptions as checkDeclared } from "../shared/check-options.js";

var G = globalThis;

function fail(message) {
  return new AgentBridgeError("INVALID_ARGUMENT", message);
}

// parentOrigin is an exact origin, never "*": the hello carries a channel, and only the CRM
// page may receive it.
function checkOptions(options) {
  if (options != null && typeof options !== "object") throw fail("AgentBridgeFrame: options must be an object");
  return checkDeclared(OPTIONS, options, { where: "options", noun: "option", fail: fail });
}

function fromParent(event, origin) {
  return event.source === G.parent && event.origin === origin;
}

export { checkOptions, fromParent };
