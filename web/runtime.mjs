// agent-bridge runtime: starts Pyodide with the bridge (restoring the build's memory snapshot,
// or booting normally and installing the bridge wheel), and pipes JSON text between the
// page's shim and bridge.component.wire. Runs in a module Web Worker (default) or, with
// config.runtime = "main", on the page's main thread; the shim loads this file from a
// blob: URL after checking its integrity, so it imports nothing by relative URL.
//
// Every file it loads is fetched with the sha256 the build wrote into the shim (Subresource
// Integrity); a mismatch or a 404 fails the boot, and in a worker so does any request for a
// file that is not in the build. Once the worker is up, its Python may also call the REST APIs
// on config.apiOrigins (without cookies, never following a redirect); nothing else.

const PYODIDE_DIR = "pyodide/";
const WASM = PYODIDE_DIR + "pyodide.asm.wasm";
// The part of Pyodide's standard library the bridge uses (build.py): a third of the whole.
const STDLIB = "bridge-stdlib.zip";
// The memory snapshot build.py makes (web/make-snapshot.mjs), named in the integrity table when present.
const SNAPSHOT = "bridge.snapshot";

/**
 * fetch() with Subresource Integrity. A failed check and an HTTP error look alike to the
 * caller (a bare "Failed to fetch"), so on failure a second plain request tells which it was.
 */
