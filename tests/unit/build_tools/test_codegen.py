"""What the page and the docs know of the API is generated from the Python spec, and current."""

import json
import re
from pathlib import Path

import pytest

from bridge.build import codegen
from bridge.errors import BROWSER_CODES, ERROR_CODES, SERVER_CODES
from bridge.component.options import FRAME_SDK_OPTIONS, PAGE_OPTIONS
from bridge.component.spec import METHODS

ROOT = Path(__file__).resolve().parents[3]


def constants(module: str) -> dict:
    """The values of a generated constants module (``export const NAME = <JSON>;`` lines)."""
    found = re.findall(r"^export const ([A-Z_]+) = (.*);$", module, flags=re.M)
    assert len(found) == len([line for line in module.splitlines() if not line.startswith("//")])
    return {name: json.loads(value) for name, value in found}


@pytest.fixture(scope="module")
def shim():
    return constants(codegen.render_page_constants({"runtime.mjs": "sha256-x"}, "runtime.mjs", "w.whl"))


def test_shim_method_table_is_the_spec(shim):
    assert shim["METHODS"] == [[m.name, len(m.params)] for m in METHODS]


def test_shim_error_codes_are_the_python_ones_a_browser_can_see(shim):
    assert shim["CODES"] == BROWSER_CODES
    # The server's codes (SSO tokens, REST clients) stay out of what the browser downloads.
    assert SERVER_CODES <= ERROR_CODES.keys() and not SERVER_CODES & shim["CODES"].keys()
    assert BROWSER_CODES.keys() | SERVER_CODES == ERROR_CODES.keys()


def test_shim_options_are_the_declared_ones(shim):
    assert shim["OPTIONS"] == [o.schema() for o in PAGE_OPTIONS]
    by_name = {o["name"]: o for o in shim["OPTIONS"]}
    assert by_name["callTimeout"]["default"] == 10000 and by_name["frames"]["default"] == []
    assert by_name["frameRate"]["kind"] == {"kind": "number", "min": 0, "max": 10000, "integer": False,
                                            "exclusiveMin": True}


def test_frame_sdk_knows_every_method():
    assert constants(codegen.render_frame_constants())["METHODS"] == [m.name for m in METHODS]


def test_types_declare_every_method_with_its_parameters():
    types = codegen.render_types()
    for method in METHODS:
        params = ", ".join(f"{p.name}{'?' if p.optional else ''}: {codegen._param_ts(p)}" for p in method.params)
        assert f"  {method.name}({params}): Promise<{method.returns}>;" in types
    assert 'dial(number: string, queue?: number | "directCall" | "undefined" | null, line?: number | null, ' \
           'data?: Record<string, unknown> | null)' in types
    assert 'notify(title: string, type?: "error" | "warning" | "success" | "info" | null, unique?: boolean | null, ' \
           'timeout?: number | null' in types


def test_types_have_the_objects_and_codes():
    types = codegen.render_types()
    assert "export interface Call {" in types and "  uniqueid?: string;" in types
    assert "export type CallState = 0 | 1 | 2 | 3 | 4 | 5;" in types
    assert "export type HangupCause = -1 | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;" in types
    assert '"QUEUE_FULL"' in types and '"BOOT_FAILED"' in types


def test_readme_tables_are_current():
    readme = (ROOT / "README.md").read_text()
    for name, render in codegen.README_SECTIONS.items():
        section = f"<!-- generated:{name}:start -->\n{render()}<!-- generated:{name}:end -->"
        assert section in readme, f"README's {name} tables are stale: run `make docs` (python build.py --docs)"


def test_readme_shows_the_example_crm_test_as_it_is():
    readme = (ROOT / "README.md").read_text()
    for name in ("conftest.py", "test_example_crm.py"):
        source = (ROOT / "tests" / "example_crm" / name).read_text().strip()
        assert f"```python\n{source}\n```" in readme, f"README's copy of tests/example_crm/{name} is out of date"


def test_frame_sdk_error_codes_are_the_python_ones():
    frame = constants(codegen.render_frame_constants())
    assert frame["CODES"] == list(BROWSER_CODES) and "CONNECTION_TIMEOUT" in frame["CODES"]


def _block(types: str, start: str) -> str:
    """The declaration in ``types`` that begins with the line ``start``, to its closing brace."""
    begin = types.index(start + "\n")
    return types[begin:types.index("\n}\n", begin) + 2]


def test_both_declarations_share_codes_error_class_and_methods():
    page, frame = codegen.render_types(), codegen.render_frame_types()
    error_codes = next(line for line in page.splitlines() if line.startswith("export type ErrorCode = "))
    assert error_codes in frame.splitlines() and '"CONNECTION_TIMEOUT"' in error_codes
    for start in ("export declare class AgentBridgeError extends Error {", "export interface ComponentMethods {",
                  "export interface ComponentEvents {"):
        assert _block(page, start) == _block(frame, start)
    assert "export interface Bridge extends ComponentMethods {" in page
    assert "export interface Connection extends ComponentMethods {" in frame


def test_frame_types_declare_the_options_with_parent_origin_required():
    options = _block(codegen.render_frame_types(), "export interface FrameConnectOptions {")
    assert "  parentOrigin: string;" in options
    assert "parentOrigin" not in [o.name for o in FRAME_SDK_OPTIONS if not o.required]
    for option in (o for o in FRAME_SDK_OPTIONS if not o.required):
        assert f"  {option.name}?: {option.ts};" in options and f"Default: {option.shown_default}." in options
