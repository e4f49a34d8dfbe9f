// One bridge: the queue, the promises and their timers, the events, the lifecycle (booting,
// ready, failed, destroyed). What it is allowed to do is decided by the runtime.
import { makeCallbacks } from "./callbacks.js";
import { checkConfig } from "./config.js";
import { AgentBridgeError, fail } from "./errors.js";
import { isPlainData, toData } from "./data.js";
import { makeFrameGate } from "./frame-gate.js";
import { callOperator } from "./operator.js";
import { makeSignOn } from "./sso.js";
import { startTransport } from "./transport.js";

class Bridge {
  constructor(config, defaultBase) {
    var self = this;
    this._config = checkConfig(config, defaultBase);
    this._pending = new Map();  // id -> {method, resolve, reject, timer}
    this._queue = [];           // messages waiting for the runtime
    this._queuedCallbacks = 0;  // how many of them are component callbacks
    this._callbacksSent = 0;    // callbacks relayed (callbacks.js counts each once): places a component call among them
    this._listeners = new Map();
    this._nextId = 1;
    this._phase = "booting";    // booting | ready | failed | destroyed
    this._bootError = null;
    this._transport = null;     // {post, close} once startTransport has started the runtime
    this._settleReady = null;   // [resolve, reject] of this.ready
    this.snapshot = { state: "LOADING", status: null, user: null, calls: [] };
    this.ready = new Promise(function (resolve, reject) { self._settleReady = [resolve, reject]; });
    this.ready.catch(function () {});  // a page that never awaits ready still gets error events
    this._signOn = this._config.sso ? makeSignOn(this) : null;  // single sign-on, when configured
    this.callbacks = makeCallbacks(this);
    this._frames = makeFrameGate(this);
    this._bootTimer = setTimeout(function () {
      self._failBoot("the runtime did not start within " + self._config.bootTimeout + " ms");
    }, this._config.bootTimeout);
    startTransport(this).catch(function (e) { self._failBoot(e && e.message || String(e)); });
  }

  on(name, listener) {
    if (typeof listener !== "function") throw fail("INVALID_ARGUMENT", "bridge.on(" + JSON.stringify(name) + ", listener): listener must be a function");
    if (!this._listeners.has(name)) this._listeners.set(name, new Set());
    this._listeners.get(name).add(listener);
    var self = this;
    return function () { self.off(name, listener); };
  }

  off(name, listener) {
    var set = this._listeners.get(name);
    if (set) set.delete(listener);
  }

  // Single sign-on now (config.sso): when the component shows its login form, or at its next
  // onCredentials. Resolves once sso() resolved; rejects SSO_FAILED (after the error event and
  // the notification, as an automatic attempt does), INVALID_STATE or DESTROYED.
  signOn() {
    if (this._phase === "destroyed") return Promise.reject(fail("DESTROYED", "the bridge was destroyed", "signOn"));
    if (!this._signOn) return Promise.reject(fail("INVALID_ARGUMENT", "config.sso is not set", "signOn"));
    return this._signOn.signOn();
  }

  destroy() {
    if (this._phase === "destroyed") return;
    this._phase = "destroyed";
    if (this._signOn) this._signOn.close();
    clearTimeout(this._bootTimer);
    if (this._transport) this._transport.close();
    // Queued frame messages are answered while the frame gate still knows their frames.
    this._rejectAll("DESTROYED", "the bridge was destroyed");
    this._frames.close();
    this._settleReady[1](fail("DESTROYED", "the bridge was destroyed"));
    this._listeners.clear();
  }

  _emit(name, detail) {
    var set = this._listeners.get(name);
    if (!set) return;
    Array.from(set).forEach(function (listener) {
      // A listener that throws must not stop the others or the bridge; its error still
      // reaches the console (and window.onerror) as an uncaught error of its own.
      try { listener(detail); } catch (e) { setTimeout(function () { throw e; }); }
    });
  }

  _call(method, args) {
    var list = Array.prototype.slice.call(args);
    while (list.length && list[list.length - 1] === undefined) list.pop();
    var stopped = this._stopped();
    if (stopped) return Promise.reject(fail(stopped[0], stopped[1], method));
    var omitted = [];
    var data = [];
    for (var i = 0; i < list.length; i++) {
      if (list[i] === undefined) { omitted.push(i); data.push(null); continue; }
      if (!isPlainData(list[i], 0)) return Promise.reject(fail("INVALID_ARGUMENT", "argument " + (i + 1) + " is not plain JSON data (no functions, DOM nodes, class instances, cycles, NaN)", method));
      data.push(list[i]);
    }
    if (this._phase === "booting" && this._queueFull()) {
      return Promise.reject(fail("QUEUE_FULL", this._config.queueLimit + " calls are already waiting for the bridge to be ready", method));
    }
    var self = this;
    var id = this._nextId++;
    return new Promise(function (resolve, reject) {
      self._pending.set(id, { method: method, resolve: resolve, reject: reject, timer: null });
      self._send({ t: "call", id: id, method: method, args: data, omitted: omitted });
    });
  }

  // [code, reason] once the bridge can answer nothing more (destroyed, failed), else null:
  // what a page call or a frame message is refused with then.
  _stopped() {
    if (this._phase === "destroyed") return ["DESTROYED", "the bridge was destroyed"];
    if (this._phase === "failed") return [this.version ? "RUNTIME_FAILED" : "BOOT_FAILED", this._bootError];
    return null;
  }

