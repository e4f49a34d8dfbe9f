// The baseline worker: the least a page can do to have Python in a worker. It imports
// Pyodide as published (dist/'s Pyodide files and the whole stdlib, served by the bench at
// /bare-pyodide/) by URL (no integrity checks, no wheel, no bridge) and says "ready".
import { loadPyodide } from "/bare-pyodide/pyodide.mjs";

// No-op unless phases-prelude.mjs ran first (instrumented runs only).
const mark = (name) => globalThis.__benchMark?.(name);

// After ready, echo every message: the page times plain postMessage round trips with it.
onmessage = (event) => postMessage(event.data);

// "/bare-pyodide/", made absolute: in instrumented runs this module is imported from a blob:
// worker, whose own location cannot resolve a path.
const indexURL = new URL("/bare-pyodide/", import.meta.url).href;
mark("loadPyodide called");
const pyodide = await loadPyodide({ indexURL });
mark("loadPyodide resolved");
postMessage({ t: "ready", version: pyodide.version });
