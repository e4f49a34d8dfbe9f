// An error as the parent's bridge sent it, as the SDK's own error type. A reply that says
// ok: false without a usable error still settles its promise (as PROTOCOL_ERROR) instead of
// throwing in the message handler.
import { fail } from "../shared/error.js";

function remoteError(error, method) {
  var code = error && typeof error.code === "string" ? error.code : "PROTOCOL_ERROR";
  var message = error && typeof error.message === "string" ? error.message : "the parent's bridge refused without saying why";
  return fail(code, message, method);
}

export { remoteError };
