// Test only (tests/browser/test_worker_api_origins.py): a module worker that is the bridge's
// worker with a way in for the test. It boots the built runtime (dist/runtime.mjs) with the boot
// message the shim built for the page's config, as the shim's own worker does, then runs Python
// in that runtime when the page asks. The product's wire has no such channel: only this worker,
// which imports runtime.mjs instead of being it, does (runtime.mjs listens to the messages of a
// worker only when it is that worker's script).
//
//   {t: "boot", boot}        -> {t: "booted", hello}, or {t: "boot-failed", message}
//   {t: "run", id, python}   -> {t: "ran", id, ok: true, value} or {t: "ran", id, ok: false, error}
//                               (value: the last expression, made JSON text by Python)
import { startRuntime } from "../dist/runtime.mjs";

let pyodide = null;

addEventListener("message", async ({ data }) => {
  if (data.t === "boot") {
    try {
      // The bridge's messages have no listener here: the session is started, never spoken to.
      const runtime = await startRuntime(data.boot, () => {}, true);
      pyodide = runtime.pyodide;
      postMessage({ t: "booted", hello: JSON.parse(runtime.hello) });
    } catch (error) {
      postMessage({ t: "boot-failed", message: String(error?.message || error) });
    }
    return;
  }
  if (data.t === "run") {
    try {
      const value = await pyodide.runPythonAsync(data.python);
      postMessage({ t: "ran", id: data.id, ok: true, value });
    } catch (error) {
      postMessage({ t: "ran", id: data.id, ok: false, error: String(error?.message || error) });
    }
  }
});
postMessage({ t: "listening" });
