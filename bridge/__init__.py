"""agent-bridge: a browser bridge between CRM pages and the UCS agent-desktop component.

The pure-Python core (spec, validation, state mirror, session) runs the same on CPython and,
in the browser, in Pyodide inside a Web Worker.
"""

__version__ = "0.1.0"
