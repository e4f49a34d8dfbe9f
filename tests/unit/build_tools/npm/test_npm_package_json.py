"""The tarball's package.json: the one version, and exports that resolve to files in the package."""

import re

from bridge import __version__


def _targets(value):
    """Every file path an exports value names (conditions nested or not)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for each in value.values():
            yield from _targets(each)


def test_name_version_licence(npm_package_json):
    assert npm_package_json["name"] == "agent-bridge"
    assert npm_package_json["version"] == __version__  # bridge/__init__.py, the one place
    assert npm_package_json["license"] == "MIT"  # pyproject.toml's
    # The .d.ts files are ES module declarations: TypeScript (nodenext) reads them by this.
    assert npm_package_json["type"] == "module"


def test_entries_resolve_to_files_in_the_tarball(npm_package_json, npm_members):
    exports = npm_package_json["exports"]
    in_package = {name.removeprefix("package/") for name in npm_members}
    for key, value in exports.items():
        for target in _targets(value):
            if "*" in target:
                continue
            assert target.startswith("./") and target[2:] in in_package, (key, target)
    # A bundler's import lands on the ES module (the classic script exports nothing), with types.
    assert exports["."] == {"types": "./agent-bridge.d.ts", "import": "./agent-bridge.mjs", "default": "./agent-bridge.mjs"}
    assert exports["./frame"] == {"types": "./agent-bridge-frame.d.ts", "import": "./agent-bridge-frame.mjs",
                                  "default": "./agent-bridge-frame.mjs"}
    # "types" first: TypeScript takes the first condition it knows.
    assert all(next(iter(exports[key])) == "types" for key in (".", "./frame"))
    assert exports["./package.json"] == "./package.json"
    # What the shim loads relative to its own URL, and the classic scripts, reachable by name.
    assert exports["./*"] == "./*"
    for name in ("runtime.mjs", "agent-bridge.js", "agent-bridge-frame.js", "pyodide/pyodide.asm.wasm",
                 "bridge.snapshot", "bridge-stdlib.zip", f"agent_bridge-{__version__}-py3-none-any.whl"):
        assert name in in_package, name
    for field in ("main", "module", "types"):
        assert npm_package_json[field].removeprefix("./") in in_package, field


def test_files_covers_the_tarball(npm_package_json, npm_members):
    # `files` is what npm would pack from the extracted folder: every member is under one entry.
    files = npm_package_json["files"]
    for name in npm_members:
        inner = name.removeprefix("package/")
        if inner in ("package.json", "README.md", "LICENSE"):
            continue  # npm always packs these
        assert inner in files or any(entry.endswith("/") and inner.startswith(entry) for entry in files), inner
    assert all(re.fullmatch(r"[\w.@-]+/?", entry) for entry in files), files
