// The one error type of the page shim and the frame SDK: every rejected promise and every
// thrown error carries one of the codes in bridge/errors.py (AgentBridge.codes,
// AgentBridgeFrame.codes). Both bundles include this module, so a page that loads both scripts
// (a CRM page that is itself framed, a test page) would get two classes of one name and an
// `instanceof` that lies. The first script to run registers its class on globalThis; the second
// adopts it, so AgentBridge.Error === AgentBridgeFrame.Error.
//
// Two different versions on one page: the key names the class's contract (the constructor's
// arguments and the fields name, code, method, cause), not the package version. Versions with
// the same contract share one class whichever loaded first; a version that changes the
// contract bumps the number and gets a class of its own, rather than build its errors with a
// constructor it does not know.
var KEY = Symbol.for("agent-bridge.Error.v1");

class LocalAgentBridgeError extends Error {
  constructor(code, message, method) {
    super(message);
    this.name = "AgentBridgeError";
    this.code = code;
    if (method) this.method = method;
  }
}

function adopt() {
  var registered = globalThis[KEY];
  // Only a class that builds Errors is adopted: anything else under the key is left alone.
  if (typeof registered === "function" && registered.prototype instanceof Error) return registered;
  try {
    // Not writable, not configurable: a later script cannot swap the class under the first's errors.
    Object.defineProperty(globalThis, KEY, { value: LocalAgentBridgeError, writable: false, configurable: false });
  } catch (e) {
    // Something else holds the key for good: this script keeps a class of its own.
  }
  return LocalAgentBridgeError;
}

/** @type {typeof LocalAgentBridgeError} */
var AgentBridgeError = adopt();

// An error from a method call: the method's name leads the message (the constructor never
// adds it, so errors passed on from the runtime or the parent keep their message as it came).
function fail(code, message, method) {
  return new AgentBridgeError(code, method ? method + ": " + message : message, method);
}

export { AgentBridgeError, fail };
