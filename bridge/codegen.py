"""Renders what the page and the docs know of the API from the Python declarations.

Build-time only (it imports jinja2, which the browser never loads): ``build.py`` calls
:func:`render_shim` and :func:`render_types`, and the README's tables come from
:func:`render_readme_tables`, kept in step by a unit test.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import __version__
from .argtypes import Nullable
from .errors import ERROR_CODES
from .mirror import CALL_CHANGES, CONNECTED, KNOWN_CALLBACKS, LOADING
from .objects import ENUMS, VIEWS
from .options import PAGE_OPTIONS
from .ucontact import DISPOSITION_FIELDS
from .spec import AGENT_STATUSES, ANY, COMPONENT_STATES, METHODS, RINGING_SOUNDS

WEB = Path(__file__).resolve().parent.parent / "web"
_TS_KINDS = {"str": "string", "int": "number", "bool": "boolean", "timestamp": "number | string",
             "object": "Record<string, unknown>", "array": "unknown[]"}


def _environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(templates)), undefined=StrictUndefined,
                       keep_trailing_newline=True, trim_blocks=False, autoescape=False)


def _union(values) -> str:
    return " | ".join(json.dumps(v) for v in values)


def _states(method) -> str:
    return "any state" if method.states == ANY else ", ".join(method.states)


def _param_ts(param) -> str:
    # null for an optional parameter means "not given" (bridge.validation), so it type-checks.
    if param.optional and not isinstance(param.type, Nullable):
        return f"{param.type.ts()} | null"
    return param.type.ts()


def _signature(method) -> str:
    return ", ".join(f"{p.name}{'?' if p.optional else ''}: {_param_ts(p)}" for p in method.params)


def render_shim(integrity: dict[str, str], runtime: str, wheel: str, templates: Path = WEB) -> str:
    """``agent-bridge.js``: the page shim with the method table and file hashes filled in."""
    return _environment(templates).get_template("agent-bridge.js.j2").render(
        version=__version__,
        version_json=json.dumps(__version__),
        methods_json=json.dumps([[m.name, len(m.params)] for m in METHODS], separators=(",", ":")),
        codes_json=json.dumps(ERROR_CODES, indent=None),
        callbacks_json=json.dumps(list(KNOWN_CALLBACKS)),
        integrity_json=json.dumps(integrity, indent=None, sort_keys=True),
        runtime_json=json.dumps(runtime),
        wheel_json=json.dumps(wheel),
        options=PAGE_OPTIONS,
    )


def render_frame_sdk(templates: Path = WEB) -> str:
    """``agent-bridge-frame.js``: the SDK for iframes, with the component's method names."""
    from .session import FRAME_PROTOCOL

    return _environment(templates).get_template("agent-bridge-frame.js.j2").render(
        version=__version__,
        version_json=json.dumps(__version__),
        methods_json=json.dumps([m.name for m in METHODS], separators=(",", ":")),
        protocol=FRAME_PROTOCOL,
    )


def _enum_ts(e: type[enum.Enum]) -> dict:
    values = " | ".join(json.dumps(m.value) for m in e)
    doc = ", ".join(f"{m.value} {m.name}" for m in e)
    return {"name": e.__name__, "ts": values, "doc": doc}


def _field_ts(kind) -> str:
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind.__name__
    return _TS_KINDS[kind]


def render_types(templates: Path = WEB) -> str:
    """``agent-bridge.d.ts``."""
    methods = [{
        "name": m.name, "doc": m.doc, "states": _states(m), "since": m.since, "returns": m.returns,
        "signature": _signature(m), "params": m.params,
    } for m in METHODS]
    views = [{"name": v.__name__, "fields": [{"name": f.name, "ts": _field_ts(f.kind), "doc": f.doc}
                                              for f in v.FIELDS]} for v in VIEWS]
    return _environment(templates).get_template("agent-bridge.d.ts.j2").render(
        version=__version__,
        component_states=_union((LOADING, CONNECTED, *COMPONENT_STATES)),
        agent_statuses=_union(AGENT_STATUSES),
        error_codes=_union(ERROR_CODES),
        ringing_sounds=_union(RINGING_SOUNDS),
        call_changes=_union(CALL_CHANGES),
        enums=[_enum_ts(e) for e in ENUMS if e.__name__ != "AgentStatus"],
        views=views,
        methods=methods,
        options=[{"name": o.name, "ts": o.ts, "default": o.default_doc, "doc": o.doc} for o in PAGE_OPTIONS],
        disposition_fields=DISPOSITION_FIELDS,
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_readme_tables() -> str:
    """The README's method, option and error tables (between its ``generated`` markers)."""
    lines = ["| method | parameters | allowed in | since |", "| --- | --- | --- | --- |"]
    for m in METHODS:
        params = "; ".join(
            f"`{p.name}{'?' if p.optional else ''}`: {_cell(p.type.describe())}" for p in m.params) or "none"
        lines.append(f"| `{m.name}` | {params} | {_states(m)} | {m.since} |")
    lines += ["", "| option | default | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{o.name}` | {_cell(o.default_doc)} | {_cell(o.doc)} |" for o in PAGE_OPTIONS]
    lines += ["", "| error code | meaning |", "| --- | --- |"]
    lines += [f"| `{code}` | {_cell(doc)} |" for code, doc in ERROR_CODES.items()]
    return "\n".join(lines) + "\n"


def render_simulator_tables() -> str:
    """The README's tables of what the UCS component simulator does (bridge/testing/behaviour.py)."""
    from .testing import behaviour

    def states(m):
        return "any" if m.states == behaviour.ANY else ", ".join(m.states)

    lines = ["| method | allowed in | leads to | what the simulator does | row |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| `{m.name}` | {states(m)} | {m.enters or 'stays'} | {_cell(m.does)} | {m.source} |"
              for m in behaviour.METHODS]
    lines += ["", "| callback | when | argument | name |", "| --- | --- | --- | --- |"]
    lines += [f"| `{c.name}` | {_cell(c.when)} | {_cell(c.argument)} | {c.source} |" for c in behaviour.CALLBACKS]
    lines += ["", "| scenario control (`sim.…` in JS) | arguments | what happens |", "| --- | --- | --- |"]
    lines += [f"| `{c.name}` | {_cell(c.signature) or 'none'} | {_cell(c.does)} |" for c in behaviour.CONTROLS]
    return "\n".join(lines) + "\n"


# README.md's generated sections: marker name -> renderer (``python build.py --docs`` writes them).
README_SECTIONS = {"api": render_readme_tables, "simulator": render_simulator_tables}