  // Calls and frame messages waiting for the runtime, counted against config.queueLimit.
  // Component callbacks wait in the same queue (so the mirror sees everything in the order it
  // happened) but are never refused and take no call's place.
  _queueFull() {
    return this._queue.length - this._queuedCallbacks >= this._config.queueLimit;
  }

  _send(message) {
    if (this._phase === "booting") {
      if (message.t === "callback") this._queuedCallbacks++;
      return void this._queue.push(message);
    }
    if (this._phase !== "ready") return;
    if (message.t === "call") this._startTimer(message.id);
    try {
      this._transport.post(JSON.stringify(message));
    } catch (e) {
      // On the main thread Python runs inside post(): its crash surfaces here.
      this._failRuntime("the runtime failed: " + (e && e.message || e));
    }
  }

  _startTimer(id) {
    var self = this;
    var entry = this._pending.get(id);
    if (!entry) return;
    entry.timer = setTimeout(function () {
      self._settle(id, false, fail("TIMEOUT", "no answer within " + self._config.callTimeout + " ms", entry.method));
    }, this._config.callTimeout);
  }

  _settle(id, ok, value) {
    var entry = this._pending.get(id);
    if (!entry) return;  // already settled (e.g. timed out before the component answered)
    this._pending.delete(id);
    clearTimeout(entry.timer);
    (ok ? entry.resolve : entry.reject)(value);
  }

  // Nothing asked will be answered by the runtime: settle the queue, the pending calls and
  // the connected frames' calls (a bye) with one code.
  _rejectAll(code, message) {
    var self = this;
    var queued = this._queue;
    this._queue = [];
    queued.forEach(function (m) { if (m.t === "frame") self._frames.refuse(m, code, message); });
    Array.from(this._pending.keys()).forEach(function (id) {
      self._settle(id, false, fail(code, message, self._pending.get(id).method));
    });
    this._frames.disconnect(code, message);
  }

  _failBoot(reason) {
    if (this._phase !== "booting") return;
    this._phase = "failed";
    this._bootError = reason;
    clearTimeout(this._bootTimer);
    if (this._transport) this._transport.close();
    this._rejectAll("BOOT_FAILED", reason);
    this._settleReady[1](fail("BOOT_FAILED", reason));
    this._emit("error", { code: "BOOT_FAILED", message: reason });
  }

  // The runtime stopped working after it started (a worker error, a crash in Python on the
  // main thread): nothing it was asked will be answered, so settle everything now.
  _failRuntime(reason) {
    if (this._phase === "booting") return this._failBoot(reason);
    if (this._phase !== "ready") return;
    this._phase = "failed";
    this._bootError = reason;
    this._transport.close();
    this._rejectAll("RUNTIME_FAILED", reason);
    this._settleReady[1](fail("RUNTIME_FAILED", reason));
    this._emit("error", { code: "RUNTIME_FAILED", message: reason });
  }

  _receive(text) {
    if (this._phase === "destroyed" || this._phase === "failed") return;
    var messages;
    try { messages = JSON.parse(text); } catch (e) { return; }
    if (!Array.isArray(messages)) return this._started(messages);
    for (var i = 0; i < messages.length; i++) this._handle(messages[i]);
  }

  _started(message) {
    if (this._phase !== "booting") return;
    if (!message || message.t !== "ready") return this._failBoot(message && message.message || "the runtime did not start");
    clearTimeout(this._bootTimer);
    this._phase = "ready";
    this.version = message.version;
    var queued = this._queue;
    this._queue = [];
    this._queuedCallbacks = 0;
    for (var i = 0; i < queued.length; i++) this._send(queued[i]);
    // ready resolves once the runtime has answered all of it: the callbacks queued before it
    // are then in bridge.snapshot. The runtime answers messages in order, so a barrier will do.
    this._send({ t: "sync" });
  }

  // The answer to the one sync _started sends.
  _synced() {
    if (this._phase !== "ready") return;
    this._settleReady[0](this);
    this._emit("ready", { version: this.version });
  }

  _handle(message) {
    if (message.t === "invoke") return this._invoke(message);
    if (message.t === "reject") {
      var entry = this._pending.get(message.id);
      // The runtime's messages already name the method.
      return this._settle(message.id, false, new AgentBridgeError(message.code, message.message, entry && entry.method));
    }
    if (message.t === "synced") return this._synced();
    if (message.t.indexOf("frame-") === 0) return this._frames.handle(message);
    if (message.t === "event") {
      if (message.snapshot) this.snapshot = message.snapshot;
      this._emit(message.name, message.detail);
      this._frames.broadcast(message.name, message.detail);
    }
  }

  // Call the component for a page call the runtime approved.
  _invoke(message) {
    var id = message.id, self = this;
    if (!this._pending.has(id)) return;
    this._callComponent(message).then(function (value) {
      self._settle(id, true, value);
    }, function (error) {
      self._settle(id, false, error);
    });
  }

  // Call the component for an invoke the runtime approved, the page's or a frame's
  // (frame-gate.js). With a ticket (report), its successful answer goes back to the runtime
  // with the number of callbacks relayed before the call: the mirror learns the states the
  // component announces with no callback (login leads to IDENTIFY...) and reads state()'s
  // object, and a callback that came after the call wins. Sent before the caller hears the
  // answer, so it reaches the runtime ahead of any call the caller makes next.
  _callComponent(message) {
    var self = this, before = this._callbacksSent;
    var called = callOperator(this, message.method, message.args, message.omitted);
    if (message.report == null) return called;
    return called.then(function (value) {
      self._send({ t: "result", report: message.report, callbacks: before, value: toData(value) });
      return value;
    });
  }
}

export { Bridge };
