// The only bridge code on the CRM page's main thread: it queues calls until the Python
// runtime is up, calls the component when the runtime says so, relays the component's
// callbacks, and settles every promise exactly once. Validation, state gating and the state
// mirror are Python (bridge/), running in a Web Worker.
//
// build.py bundles this module and its imports into the classic script dist/agent-bridge.js,
// with ./constants.js generated from the Python declarations (bridge/build/codegen.py).
import { Bridge } from "./bridge.js";
import { CODES, METHODS, VERSION } from "./constants.js";
import { AgentBridgeError } from "./errors.js";

// One promise-returning method per component method, named and ordered as the component's.
METHODS.forEach(function (entry) {
  var name = entry[0];
  Object.defineProperty(Bridge.prototype, name, {
    value: function () { return this._call(name, arguments); },
    writable: true, configurable: true,
  });
});

var AgentBridge = {
  version: VERSION,
  start: function (config) { return new Bridge(config, AgentBridge.defaultBaseUrl); },
  Error: AgentBridgeError,
  codes: CODES,
  methods: METHODS.map(function (m) { return m[0]; }),
  defaultBaseUrl: null,
};
globalThis.AgentBridge = AgentBridge;
