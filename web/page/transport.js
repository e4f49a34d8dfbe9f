// Starting the runtime (web/runtime.mjs) in a module worker or on the main thread, and the
// pipe of JSON text to it.
import { INTEGRITY, RUNTIME, WHEEL } from "./constants.js";

var G = globalThis;

// The runtime's text, checked against the build's hash. (runtime.mjs has the same check for
// the files it loads; the shim cannot borrow it before it has loaded it.) A failed check and
// an HTTP error both surface as "Failed to fetch", so a plain HEAD tells them apart.
async function fetchChecked(url, integrity) {
  var response;
  try {
    response = await G.fetch(url, { integrity: integrity, credentials: "same-origin" });
  } catch (error) {
    var head = await G.fetch(url, { method: "HEAD", cache: "no-store", credentials: "same-origin" }).catch(function () { return null; });
    throw new Error("could not load " + url + ": " + (head && head.ok ? "integrity mismatch: the file is not the one this build was made with" : head ? "HTTP " + head.status : error.message));
  }
  if (!response.ok) throw new Error("could not load " + url + ": HTTP " + response.status);
  return response.text();
}

async function startTransport(bridge) {
  var base = bridge._config.baseUrl;
  var code = await fetchChecked(base + RUNTIME, INTEGRITY[RUNTIME]);
  if (bridge._phase !== "booting") return;
  // apiOrigins: what the worker's fetch lets Python call once it is up (runtime.mjs).
  var boot = { base: base, integrity: INTEGRITY, wheel: WHEEL, config: {
    stateGating: bridge._config.stateGating, frames: bridge._frames.rules, frameRate: bridge._config.frameRate,
    apiOrigins: bridge._config.apiOrigins } };
  var receive = function (text) { bridge._receive(text); };
  // A blob: URL makes the runtime same-origin with the page, so dist/ may live on a CDN.
  var url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  if (bridge._config.runtime === "main") {
    var module;
    try { module = await import(url); } finally { URL.revokeObjectURL(url); }
    // Destroyed meanwhile: do not start Pyodide (once started, its boot cannot be stopped).
    if (bridge._phase !== "booting") return;
    var handle = null, closed = false, inbox = [], draining = false;
    // Python runs inside post(), and its answers are handled (events emitted, the component
    // called) before post() returns. A listener or a component callback that calls the bridge
    // from there must not be handled in the middle of the message being handled: its message
    // waits in the inbox until the current one is done, as it would for a worker. Else events
    // come out of order and an older snapshot overwrites a newer one.
    bridge._transport = {
      post: function (text) {
        if (!handle || closed) return;
        inbox.push(text);
        if (draining) return;
        draining = true;
        try {
          while (inbox.length && !closed) handle(inbox.shift());
        } finally {
          draining = false;
        }
      },
      close: function () { closed = true; inbox = []; },
    };
    var runtime = await module.startRuntime(boot, function (text) { if (!closed) receive(text); }, false);
    handle = runtime.receive;
    if (!closed) receive(runtime.hello);
    return;
  }
  var worker;
  try {
    worker = new Worker(url, { type: "module", name: "agent-bridge" });
  } catch (e) {
    throw new Error("could not start a Web Worker (" + (e && e.message) + "); pages that cannot start workers can use runtime: \"main\"");
  } finally {
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  bridge._transport = { post: function (text) { worker.postMessage(text); }, close: function () { worker.terminate(); } };
  worker.onmessage = function (event) { receive(event.data); };
  worker.onerror = function (event) {
    event.preventDefault();
    bridge._failRuntime("the runtime worker failed: " + (event.message || "script error"));
  };
  worker.postMessage(boot);
}

export { startTransport };
