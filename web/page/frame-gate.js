// The page side of CRM iframes: the first check of every message, and carrying out what the
// runtime decided.
import { CODES, FRAME_PROTOCOL, REPLY_ID, REPLY_ID_FIELD, SDK_MARKER, UCONTACT_ACTIONS } from "./constants.js";
import { callOperator } from "./operator.js";
import { isPlainData, toData } from "./data.js";
import { AgentBridgeError, fail, operatorError } from "./errors.js";
import { readFrameRules, unreachableRules } from "./frame-rules.js";
import { makeRateLimiter } from "./rate-limit.js";

var G = globalThis;
var REPLY_ID_PATTERN = new RegExp("^(?:" + REPLY_ID + ")$");
var own = Object.prototype.hasOwnProperty;

// Only uContact's actions and the frame SDK's messages are the bridge's. Other libraries
// (Penpal, a widget's own postMessage) share the window: an answer to their messages would
// reach whoever listens in that frame and could be taken for theirs, so they get none.
function isBridgeMessage(data) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  return own.call(data, SDK_MARKER) || (own.call(data, "action") && UCONTACT_ACTIONS.indexOf(data.action) >= 0);
}

// The answer to a window message that is not carried out, in the shape its sender waits for
// (the runtime builds the same for its refusals: _window_refusal in bridge/component/session.py),
// with the frame SDK's agentBridgeId when the message had a well-formed one.
function refusalOf(data, error) {
  var out = {};
  if (own.call(data, SDK_MARKER)) out[SDK_MARKER] = "refused";
  else { out.action = data.action + "_RESULT"; out.ok = false; }
  out.error = error;
  var id = data[REPLY_ID_FIELD];
  if (typeof id === "string" && REPLY_ID_PATTERN.test(id)) out[REPLY_ID_FIELD] = id;
  return out;
}

// uContact's errorCallback gets whatever the console's request failed with, often an object
// with no message: show its data rather than "[object Object]".
function describeFailure(value) {
  if (typeof value === "string" && value) return value;
  if (value && typeof value.message === "string" && value.message) return value.message;
  var text = null;
  try { text = JSON.stringify(value); } catch (e) { /* a cycle: fall back to its kind */ }
  if (!text || text === "{}" || text === "[]") return "failed without a reason (" + Object.prototype.toString.call(value) + ")";
  return text.length > 500 ? text.slice(0, 500) + "..." : text;
}

