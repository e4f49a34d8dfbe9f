// agent-bridge runtime: starts Pyodide, installs the bridge wheel, and pipes JSON text
// between the page's shim and bridge.wire. Runs in a module Web Worker (default) or, with
// config.runtime = "main", on the page's main thread; the shim loads this file from a
// blob: URL after checking its integrity, so it imports nothing by relative URL.
//
// Every file it loads is fetched with the sha256 the build wrote into the shim (Subresource
// Integrity); a mismatch or a 404 fails the boot, and in a worker so does any request for a
// file that is not in the build.

const PYODIDE_DIR = "pyodide/";
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

// Fetch failures inside Pyodide's own loader are caught and only logged by it (the wasm
// instantiation, for one), after which loadPyodide never settles. So every failure of a
// checked fetch is also reported here, and the boot races against it.
function makeCheckedFetch(base, integrity, originalFetch) {
  let reportFailure;
  const failed = new Promise((_, reject) => { reportFailure = reject; });
  failed.catch(() => {});
  const origin = new URL(base).origin;
  async function checkedFetch(input, init) {
    const { href, name } = locate(input, base);
    try {
      if (new URL(href).origin !== origin) throw new Error(`refused to fetch ${href}: outside ${origin}`);
      if (!name || !Object.hasOwn(integrity, name)) throw new Error(`refused to fetch ${href}: not in the build manifest`);
      return await fetchWithIntegrity(originalFetch, href, integrity[name], init);
    } catch (error) {
      reportFailure(new Error(`could not load ${name || href}: ${error.message}`));
      // The boot is over (it raced against `failed`). Never settling, rather than rejecting,
      // keeps Pyodide's loader from leaving an unhandled rejection on the CRM's page.
      return new Promise(() => {});
    }
  }
  return { checkedFetch, failed };
}

async function importChecked(checkedFetch, base, name) {
  const text = await (await checkedFetch(base + name)).text();
  const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Boot the runtime. Resolves with `hello` (the "ready" or "boot-error" message for the shim)
 * and `receive` (takes each later message from the shim; its answers go to `send`). The
 * caller installs `receive` before it sends `hello`: the shim answers "ready" at once with
 * everything it queued.
 * @param {{base: string, integrity: Record<string, string>, wheel: string, config: object}} boot
 * @param {(text: string) => void} send
 * @param {boolean} ownsGlobalFetch - true in a worker: every fetch in this realm is ours.
 */
export async function startRuntime(boot, send, ownsGlobalFetch) {
  const { base, integrity, wheel, config } = boot;
  const originalFetch = globalThis.fetch;
  const { checkedFetch, failed } = makeCheckedFetch(base, integrity, originalFetch.bind(globalThis));
  // Pyodide fetches its wasm, stdlib and lock file with the global fetch. In a worker that
  // realm is the bridge's own: every request is checked, and one outside the build refused.
  // On the page it is the CRM's: only the build's own files are diverted (the CRM's requests
  // go on as before), and the original is put back as soon as the runtime is up.
  const isBuildFile = (input) => {
    const { name } = locate(input, base);
    return name !== null && Object.hasOwn(integrity, name);
  };
  // The big downloads start now, alongside the import of Pyodide's JavaScript, instead of
  // after it: when Pyodide asks for one of them, it gets the request already under way.
  const early = new Map([PYODIDE_DIR + "pyodide.asm.wasm", PYODIDE_DIR + "python_stdlib.zip"]
    .map((name) => [base + name, checkedFetch(base + name)]));
  const fetchEarlyOr = (fetchImpl) => (input, init) => {
    const { href } = locate(input, base);
    const started = early.get(href);
    early.delete(href);  // a Response can be read once: a second request fetches again
    return started || fetchImpl(input, init);
  };
  globalThis.fetch = fetchEarlyOr(ownsGlobalFetch ? checkedFetch
    : (input, init) => (isBuildFile(input) ? checkedFetch(input, init) : originalFetch(input, init)));
  try {
    const booting = (async () => {
      const wheelBytes = checkedFetch(base + wheel).then((r) => r.arrayBuffer());
      wheelBytes.catch(() => {});  // a failure is reported through `failed`
      // The memory snapshot of CPython with the bridge imported (build.py): restoring it
      // skips CPython's start, most of a boot. Builds without one boot normally.
      const snapshotBytes = Object.hasOwn(integrity, SNAPSHOT)
        ? checkedFetch(base + SNAPSHOT).then((r) => r.arrayBuffer()) : null;
      snapshotBytes?.catch(() => {});
      const lockFile = checkedFetch(base + PYODIDE_DIR + "pyodide-lock.json").then((r) => r.text());
      lockFile.catch(() => {});
      const [{ loadPyodide }, asm] = await Promise.all([
        importChecked(checkedFetch, base, PYODIDE_DIR + "pyodide.mjs"),
        importChecked(checkedFetch, base, PYODIDE_DIR + "pyodide.asm.mjs"),
      ]);
      const options = {
        indexURL: base + PYODIDE_DIR,
        createPyodideModule: asm.default,
        lockFileContents: lockFile,
        packageBaseUrl: base + PYODIDE_DIR,
      };
      let pyodide = null;
      if (snapshotBytes) {
        try {
          // A promise: Pyodide awaits it itself, so the wasm compiles while the snapshot downloads.
          pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshotBytes.then((b) => new Uint8Array(b)) });
        } catch (error) {
          // Pyodide refuses a snapshot of another build ("Snapshot build id mismatch"): a
          // normal boot, slower but the same bridge.
          console.warn("agent-bridge: memory snapshot refused, booting normally:", String(error?.message || error));
        }
      }
      pyodide ??= await loadPyodide(options);
      // A snapshot keeps Python's memory, not the files the wheel unpacked (they live on the JS
      // side): unpack it either way, so a module imported later is found.
      pyodide.unpackArchive(await wheelBytes, "wheel");
      return pyodide.pyimport("bridge.wire");
    })();
    booting.catch(() => {});  // when `failed` wins the race, booting's own rejection is the same news
    const wire = await Promise.race([booting, failed]);
    const hello = wire.start(JSON.stringify(config));
    const receive = wire.receive;
    return { hello, receive: JSON.parse(hello).t === "ready" ? (text) => send(receive(text)) : null };
  } finally {
    if (!ownsGlobalFetch) globalThis.fetch = originalFetch;
  }
}

// In a worker: the first message boots, the rest are bridge messages. A failure becomes a
// "boot-error" message, so the shim can reject every queued call with BOOT_FAILED.
if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope) {
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
