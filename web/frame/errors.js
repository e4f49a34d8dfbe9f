// The frame SDK's error type: the same codes as the page's (bridge/errors.py).

class AgentBridgeError extends Error {
  constructor(code, message, method) {
    super(method ? method + ": " + message : message);
    this.name = "AgentBridgeError";
    this.code = code;
    if (method) this.method = method;
  }
}

// An error as the parent's bridge sent it. A reply that says ok: false without a usable error
// still settles its promise (as PROTOCOL_ERROR) instead of throwing in the message handler.
function remoteError(error, method) {
  var code = error && typeof error.code === "string" ? error.code : "PROTOCOL_ERROR";
  var message = error && typeof error.message === "string" ? error.message : "the parent's bridge refused without saying why";
  return new AgentBridgeError(code, message, method);
}

export { AgentBridgeError, remoteError };
