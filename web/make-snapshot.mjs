// Build time (Node): boot the pinned Pyodide with the bridge imported and write its memory
// snapshot. The browser restores it instead of starting CPython (about 0.3 s instead of
// 1.5 s); runtime.mjs falls back to a normal boot when Pyodide refuses it (another build).
//
//   node web/make-snapshot.mjs DIST/pyodide WHEEL OUT
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, out] = process.argv.slice(2);
if (!out) throw new Error("usage: node make-snapshot.mjs PYODIDE_DIR WHEEL OUT");
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true });
// A Node Buffer is refused ("Unknown typed array type"): hand Pyodide a plain Uint8Array.
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel");
// Only Python state is kept: nothing may hold a JS object here (the runtime hands the bridge
// its JS side after the restore).
pyodide.runPython("import bridge.wire");
writeFileSync(out, pyodide.makeMemorySnapshot());
