// The frame SDK's error type: the same codes as the page's (bridge/errors.py).

class AgentBridgeError extends Error {
  constructor(code, message, method) {
    super(method ? method + ": " + message : message);
    this.name = "AgentBridgeError";
    this.code = code;
    if (method) this.method = method;
  }
}

export { AgentBridgeError };
