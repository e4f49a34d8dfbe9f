// AgentBridgeFrame's options, and the one check every message from the parent passes.
import { AgentBridgeError } from "./errors.js";

var G = globalThis;
var DEFAULTS = { parentOrigin: null, timeout: 5000, callTimeout: 10000, retry: 500, confirmTimeout: 3000 };

function checkOptions(options) {
  var out = Object.assign({}, DEFAULTS);
  Object.keys(options || {}).forEach(function (key) {
    if (!(key in DEFAULTS)) throw new AgentBridgeError("INVALID_ARGUMENT", "unknown option " + JSON.stringify(key));
    out[key] = options[key];
  });
  // Never "*": the hello carries a channel, and only the CRM page may receive it.
  if (typeof out.parentOrigin !== "string" || !/^https?:\/\/[^/*]+$/.test(out.parentOrigin)) {
    throw new AgentBridgeError("INVALID_ARGUMENT", "parentOrigin must be the CRM page's exact origin, e.g. https://crm.example.com");
  }
  return out;
}

function fromParent(event, origin) {
  return event.source === G.parent && event.origin === origin;
}

export { checkOptions, fromParent };
