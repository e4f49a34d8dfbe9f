"""A small browser build in a folder, as build.py lays one out, and a WSGI caller for it."""

from __future__ import annotations

import gzip
import importlib.util
import io
from pathlib import Path
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

ROOT = Path(__file__).resolve().parents[3]

WASM = b"\0asm" + b"w" * 4000
SCRIPT = b"/*! agent-bridge 0.1.0 | test */\n" + b"var a=1;" * 500


def load_build_py():
    """build.py as a module of its own name (``import build`` could be PyPA's frontend)."""
    spec = importlib.util.spec_from_file_location("agent_bridge_build_py", ROOT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_build(folder: Path) -> Path:
    """A build: a wasm with both copies, the shim with a Brotli copy only, files without copies
    (the snapshot, a zip, a module), a subfolder, and manifest.json by build.py's own writer."""
    (folder / "pyodide").mkdir(parents=True)
    (folder / "pyodide" / "pyodide.asm.wasm").write_bytes(WASM)
    (folder / "pyodide" / "pyodide.asm.wasm.br").write_bytes(b"brotli of the wasm")
    (folder / "pyodide" / "pyodide.asm.wasm.gz").write_bytes(gzip.compress(WASM, mtime=0))
    (folder / "agent-bridge.js").write_bytes(SCRIPT)
    (folder / "agent-bridge.js.br").write_bytes(b"brotli of the script")
    (folder / "agent-bridge.js.map").write_text('{"version": 3}')
    (folder / "runtime.mjs").write_text("export {};")
    (folder / "agent-bridge.d.ts").write_text("export {};")
    (folder / "bridge.snapshot").write_bytes(b"\x1f\x8bsnapshot")
    (folder / "bridge-stdlib.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    (folder / "agent_bridge-0.1.0-py3-none-any.whl").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    load_build_py().write_manifest(folder)
    return folder


class Response:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status = int(status.split()[0])
        self.headers = {name.lower(): value for name, value in headers}
        self.header_names = [name.lower() for name, _ in headers]
        self.body = body

    def __getitem__(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def call(app, path: str, method: str = "GET", script_name: str = "", **headers: str) -> Response:
    """One request through wsgiref's validator (which fails on a WSGI violation); headers as
    keyword arguments, ``Accept_Encoding="br"``."""
    environ = {"REQUEST_METHOD": method, "SCRIPT_NAME": script_name, "PATH_INFO": path, "QUERY_STRING": "",
               "wsgi.input": io.BytesIO(b"")}
    for name, value in headers.items():
        environ["HTTP_" + name.upper()] = value
    setup_testing_defaults(environ)
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered.update(status=status, headers=response_headers)
        return lambda data: None

    result = validator(app)(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    return Response(answered["status"], answered["headers"], body)
