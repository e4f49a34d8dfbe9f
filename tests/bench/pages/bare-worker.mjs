// The baseline worker: the least a page can do to have Python in a worker. It imports
// Pyodide from dist/ by URL (no integrity checks, no wheel, no bridge) and says "ready".
import { loadPyodide } from "/dist/pyodide/pyodide.mjs";

// No-op unless phases-prelude.mjs ran first (instrumented runs only).
const mark = (name) => globalThis.__benchMark?.(name);

// After ready, echo every message: the page times plain postMessage round trips with it.
onmessage = (event) => postMessage(event.data);

// "/dist/pyodide/", made absolute: in instrumented runs this module is imported from a blob:
// worker, whose own location cannot resolve a path.
const indexURL = new URL("/dist/pyodide/", import.meta.url).href;
mark("loadPyodide called");
const pyodide = await loadPyodide({ indexURL });
mark("loadPyodide resolved");
postMessage({ t: "ready", version: pyodide.version });
