// Build time (Node): the two passes of build.py's fast start, on the pinned Pyodide.
//
//   node web/make-snapshot.mjs list PYODIDE_DIR STDLIB_ZIP WHEEL
//       Boot with Pyodide's full standard library (STDLIB_ZIP), import every module of the bridge's wheel
//       and every module its source names (imports inside functions too), and print (JSON) the
//       stdlib files then in use: build.py keeps only those in the bridge's stdlib zip.
//   node web/make-snapshot.mjs snapshot PYODIDE_DIR STDLIB_ZIP WHEEL OUT
//       Boot with that zip (which proves a normal boot works with it: the runtime's fallback),
//       import every module of the wheel and write Pyodide's memory snapshot to OUT. The
//       browser restores it instead of starting CPython, and needs no wheel then: no module
//       of the bridge is left to import from its files. The snapshot must be made with the
//       very zip the browser mounts: it holds zipimport's table of that zip's offsets.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [command, pyodideDir, stdlib, wheel, out] = process.argv.slice(2);
if (!(command === "list" && wheel && !out) && !(command === "snapshot" && out)) {
  throw new Error("usage: node make-snapshot.mjs list PYODIDE_DIR STDLIB_ZIP WHEEL | snapshot PYODIDE_DIR STDLIB_ZIP WHEEL OUT");
}
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
// Stdlib modules the interpreter's C code imports the first time a function needs one, which
// no import statement names, so neither pass would see them: datetime.strptime (which
// bridge/frames/ucontact.py calls on a disposition's schedule) imports _strptime. The browser tests
// are what finds a missing one: the module is not in the zip, and the call fails there.
const IMPORTED_BY_C = ["_strptime"];
const IMPORT_EVERY_BRIDGE_MODULE = `
import importlib, pkgutil
import bridge
for found in pkgutil.walk_packages(bridge.__path__, "bridge."):
    importlib.import_module(found.name)
for name in ${JSON.stringify(IMPORTED_BY_C)}:
    importlib.import_module(name)
`;

// Pyodide on `stdlib`, with the wheel unpacked and every module of the bridge imported.
async function bootWithBridge(options) {
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, stdLibURL: stdlib, ...options });
  // A Node Buffer is refused ("Unknown typed array type"): hand Pyodide a plain Uint8Array.
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
  pyodide.runPython(IMPORT_EVERY_BRIDGE_MODULE);
  return pyodide;
}

if (command === "list") {
  const pyodide = await bootWithBridge({});
  process.stdout.write(pyodide.runPython(`
import ast, importlib, json, pathlib, sys
import bridge
for source in pathlib.Path(bridge.__path__[0]).rglob("*.py"):
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # "from x import a_function", or a module this Python lacks
zip_prefix = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
json.dumps(sorted({m.__file__[len(zip_prefix):] for m in list(sys.modules.values())
                   if (getattr(m, "__file__", None) or "").startswith(zip_prefix)}))
`));
} else {
  // Only Python state is kept: nothing may hold a JS object here (the runtime hands the bridge
  // its JS side after the restore).
  const pyodide = await bootWithBridge({ _makeSnapshot: true });
  writeFileSync(out, pyodide.makeMemorySnapshot());
}
