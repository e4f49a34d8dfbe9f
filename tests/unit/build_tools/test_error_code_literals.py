"""Every error code the page shim and the frame SDK write into their source is one of
bridge/errors.py's: a code typed only in JavaScript would be missing from AgentBridge.codes,
AgentBridgeFrame.codes, both .d.ts and the README."""

import re
from pathlib import Path

from bridge.errors import ERROR_CODES

WEB = Path(__file__).resolve().parents[3] / "web"
# fail("CODE", ...), new AgentBridgeError("CODE", ...), _rejectAll("CODE", ...): a call whose
# first argument is an upper-case string literal.
CODE_LITERAL = re.compile(r"""\b(?:fail|AgentBridgeError|_rejectAll)\(\s*["']([A-Z][A-Z_]+)["']""")


def code_literals() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(WEB.rglob("*.js")):
        if path.name != "constants.js":
            for code in CODE_LITERAL.findall(path.read_text()):
                found.setdefault(code, set()).add(path.relative_to(WEB).as_posix())
    return found


def test_the_scan_finds_the_codes_in_use():
    found = code_literals()
    assert {"INVALID_ARGUMENT", "TIMEOUT", "DESTROYED", "CONNECTION_TIMEOUT"} <= set(found)
    assert "frame/connection.js" in found["CONNECTION_TIMEOUT"]


def test_every_code_in_the_javascript_is_declared_in_python():
    undeclared = {code: where for code, where in code_literals().items() if code not in ERROR_CODES}
    assert undeclared == {}, "declare these in bridge/errors.py ERROR_CODES"
