// AgentBridge.start(config): every option checked at once, from its declaration in
// bridge/component/options.py (web/shared/check-options.js), and filled in from its default.
import { OPTIONS } from "./constants.js";
import { fail } from "./errors.js";
import { checkOptions } from "../shared/check-options.js";

var G = globalThis;
// The component is looked up at each call: it may load after the bridge, or be replaced.
var FUNCTION_DEFAULTS = { operator: function () { return G.ucsOperator; } };
// Read while the script runs: document.currentScript is null once it has.
var script = /** @type {HTMLScriptElement | null} */ (G.document && G.document.currentScript);
var scriptBase = script && script.src ? new URL(".", script.src).href : null;

// defaultBase: AgentBridge.defaultBaseUrl (agent-bridge.mjs sets it from import.meta.url).
function checkConfig(config, defaultBase) {
  if (config != null && typeof config !== "object") throw fail("INVALID_ARGUMENT", "AgentBridge.start(config): config must be an object");
  var page = G.location && G.location.href;
  var out = checkOptions(OPTIONS, config, {
    where: "config", noun: "config option", defaults: FUNCTION_DEFAULTS, base: page,
    fail: function (message) { return fail("INVALID_ARGUMENT", message); },
  });
  var base = out.baseUrl || defaultBase || scriptBase;
  if (!base) throw fail("INVALID_ARGUMENT", "config.baseUrl is required when agent-bridge.js is not loaded by a <script> tag");
  out.baseUrl = new URL(base, page).href.replace(/\/?$/, "/");
  return out;
}

export { checkConfig };
