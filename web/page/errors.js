// The page shim's errors: the shared AgentBridgeError (web/shared/error.js), and the one for a
// component that threw.
import { fail } from "../shared/error.js";

function operatorError(e, method) {
  var error = fail("OPERATOR_ERROR", e && e.message ? e.message : String(e), method);
  error.cause = e;
  return error;
}

export { AgentBridgeError, fail } from "../shared/error.js";
export { operatorError };
