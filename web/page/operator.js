import { METHODS } from "./constants.js";
import { fail, operatorError } from "./errors.js";

var METHOD_NAMES = new Set(METHODS.map(function (m) { return m[0]; }));

// Call the component, on the main thread where it lives. The method name comes from the
// runtime but is checked against the generated list before any property is read.
function callOperator(bridge, method, args, omitted) {
  if (!METHOD_NAMES.has(method)) return Promise.reject(fail("PROTOCOL_ERROR", "unknown method " + method));
  var operator;
  try { operator = bridge._config.operator(); } catch (e) { operator = null; }
  if (!operator || typeof operator[method] !== "function") {
    return Promise.reject(fail("OPERATOR_MISSING", operator ? "the component has no method " + method + " (an older version?)" : "window.ucsOperator is not there (is the component loaded?)", method));
  }
  args = args.slice();
  omitted.forEach(function (i) { args[i] = undefined; });
  try {
    return Promise.resolve(operator[method].apply(operator, args)).catch(function (e) { throw operatorError(e, method); });
  } catch (e) {
    return Promise.reject(operatorError(e, method));
  }
}

export { callOperator };
