// The frame SDK's agentBridgeId: a token on every message it posts on the window (its hello,
// the uContact messages) that the bridge echoes in its answer. Other scripts in the frame post
// to the same parent and are answered on the same window; only the token tells ours apart.
import { REPLY_ID_FIELD } from "./constants.js";

// Random per SDK copy, so two copies loaded in one frame never take each other's answers.
var prefix = Array.prototype.map.call(globalThis.crypto.getRandomValues(new Uint32Array(2)), function (n) {
  return n.toString(36);
}).join("");
var next = 0;

function newReplyId() {
  next += 1;
  return prefix + "-" + next.toString(36);
}

// Whether a window message is the answer to the one that carried this id.
function answers(data, id) {
  return !!data && typeof data === "object" && data[REPLY_ID_FIELD] === id;
}

export { REPLY_ID_FIELD, answers, newReplyId };
