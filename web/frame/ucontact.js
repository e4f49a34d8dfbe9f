// dispositionCall() and closeTab(): uContact's own CrossDomain messages, so a form written
// with this SDK also works inside a real uContact console.
import { fail } from "../shared/error.js";
import { checkOptions, fromParent } from "./options.js";

var G = globalThis;

// uContact's CrossDomain message, and the bridge's answer to it when the parent has one.
function postUContact(options, message) {
  var o = checkOptions(options);
  var result = message.action + "_RESULT";
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { done(); resolve({ confirmed: false }); }, o.confirmTimeout);
    function done() { clearTimeout(timer); G.removeEventListener("message", onMessage); }
    function onMessage(event) {
      if (!fromParent(event, o.parentOrigin) || !event.data || event.data.action !== result) return;
      done();
      if (event.data.ok) resolve({ confirmed: true });
      else reject(fail(event.data.error.code, event.data.error.message, message.action));
    }
    G.addEventListener("message", onMessage);
    G.parent.postMessage(message, o.parentOrigin);
  });
}

export { postUContact };