export async function fetchWithIntegrity(fetchImpl, url, integrity, init) {
  let response;
  try {
    response = await fetchImpl(url, { ...init, integrity, credentials: "same-origin" });
  } catch (error) {
    let status = null;
    try { status = (await fetchImpl(url, { method: "HEAD", cache: "no-store", credentials: "same-origin" })).status; } catch (e) { /* offline */ }
    if (status !== null && status >= 200 && status < 300) throw new Error("integrity mismatch: the file is not the one this build was made with");
    throw new Error(status === null ? error.message : `HTTP ${status}`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

// A request's absolute URL, and its path under `base` (null when it is not under it).
function locate(input, base) {
  const href = new URL(String(input?.url ?? input), base).href;
  return { href, name: href.startsWith(base) ? href.slice(base.length).split(/[?#]/)[0] : null };
}

// A request to one of config.apiOrigins: a REST API the page named, answering CORS for the page.
// No credentials (the API's cookies, or the CRM's when it shares the page's origin, stay out of
// it: the API is called with the token Python holds), and a redirect fails rather than taking
// the request, and its Authorization header, to an origin nobody named. No integrity: an API's
// answers are data, not code.
const API_REQUEST = Object.freeze({ mode: "cors", credentials: "omit", redirect: "error" });

// Fetch failures inside Pyodide's own loader are caught and only logged by it (the wasm
// instantiation, for one), after which loadPyodide never settles. So during the boot every
// failure of a checked fetch is also reported here, and the boot races against it. After the
// boot (bootOver), a refused or failed request simply rejects, with the reason: the caller is
// then the bridge's own code, which must not wait forever. `apiOrigins` are let through after
// the boot only: the boot loads the build's files and nothing else.
function makeCheckedFetch(base, integrity, originalFetch, apiOrigins) {
  let booting = true;
  /** @type {(error: Error) => void} */
  let reportFailure;
  const failed = new Promise((_, reject) => { reportFailure = reject; });
  failed.catch(() => {});
  const origin = new URL(base).origin;
  async function checkedFetch(input, init) {
    const { href, name } = locate(input, base);
    try {
      const target = new URL(href).origin;
      // A Request keeps its method, headers and body (pyodide.http.pyfetch passes one, and its
      // init again); API_REQUEST, last, overrides what either says, as fetch(request, init) does.
      if (!booting && apiOrigins.has(target)) {
        return await originalFetch(input instanceof Request ? input : href, { ...init, ...API_REQUEST });
      }
      if (target !== origin) {
        throw new Error(`refused to fetch ${href}: ${target} is outside ${origin}`
          + (booting ? " (the boot loads the build's files only)" : " and not in config.apiOrigins"));
      }
      if (!name || !Object.hasOwn(integrity, name)) throw new Error(`refused to fetch ${href}: not in the build manifest`);
      return await fetchWithIntegrity(originalFetch, href, integrity[name], init);
    } catch (error) {
      const failure = new Error(`could not load ${name || href}: ${error.message}`);
      if (!booting) throw failure;
      reportFailure(failure);
      // The boot is over (it raced against `failed`). Never settling, rather than rejecting,
      // keeps Pyodide's loader from leaving an unhandled rejection on the CRM's page.
      return new Promise(() => {});
    }
  }
  return { checkedFetch, failed, fail: reportFailure, bootOver: () => { booting = false; } };
}

/**
 * Pyodide's memory snapshot out of dist/bridge.snapshot, whose format bridge/build/snapshot_file.py
 * describes: gzip, inflated here by the browser, of the snapshot's runs of non-zero pages.
 */
async function readSnapshot(response) {
  const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
  const packed = new Uint8Array(await new Response(inflated).arrayBuffer());
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const header = 16, run = 8;
  if (packed.length < header || new TextDecoder().decode(packed.subarray(0, 8)) !== "agbsnap1") {
    throw new Error("not a packed snapshot");
  }
  const size = view.getUint32(8, true), count = view.getUint32(12, true);
  const snapshot = new Uint8Array(size);  // zeros, but where a run says otherwise
  let position = header + count * run;
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(header + i * run, true), length = view.getUint32(header + i * run + 4, true);
    if (offset + length > size || position + length > packed.length) throw new Error(`not a packed snapshot: run ${i} out of bounds`);
    snapshot.set(packed.subarray(position, position + length), offset);
    position += length;
  }
  return snapshot;
}

async function importChecked(checkedFetch, base, name) {
  // The bytes as they are: no decoding to a string and encoding back for the Blob.
  const source = await (await checkedFetch(base + name)).arrayBuffer();
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Boot the runtime. Resolves with `hello` (the "ready" or "boot-error" message for the shim),
 * `receive` (takes each later message from the shim; its answers go to `send`) and `pyodide`
 * (the interpreter: the shim never uses it; a test's own worker runs Python with it). The
 * caller installs `receive` before it sends `hello`: the shim answers "ready" at once with
 * everything it queued.
 * @param {{base: string, integrity: Record<string, string>, wheel: string, config: {apiOrigins?: string[]}}} boot
 * @param {(text: string) => void} send
 * @param {boolean} ownsGlobalFetch - true in a worker: every fetch in this realm is ours.
 */
export async function startRuntime(boot, send, ownsGlobalFetch) {
  const { base, integrity, wheel, config } = boot;
  const originalFetch = globalThis.fetch;
  // Checked by the shim (an exact origin each) and again by Python, which fails the boot over a
  // bad one; a Set, so that a value that slipped through is never matched as a substring.
  const apiOrigins = new Set(Array.isArray(config?.apiOrigins) ? config.apiOrigins : []);
  const { checkedFetch, failed, fail, bootOver } = makeCheckedFetch(base, integrity, originalFetch.bind(globalThis), apiOrigins);
  let bootFailed = false;
  failed.catch(() => { bootFailed = true; });
  // Pyodide fetches its wasm, stdlib and lock file with the global fetch. In a worker that
  // realm is the bridge's own: every request is checked, and one outside the build (and, after
  // the boot, outside config.apiOrigins) refused. On the page it is the CRM's: only the build's
  // own files are diverted (the CRM's requests go on as before), and the original is put back
  // as soon as the runtime is up. So with runtime "main" apiOrigins restricts nothing: Python's
  // pyfetch is the page's fetch (any origin the page's Content-Security-Policy connect-src
  // allows, the page's cookies on its own origin), as any script on the page could. Nor is the
  // worker's check a sandbox: it is what the bridge's own Python (pyfetch, Pyodide's loader)
  // goes through; XMLHttpRequest, which workers also have, is left as it is.
  const isBuildFile = (input) => {
    const { name } = locate(input, base);
    return name !== null && Object.hasOwn(integrity, name);
  };
  // The big downloads start now, alongside the import of Pyodide's JavaScript, instead of
  // after it: when Pyodide asks for one of them, it gets the request already under way.
  const early = new Map([[base + STDLIB, checkedFetch(base + STDLIB)]]);
  // The wasm is compiled as it arrives. Pyodide would compile it only when it instantiates it,
  // and it instantiates only once the snapshot is in: the compile now runs alongside the
  // snapshot's download and inflate instead of after them. Pyodide's own fetch of the wasm
  // gets `wasmResponse`, and its instantiateStreaming of that (below) gets this module.
  const wasmResponse = checkedFetch(base + WASM);
  const wasmModule = WebAssembly.compileStreaming(wasmResponse);
  // Pyodide only logs a failed instantiation and then never settles: fail the boot instead
  // (a page whose Content-Security-Policy lacks 'wasm-unsafe-eval', for one).
  wasmModule.catch((error) => fail(new Error(`could not compile ${WASM}: ${error.message}`)));
  const fetchEarlyOr = (fetchImpl) => (input, init) => {
    const { href } = locate(input, base);
    if (href === base + WASM) return wasmResponse;  // compiled once, for either loadPyodide() below
    const started = early.get(href);
    early.delete(href);  // a Response can be read once: a second request fetches again
    return started || fetchImpl(input, init);
  };
  globalThis.fetch = fetchEarlyOr(ownsGlobalFetch ? checkedFetch
    : (input, init) => (isBuildFile(input) ? checkedFetch(input, init) : originalFetch(input, init)));
  const { instantiateStreaming } = WebAssembly;
  WebAssembly.instantiateStreaming = async function (source, imports) {
    if (source !== wasmResponse) return instantiateStreaming.call(this, source, imports);
    const module = await wasmModule;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  try {
    const booting = (async () => {
      const fetchWheel = () => checkedFetch(base + wheel).then((r) => r.arrayBuffer());
      // The memory snapshot of CPython with the bridge imported (build.py): restoring it
      // skips CPython's start, most of a boot. Builds without one boot normally, and so do
      // browsers without DecompressionStream (before Firefox 113 and Safari 16.4).
      const canInflate = typeof DecompressionStream === "function";
      if (Object.hasOwn(integrity, SNAPSHOT) && !canInflate) {
        console.warn("agent-bridge: memory snapshot unusable (no DecompressionStream), booting normally");
      }
      const snapshot = Object.hasOwn(integrity, SNAPSHOT) && canInflate
        ? checkedFetch(base + SNAPSHOT).then(readSnapshot) : null;
      snapshot?.catch(() => {});
      // A normal boot installs the wheel; a restored snapshot has every module of it imported
      // already (web/make-snapshot.mjs), so the wheel is fetched only when there is none.
      let wheelBytes = snapshot ? null : fetchWheel();
      wheelBytes?.catch(() => {});  // a failure is reported through `failed`
      const lockFile = checkedFetch(base + PYODIDE_DIR + "pyodide-lock.json").then((r) => r.text());
      lockFile.catch(() => {});
      const [{ loadPyodide }, asm] = await Promise.all([
        importChecked(checkedFetch, base, PYODIDE_DIR + "pyodide.mjs"),
        importChecked(checkedFetch, base, PYODIDE_DIR + "pyodide.asm.mjs"),
      ]);
      // The boot already failed (a file refused while Pyodide's JavaScript loaded): Pyodide is
      // not started at all. Started, it could not be stopped, and on the page (runtime "main"),
      // whose fetch is its own again by then, its own requests would fail as uncaught errors.
      if (bootFailed) return new Promise(() => {});
      const options = {
        indexURL: base + PYODIDE_DIR,
        createPyodideModule: asm.default,
        lockFileContents: lockFile,
        packageBaseUrl: base + PYODIDE_DIR,
        stdLibURL: base + STDLIB,
      };
      let pyodide = null;
      if (snapshot) {
        try {
          pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
        } catch (error) {
          // Pyodide refuses a snapshot of another build ("Snapshot build id mismatch"), and
          // readSnapshot a file that is not one: a normal boot, slower but the same bridge.
          console.warn("agent-bridge: memory snapshot refused, booting normally:", String(error?.message || error));
        }
      }
      if (!pyodide) {
        wheelBytes ??= fetchWheel();
        pyodide = await loadPyodide(options);
        pyodide.unpackArchive(await wheelBytes, "wheel");
      }
      return { pyodide, wire: pyodide.pyimport("bridge.component.wire") };
    })();
    booting.catch(() => {});  // when `failed` wins the race, booting's own rejection is the same news
    const { pyodide, wire } = await Promise.race([booting, failed]);
    const hello = wire.start(JSON.stringify(config));
    const receive = wire.receive;
    return { hello, receive: JSON.parse(hello).t === "ready" ? (text) => send(receive(text)) : null, pyodide };
  } finally {
    bootOver();
    WebAssembly.instantiateStreaming = instantiateStreaming;
    if (!ownsGlobalFetch) globalThis.fetch = originalFetch;
  }
}

// In a worker whose script this is (the shim's: started from this file's blob: URL): the first
// message boots, the rest are bridge messages. A failure becomes a "boot-error" message, so the
// shim can reject every queued call with BOOT_FAILED. A worker that imports this module (a
// test's) starts the runtime itself and listens to its own messages.
const { WorkerGlobalScope } = /** @type {any} */ (globalThis);
if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope
    && import.meta.url === globalThis.location.href) {
  // The shim sends nothing after the boot message until this runtime answered "ready".
  let deliver = null;
  const send = (text) => postMessage(text);
  addEventListener("message", (event) => {
    if (deliver) return deliver(event.data);
    deliver = () => {};
    startRuntime(event.data, send, true).then(({ hello, receive }) => {
      if (receive) deliver = receive;
      send(hello);
    }, (error) => send(JSON.stringify({ t: "boot-error", message: String(error?.message || error) })));
  });
}
