// The frame SDK: a form or widget inside the CRM page, on another origin, talks to the bridge
// of its parent. connect() sends a hello to the parent's exact origin with one end of a
// private MessageChannel; once the bridge welcomes it, calls and events use that channel only.
// dispositionCall() and closeTab() post uContact's own CrossDomain shapes to the parent, so a
// form written with this SDK also works inside a real uContact console.
//
// build.py bundles this module and its imports into the classic script dist/agent-bridge-frame.js,
// with ./constants.js generated from the Python declarations (bridge/build/codegen.py).
import { Connection } from "./connection.js";
import { CODES, METHODS, VERSION } from "./constants.js";
import { AgentBridgeError } from "../shared/error.js";
import { postUContact } from "./ucontact.js";

METHODS.forEach(function (name) {
  Connection.prototype[name] = function () { return this._call(name, arguments); };
});

globalThis.AgentBridgeFrame = {
  version: VERSION,
  Error: AgentBridgeError,
  codes: CODES,
  connect: function (options) {
    var connection = new Connection(options);
    return connection._handshake(connection._o.timeout).catch(function (error) { connection.destroy(); throw error; });
  },
  dispositionCall: function (disposition, options) { return postUContact(options, { action: "DISPOSITION_CALL", disposition: disposition }); },
  closeTab: function (options) { return postUContact(options, { action: "CLOSE_TAB" }); },
};
