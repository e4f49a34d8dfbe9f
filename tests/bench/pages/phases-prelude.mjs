// Imported before the real worker script (the bridge's runtime, or bare-worker.mjs) in
// instrumented runs only, to see where a boot's time goes. It records, in epoch ms:
//  - every fetch the worker makes (sent, answered: with an integrity check "answered" means
//    downloaded and hashed), and each resource's responseEnd from Resource Timing;
//  - WebAssembly compile/instantiate start and end;
//  - loadPyodide() called and resolved: the bare worker marks these itself; for the bridge,
//    whose runtime imports pyodide.mjs from fetched text, the fetch hook re-exports
//    loadPyodide through a timing wrapper (the integrity check has passed by then);
//  - the first "ready" message the worker posts. It then sends all marks to the page over a
//    BroadcastChannel.
const marks = [];
const mark = (name, at = performance.timeOrigin + performance.now()) => marks.push(["worker: " + name, at]);
globalThis.__benchMark = mark;
mark("prelude running");

const fileName = (url) => String(url).split(/[?#]/)[0].split("/").pop() || String(url);

const realFetch = globalThis.fetch;
globalThis.fetch = async function (input, init) {
  const name = fileName(input?.url ?? input);
  mark(`fetch ${name} sent`);
  let response = await realFetch.call(globalThis, input, init);
  mark(`fetch ${name} answered`);
  if (name === "pyodide.mjs" && response.ok) response = await hookLoadPyodide(response);
  return response;
};

const EXPORT = /export\s*\{\s*([\w$]+)\s+as\s+loadPyodide\b/;

async function hookLoadPyodide(response) {
  const text = await response.text();
  const match = EXPORT.exec(text);
  if (!match) {
    mark("(could not hook loadPyodide)");
    return new Response(text, { status: response.status, headers: response.headers });
  }
  const patched = text.replace(EXPORT, "export{__benchLoadPyodide as loadPyodide") +
    `\nasync function __benchLoadPyodide(config) {\n` +
    `  globalThis.__benchMark("loadPyodide called");\n` +
    `  try { return await ${match[1]}(config); } finally { globalThis.__benchMark("loadPyodide resolved"); }\n}\n`;
  return new Response(patched, { status: response.status, headers: response.headers });
}

for (const fn of ["compile", "compileStreaming", "instantiate", "instantiateStreaming"]) {
  const real = WebAssembly[fn];
  if (typeof real !== "function") continue;
  WebAssembly[fn] = function (...args) {
    mark(`wasm ${fn} started`);
    const promise = real.apply(WebAssembly, args);
    promise.then(() => mark(`wasm ${fn} done`), () => mark(`wasm ${fn} failed`));
    return promise;
  };
}

const realPost = globalThis.postMessage.bind(globalThis);
let reported = false;
globalThis.postMessage = function (message, ...rest) {
  // The bridge's runtime posts JSON text, the bare worker {t: "ready"}; Emscripten's own
  // scheduling messages (if any) are neither.
  if (!reported && (typeof message === "string" || message?.t === "ready")) {
    reported = true;
    mark("first message posted");
    for (const entry of performance.getEntriesByType("resource")) {
      mark(`${fileName(entry.name)} downloaded`, performance.timeOrigin + entry.responseEnd);
    }
    new BroadcastChannel("agent-bridge-bench").postMessage(marks);
  }
  return realPost(message, ...rest);
};
