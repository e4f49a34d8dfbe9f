// One connection to the parent's bridge: the handshake, the private channel, calls, events
// and reconnecting after the parent's bridge is replaced.
import { FRAME_PROTOCOL, SDK_MARKER } from "./constants.js";
import { AgentBridgeError, fail } from "../shared/error.js";
import { remoteError } from "./remote-error.js";
import { checkOptions, fromParent } from "./options.js";
import { REPLY_ID_FIELD, answers, newReplyId } from "./reply-id.js";
import { postUContact } from "./ucontact.js";

var G = globalThis;

class Connection {
  constructor(options) {
    this._o = checkOptions(options);
    this._pending = new Map();
    this._listeners = new Map();
    this._nextId = 1;
    this._port = null;
    this._destroyed = false;
    this._refuse = null;  // while a handshake is under way: rejects it with the parent's refusal
    this._helloId = null; // the agentBridgeId of that handshake's hellos
    this._subscribed = false;
    this.capabilities = [];
    this.events = false;
    this.connected = false;
    var self = this;
    this._onWindow = function (event) {
      // A refusal of the hello comes back to this window (there is no channel yet), among the
      // messages of any other script in the frame: only one naming our hello counts.
      if (!self._refuse || !fromParent(event, self._o.parentOrigin) || !answers(event.data, self._helloId)) return;
      if (event.data[SDK_MARKER] === "refused") self._refuse(event.data.error);
    };
    G.addEventListener("message", this._onWindow);
  }

  // Say hello until welcomed (a parent that is still starting answers later), or give up.
  _handshake(limit) {
    var self = this;
    return new Promise(function (resolve, reject) {
      var deadline = limit ? setTimeout(function () { finish(); reject(new AgentBridgeError("CONNECTION_TIMEOUT", "no agent-bridge answered at " + self._o.parentOrigin + " within " + limit + " ms")); }, limit) : null;
      var retry = null;
      function finish() { clearTimeout(deadline); clearTimeout(retry); self._refuse = null; self._helloId = null; }
      self._refuse = function (error) { finish(); reject(remoteError(error)); };
      self._helloId = newReplyId();
      var hello = { version: FRAME_PROTOCOL };
      hello[SDK_MARKER] = "hello";
      hello[REPLY_ID_FIELD] = self._helloId;
      (function sayHello() {
        if (self._destroyed) return finish();
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          if (!event.data || event.data.t !== "welcome") return;
          finish();
          self._bind(channel.port1, event.data);
          resolve(self);
        };
        G.parent.postMessage(hello, self._o.parentOrigin, [channel.port2]);
        retry = setTimeout(function () { channel.port1.close(); sayHello(); }, self._o.retry);
      })();
    });
  }

  _bind(port, welcome) {
    var self = this;
    if (this._port) this._port.close();
    this._port = port;
    this.capabilities = welcome.capabilities;
    this.events = welcome.events;
    this.connected = true;
    port.onmessage = function (event) { self._receive(event.data); };
    if (this._subscribed) port.postMessage({ t: "subscribe" });
    this._emit("connected", { capabilities: welcome.capabilities });
  }

  _receive(message) {
    if (!message) return;
    if (message.t === "result" && message.id != null) {
      var entry = this._pending.get(message.id);
      if (!entry) return;
      this._pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.ok === true) entry.resolve(message.value);
      else entry.reject(remoteError(message.error));
    } else if (message.t === "event") {
      this._emit(message.name, message.detail);
    } else if (message.t === "result" && message.ok !== true) {
      var error = remoteError(message.error);
      this._emit("error", { code: error.code, message: error.message });
    } else if (message.t === "bye") {
      // The parent's bridge was destroyed or failed: settle everything with its reason, then
      // say hello until a bridge welcomes us. A bridge that refuses says why in an error
      // event, and the SDK stops asking (connect() again to retry).
      var self = this;
      var code = typeof message.code === "string" ? message.code : "DESTROYED";
      var reason = typeof message.message === "string" ? message.message : "the parent's bridge was destroyed";
      this.connected = false;
      this._port.close();
      this._port = null;
      this._rejectAll(code, reason);
      this._emit("disconnected", { code: code, message: reason });
      this._handshake(0).catch(function (e) { self._emit("error", { code: e.code, message: e.message }); });
    }
  }

  _rejectAll(code, message) {
    var pending = this._pending;
    this._pending = new Map();
    pending.forEach(function (entry) { clearTimeout(entry.timer); entry.reject(fail(code, message, entry.method)); });
  }

  _call(method, args) {
    if (this._destroyed) return Promise.reject(fail("DESTROYED", "the connection was destroyed", method));
    if (!this._port) return Promise.reject(fail("CONNECTION_TIMEOUT", "not connected to the parent's bridge", method));
    var list = Array.prototype.slice.call(args), omitted = [], self = this, id = this._nextId++;
    while (list.length && list[list.length - 1] === undefined) list.pop();
    list = list.map(function (value, i) { if (value === undefined) { omitted.push(i); return null; } return value; });
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        self._pending.delete(id);
        reject(fail("TIMEOUT", "no answer within " + self._o.callTimeout + " ms", method));
      }, self._o.callTimeout);
      self._pending.set(id, { method: method, resolve: resolve, reject: reject, timer: timer });
      try {
        self._port.postMessage({ t: "call", id: id, method: method, args: list, omitted: omitted });
      } catch (e) {
        self._pending.delete(id);
        clearTimeout(timer);
        reject(fail("INVALID_ARGUMENT", "arguments must be plain data (" + e.message + ")", method));
      }
    });
  }

  on(name, listener) {
    if (!this._listeners.has(name)) this._listeners.set(name, new Set());
    this._listeners.get(name).add(listener);
    if (name !== "connected" && name !== "disconnected" && name !== "error" && !this._subscribed) {
      this._subscribed = true;
      if (this._port) this._port.postMessage({ t: "subscribe" });
    }
    var self = this;
    return function () { self._listeners.get(name).delete(listener); };
  }

  _emit(name, detail) {
    var set = this._listeners.get(name);
    if (set) set.forEach(function (listener) { try { listener(detail); } catch (e) { setTimeout(function () { throw e; }); } });
  }

  dispositionCall(disposition) {
    return postUContact({ parentOrigin: this._o.parentOrigin, confirmTimeout: this._o.confirmTimeout }, { action: "DISPOSITION_CALL", disposition: disposition });
  }

  closeTab() {
    return postUContact({ parentOrigin: this._o.parentOrigin, confirmTimeout: this._o.confirmTimeout }, { action: "CLOSE_TAB" });
  }

  destroy() {
    if (this._destroyed) return;
    this._destroyed = true;
    this.connected = false;
    G.removeEventListener("message", this._onWindow);
    if (this._port) this._port.close();
    this._rejectAll("DESTROYED", "the connection was destroyed");
  }
}

export { Connection };
