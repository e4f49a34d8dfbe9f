// dispositionCall() and closeTab(): uContact's own CrossDomain messages, so a form written
// with this SDK also works inside a real uContact console.
import { remoteError } from "./remote-error.js";
import { checkOptions, fromParent } from "./options.js";
import { REPLY_ID_FIELD, answers, newReplyId } from "./reply-id.js";

var G = globalThis;

// uContact's CrossDomain message, and the bridge's answer to it when the parent has one. The
// message carries an agentBridgeId (a uContact console ignores it) so that two calls under way
// at once each take their own answer.
function postUContact(options, message) {
  var o = checkOptions(options);
  var result = message.action + "_RESULT", id = newReplyId();
  message[REPLY_ID_FIELD] = id;
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { done(); resolve({ confirmed: false }); }, o.confirmTimeout);
    function done() { clearTimeout(timer); G.removeEventListener("message", onMessage); }
    function onMessage(event) {
      if (!fromParent(event, o.parentOrigin) || !answers(event.data, id) || event.data.action !== result) return;
      done();
      if (event.data.ok === true) resolve({ confirmed: true });
      else reject(remoteError(event.data.error, message.action));
    }
    G.addEventListener("message", onMessage);
    G.parent.postMessage(message, o.parentOrigin);
  });
}

export { postUContact };