// Iframes of the CRM page (forms on other origins). A message counts only when its origin
// matches a rule of config.frames AND its source is a frame of this page; anything else is
// dropped without a reply. Then its origin's rate limit (rate-limit.js), here so that a flood
// stops on the page. What an allowed frame may do is decided in Python (rule index passed
// on). Replies go to that frame's window with its exact origin, never "*": a frame with the
// opaque origin "null" (sandboxed) can therefore not be answered, only obeyed.
function makeFrameGate(bridge) {
  var config = bridge._config, windowKeys = new WeakMap(), windows = new Map(), nextKey = 1;
  var offers = new Map();    // offer key -> {port, windowKey, rule, origin}: a hello's channel, until welcomed
  var channels = new Map();  // channel key -> {port, windowKey, rule, origin, subscribed}
  var read = readFrameRules(config.frames), rules = read.rules, matchers = read.matchers;
  var limiter = makeRateLimiter(config.frameRate);
  // config.debug: why a message was dropped, on the console (never to the frame: a sender that
  // is not allowed learns nothing).
  var debug = config.debug ? function (reason) { G.console.warn("agent-bridge: " + reason); } : function () {};
  unreachableRules(config.frames, matchers, G.location && G.location.origin).forEach(debug);
  function isChildFrame(source) {
    for (var i = 0; i < G.frames.length; i++) if (G.frames[i] === source) return true;
    return false;
  }
  // An answer to a window message goes to the origin that message came from: if the frame
  // has navigated since, the browser drops it rather than hand it to the new document.
  function reply(windowKey, origin, message) {
    var target = windows.get(windowKey);
    if (!target || origin === "null") return;
    try { target.postMessage(message, origin); } catch (e) { /* the frame is gone */ }
  }
  function closeChannel(key) {
    var channel = channels.get(key);
    if (!channel) return;
    channels.delete(key);
    channel.port.close();
  }
  function onMessage(event) {
    var source = event.source, origin = event.origin, rule = -1;
    if (!isBridgeMessage(event.data)) {
      if (config.debug && source !== G) debug("left a message from " + origin + " alone: neither uContact's nor the frame SDK's (another library's?)");
      return;
    }
    if (!source || !isChildFrame(source)) return debug("dropped a message from " + origin + ": its window is not a frame of this page");
    for (var i = 0; i < matchers.length && rule < 0; i++) if (matchers[i](origin)) rule = i;
    if (rule < 0) return debug("dropped a message from " + origin + ": origin " + origin + " matched no rule in config.frames");
    var windowKey = windowKeys.get(source);
    if (!windowKey) { windowKey = nextKey++; windowKeys.set(source, windowKey); windows.set(windowKey, source); }
    // A channel belongs to the document that said hello: once its window speaks from another
    // origin (it navigated), that channel is closed, whatever holds its other end now.
    channels.forEach(function (channel, key) { if (channel.windowKey === windowKey && channel.origin !== origin) closeChannel(key); });
    var message = { t: "frame", rule: rule, source: windowKey, origin: origin, data: event.data };
    if (!withinRate(origin, message)) {
      if (event.ports && event.ports[0]) event.ports[0].close();  // a hello not taken up
      return;
    }
    if (event.ports && event.ports[0]) {
      offers.forEach(function (offer, key) { if (offer.windowKey === windowKey) { offer.port.close(); offers.delete(key); } });
      message.offer = nextKey++;
      offers.set(message.offer, { port: event.ports[0], windowKey: windowKey, rule: rule, origin: origin });
    }
    var error = null, stopped = bridge._stopped();
    if (bridge._phase === "booting" && bridge._queueFull()) error = fail("QUEUE_FULL", "the bridge is not ready and its queue is full");
    else if (stopped) error = fail(stopped[0], stopped[1]);
    else if (!isPlainData(event.data, 0)) error = fail("INVALID_ARGUMENT", "the message is not plain JSON data");
    if (error) {
      // A refused hello's port is not kept: nothing will ever welcome it.
      if (message.offer) { offers.get(message.offer).port.close(); offers.delete(message.offer); }
      return refuse(message, error.code, error.message);
    }
    bridge._send(message);
  }
  // config.frameRate per origin, window and channel messages together, checked before the
  // message's data is even read; over it, the first refused is answered, the rest are dropped.
  function withinRate(origin, message) {
    var verdict = limiter.check(origin);
    if (verdict === "answer") {
      debug("dropped a message from " + origin + ": over config.frameRate (" + config.frameRate + " per second); more in this burst are dropped without a word");
      refuse(message, "RATE_LIMITED", "too many messages from " + origin);
    }
    return verdict === "admit";
  }
  // Answer a frame message the runtime will never see (queue full, bridge down).
  function refuse(message, code, text) {
    var error = { code: code, message: text };
    if (message.via === "port") return post(message.source, { t: "result", id: message.data && message.data.id != null ? message.data.id : null, ok: false, error: error });
    reply(message.source, message.origin, refusalOf(message.data, error));
  }
  // A uContact action the runtime approved: the host page's uContact functions first, then
  // the config's handlers, then the UCS component (DISPOSITION_CALL as setAccountCode).
  function act(message) {
    var action = message.action, d = message.disposition, handlers = config.ucontact || {};
    var done;
    if (action === "DISPOSITION_CALL" && typeof G.UC_DispositionCall === "function") {
      done = new Promise(function (resolve, reject) {
        G.UC_DispositionCall(d.campaign, d.callerid, d.guid, d.l1, d.l2, d.l3, d.d1, d.d2, d.comment, d.schedule,
          resolve, function (e) { reject(operatorError({ message: describeFailure(e) }, "UC_DispositionCall")); });
      });
    } else if (action === "DISPOSITION_CALL" && typeof handlers.onDisposition === "function") {
      done = new Promise(function (resolve) { resolve(handlers.onDisposition(d)); });
    } else if (action === "DISPOSITION_CALL") {
      var fallback = message.fallback;
      done = fallback.method ? callOperator(bridge, fallback.method, fallback.args, fallback.omitted)
        : Promise.reject(new AgentBridgeError(fallback.code, fallback.message));
    } else if (typeof G.closeActiveTab === "function") {
      done = new Promise(function (resolve) { resolve(G.closeActiveTab()); });
    } else if (typeof handlers.onCloseTab === "function") {
      done = new Promise(function (resolve) { resolve(handlers.onCloseTab()); });
    } else {
      done = Promise.reject(fail("OPERATOR_MISSING", "the page has no closeActiveTab() and config.ucontact.onCloseTab is not set"));
    }
    function answer(result) {
      if (message[REPLY_ID_FIELD]) result[REPLY_ID_FIELD] = message[REPLY_ID_FIELD];  // checked by the runtime
      reply(message.source, message.origin, result);
    }
    withTimeout(done, action).then(function () {
      answer({ action: action + "_RESULT", ok: true });
    }, function (e) {
      answer({ action: action + "_RESULT", ok: false, error: errorData(e) });
    });
  }
  function errorData(e) {
    var known = e && Object.prototype.hasOwnProperty.call(CODES, e.code);
    return { code: known ? e.code : "OPERATOR_ERROR", message: e && e.message || String(e) };
  }
  function post(key, message) {
    var channel = channels.get(key);
    if (!channel) return;
    try { channel.port.postMessage(message); } catch (e) { channel.port.postMessage(toData(message)); }
  }
  // The runtime welcomed a hello: its channel becomes the frame's, with the rule and origin
  // of that hello fixed for good (later window messages cannot change what it may do).
  function bind(message) {
    var offer = offers.get(message.offer);
    if (!offer) return;
    offers.delete(message.offer);
    channels.forEach(function (channel, key) { if (channel.windowKey === offer.windowKey) closeChannel(key); });  // the frame reloaded
    var key = nextKey++;
    offer.subscribed = false;
    channels.set(key, offer);
    offer.port.onmessage = function (event) {
      if (!channels.has(key) || bridge._phase !== "ready") return;
      var frame = { t: "frame", rule: offer.rule, source: key, origin: offer.origin, via: "port", data: event.data };
      if (!withinRate(offer.origin, frame)) return;
      if (!isPlainData(event.data, 0)) return refuse(frame, "INVALID_ARGUMENT", "the message is not plain JSON data");
      bridge._send(frame);
    };
    post(key, { t: "welcome", version: FRAME_PROTOCOL, capabilities: message.capabilities, events: message.events });
  }
  // Runtime instructions about frames.
  function handle(message) {
    var key = message.source;
    if (message.t === "frame-reply") return reply(key, message.origin, message.message);
    if (message.t === "frame-action") return act(message);
    if (message.t === "frame-welcome") return bind(message);
    if (message.t === "frame-port") return post(key, message.message);
    if (message.t === "frame-subscribe") {
      if (channels.has(key)) channels.get(key).subscribed = true;
      return post(key, { t: "result", id: null, subscribed: true, ok: true });
    }
    if (message.t === "frame-invoke") {
      // Its result reaches the mirror as a page call's does, even after the frame's timeout.
      withTimeout(bridge._callComponent(message), message.method).then(function (value) {
        post(key, { t: "result", id: message.id, ok: true, value: value === undefined ? null : value });
      }, function (e) {
        post(key, { t: "result", id: message.id, ok: false, error: errorData(e) });
      });
    }
  }
  function withTimeout(promise, method) {
    var timer;
    return Promise.race([promise, new Promise(function (_, reject) {
      timer = setTimeout(function () { reject(fail("TIMEOUT", "no answer within " + config.callTimeout + " ms", method)); }, config.callTimeout);
    })]).finally(function () { clearTimeout(timer); });
  }
  // Agent and call events, to frames whose rule allows events and that asked for them.
  function broadcast(name, detail) {
    if (name !== "state" && name !== "status" && name !== "call") return;
    channels.forEach(function (channel, key) { if (channel.subscribed) post(key, { t: "event", name: name, detail: detail }); });
  }
  if (rules.length) G.addEventListener("message", onMessage);
  return {
    rules: rules, handle: handle, broadcast: broadcast, refuse: refuse,
    // The runtime is gone (destroyed or failed): tell every connected frame why, so its
    // pending calls reject with that code at once and it says hello again; drop the hellos
    // not welcomed yet.
    disconnect: function (code, text) {
      channels.forEach(function (channel, key) { post(key, { t: "bye", code: code, message: text }); closeChannel(key); });
      offers.forEach(function (offer) { offer.port.close(); });
      offers.clear();
    },
    // Destroyed: no more messages are taken. The windows stay known, so a uContact action
    // the page is still carrying out is answered when it ends.
    close: function () {
      G.removeEventListener("message", onMessage);
    },
  };
}

export { makeFrameGate };
