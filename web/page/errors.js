// The one error type of the page API: every rejected promise carries one of the codes in
// bridge/errors.py (AgentBridge.codes).

class AgentBridgeError extends Error {
  constructor(code, message, method) {
    super(message);
    this.name = "AgentBridgeError";
    this.code = code;
    if (method) this.method = method;
  }
}

function fail(code, message, method) {
  return new AgentBridgeError(code, method ? method + ": " + message : message, method);
}

function operatorError(e, method) {
  var error = fail("OPERATOR_ERROR", e && e.message ? e.message : String(e), method);
  error.cause = e;
  return error;
}

export { AgentBridgeError, fail, operatorError };
