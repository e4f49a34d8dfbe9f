// AgentBridge.start(config): every option filled in from its default and checked.
import { OPTION_DEFAULTS } from "./constants.js";
import { fail } from "./errors.js";

var G = globalThis;
// The component is looked up at each call: it may load after the bridge, or be replaced.
var DEFAULTS = Object.assign({}, OPTION_DEFAULTS, { operator: function () { return G.ucsOperator; } });
// Read while the script runs: document.currentScript is null once it has.
var script = /** @type {HTMLScriptElement | null} */ (G.document && G.document.currentScript);
var scriptBase = script && script.src ? new URL(".", script.src).href : null;

// defaultBase: AgentBridge.defaultBaseUrl (agent-bridge.mjs sets it from import.meta.url).
function checkConfig(config, defaultBase) {
  if (config == null) config = {};
  if (typeof config !== "object") throw fail("INVALID_ARGUMENT", "AgentBridge.start(config): config must be an object");
  var out = {};
  Object.keys(DEFAULTS).forEach(function (key) { out[key] = DEFAULTS[key]; });
  Object.keys(config).forEach(function (key) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULTS, key)) throw fail("INVALID_ARGUMENT", "unknown config option " + JSON.stringify(key));
    if (config[key] !== undefined) out[key] = config[key];
  });
  ["callTimeout", "bootTimeout", "queueLimit"].forEach(function (key) {
    if (typeof out[key] !== "number" || !(out[key] > 0)) throw fail("INVALID_ARGUMENT", "config." + key + " must be a positive number");
  });
  if (out.runtime !== "worker" && out.runtime !== "main") throw fail("INVALID_ARGUMENT", 'config.runtime must be "worker" or "main"');
  if (typeof out.operator !== "function") throw fail("INVALID_ARGUMENT", "config.operator must be a function returning the component");
  if (typeof out.stateGating !== "boolean") throw fail("INVALID_ARGUMENT", "config.stateGating must be true or false");
  if (!Array.isArray(out.frames)) throw fail("INVALID_ARGUMENT", "config.frames must be a list");
  if (out.sso !== null) {
    var sso = out.sso;
    if (typeof sso !== "object" || typeof sso.tokenUrl !== "string" || !sso.tokenUrl || typeof sso.provider !== "string" || !sso.provider) {
      throw fail("INVALID_ARGUMENT", "config.sso must be {tokenUrl, provider} with both non-empty strings");
    }
    var retries = sso.retries === undefined ? 2 : sso.retries;
    if (!Number.isInteger(retries) || retries < 0 || retries > 5) throw fail("INVALID_ARGUMENT", "config.sso.retries must be an integer from 0 to 5");
    out.sso = { tokenUrl: new URL(sso.tokenUrl, G.location && G.location.href).href, provider: sso.provider, retries: retries };
  }
  if (out.ucontact !== null && typeof out.ucontact !== "object") throw fail("INVALID_ARGUMENT", "config.ucontact must be an object of handlers");
  var base = out.baseUrl || defaultBase || scriptBase;
  if (!base) throw fail("INVALID_ARGUMENT", "config.baseUrl is required when agent-bridge.js is not loaded by a <script> tag");
  out.baseUrl = new URL(base, G.location && G.location.href).href.replace(/\/?$/, "/");
  return out;
}

export { checkConfig };
