"""The wheel as a CRM team installs it: built by build.py --package, installed into a fresh venv
with no network and no Node, and used from there with the repository off the path.

- The wheel is built from the dist/ already there (``--no-build``: no Node, no Pyodide download;
  ``make test`` builds dist/ first).
- No network: pip gets ``--no-index`` and only ``.cache/wheels/`` (the wheelhouse ``make test``
  fills with the wheels of every package constraints.txt pins, see the Makefile), no pip
  configuration (PIP_CONFIG_FILE is os.devnull: this machine's would add its own indexes), the
  same pins as constraints, and a proxy that refuses every connection, so that a download would
  fail rather than happen.
- No Node: ``node`` and ``npm`` on the PATH are stand-ins that record being run, and none is.
  (Playwright's Python package runs its own bundled driver, which is part of that package.)
- Off the path: the example CRM project (tests/example_crm) is copied into a scratch folder,
  without PYTHONPATH, and without a dist/ there: the example tests pass only if the plugin
  finds the packaged build (its last fallback, <rootdir>/dist, does not exist).
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
WHEELHOUSE = ROOT / ".cache" / "wheels"
EXAMPLE = ROOT / "tests" / "example_crm"

# What the venv's Python runs to check the WSGI app on the packaged build, in-process.
SERVE_CHECK = """
import io, json, sys
from wsgiref.util import setup_testing_defaults
from bridge.serving import BrowserFiles, browser_files
import bridge
answered = {}
def start_response(status, headers, exc_info=None):
    answered.update(status=status, headers=dict(headers))
environ = {"PATH_INFO": "/pyodide/pyodide.asm.wasm", "HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
setup_testing_defaults(environ)
body = b"".join(BrowserFiles()(environ, start_response))
print(json.dumps({"bridge": bridge.__file__, "build": str(browser_files()), "status": answered["status"],
                  "headers": answered["headers"], "bytes": len(body)}))
"""


def banner_version(script: Path) -> str:
    """The version in agent-bridge.js's banner: ``/*! agent-bridge 0.1.0 | ...``."""
    first = script.read_text().splitlines()[0]
    match = re.fullmatch(r"/\*! agent-bridge (\S+) \|.*", first)
    assert match, first
    return match.group(1)


def isolated_env(tmp_path: Path) -> dict[str, str]:
    """The environment of everything run in the fresh venv: no pip configuration, no network,
    Node replaced by stand-ins that leave a mark, no PYTHONPATH."""
    stand_ins = tmp_path / "no-node"
    stand_ins.mkdir()
    for name in ("node", "npm", "npx"):
        tool = stand_ins / name
        tool.write_text(f'#!/bin/sh\necho "$0 $*" >> {tmp_path / "node-was-run"}\nexit 1\n')
        tool.chmod(0o755)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV")) and key.lower() not in (
               "http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    refused = "http://127.0.0.1:9"  # the discard port: nothing listens, every connection is refused
    env.update(PATH=f"{stand_ins}{os.pathsep}{env.get('PATH', '')}", PIP_CONFIG_FILE=os.devnull,
               PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", HTTP_PROXY=refused, HTTPS_PROXY=refused,
               http_proxy=refused, https_proxy=refused, NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost")
    return env


def run(args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_packaged_wheel_in_a_fresh_venv(tmp_path):
    started = time.monotonic()
    if not (DIST / "agent-bridge.js").is_file():
        pytest.fail("dist/ is not built: run `make test` (or `python build.py` first)", pytrace=False)
    if not (WHEELHOUSE / ".complete").is_file():
        pytest.fail(f"no wheelhouse in {WHEELHOUSE}: `make test` fills it "
                    "(or `make .cache/wheels/.complete`)", pytrace=False)
    version = banner_version(DIST / "agent-bridge.js")
    manifest = sorted([*json.loads((DIST / "manifest.json").read_text())["files"], "manifest.json"])

    # build.py --package, from the dist/ there (the dev venv's Python: it has the frontend).
    out = tmp_path / "packages"
    run([sys.executable, ROOT / "build.py", "--package", "--no-build", "--out", out], cwd=ROOT)
    wheel, sdist = out / f"agent_bridge-{version}-py3-none-any.whl", out / f"agent_bridge-{version}.tar.gz"
    with zipfile.ZipFile(wheel) as archive:
        carried = sorted(n[len("bridge/dist/"):] for n in archive.namelist() if n.startswith("bridge/dist/"))
    with tarfile.open(sdist) as archive:
        in_sdist = sorted(n.split("/bridge/dist/", 1)[1] for n in archive.getnames() if "/bridge/dist/" in n)
    assert carried == manifest and in_sdist == manifest
    built = time.monotonic()

    # A fresh venv, the wheel and its testing extra installed from the wheelhouse alone.
    env = isolated_env(tmp_path)
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], env=env)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-index",
         "--find-links", WHEELHOUSE, "--constraint", WHEELHOUSE / "requirements.txt", f"{wheel}[testing]"],
        env=env, cwd=tmp_path)
    installed = time.monotonic()

    # python -m bridge --version says the browser files' version.
    assert run([python, "-m", "bridge", "--version"], env=env, cwd=tmp_path).stdout == f"agent-bridge {version}\n"

    # python -m bridge static DEST: every file, with its copies, byte for byte.
    www = tmp_path / "www" / "static" / "agent-bridge" / version
    said = run([python, "-m", "bridge", "static", www], env=env, cwd=tmp_path).stdout
    copied = sorted(p.relative_to(www).as_posix() for p in www.rglob("*") if p.is_file())
    assert copied == manifest and said.splitlines()[:-1] == manifest
    assert all(filecmp.cmp(DIST / name, www / name, shallow=False) for name in copied)
    assert banner_version(www / "agent-bridge.js") == version

    # The WSGI app serves the packaged build: the wasm's Brotli copy, typed, cached for a year.
    served = json.loads(run([python, "-c", SERVE_CHECK], env=env, cwd=tmp_path).stdout)
    site = venv / "lib"
    assert Path(served["bridge"]).is_relative_to(site) and Path(served["build"]).is_relative_to(site)
    assert served["status"] == "200 OK" and served["bytes"] == (DIST / "pyodide/pyodide.asm.wasm.br").stat().st_size
    assert served["headers"]["Content-Type"] == "application/wasm" and served["headers"]["Content-Encoding"] == "br"
    assert served["headers"]["Cache-Control"] == "public, max-age=31536000, immutable"

    # The example CRM test, in a project of its own, against the packaged build.
    project = tmp_path / "crm"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
    assert not (project / "dist").exists()
    result = subprocess.run([python, "-m", "pytest", "-p", "no:cacheprovider", "-q"], env=env, cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b3 passed\b", result.stdout), result.stdout

    assert not (tmp_path / "node-was-run").exists(), (tmp_path / "node-was-run").read_text()
    finished = time.monotonic()
    print(f"packaging: build {built - started:.1f} s, venv and install {installed - built:.1f} s, "
          f"checks and the example CRM test {finished - installed:.1f} s, {finished - started:.1f} s in all")
