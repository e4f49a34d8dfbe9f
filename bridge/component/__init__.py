"""The browser core: the component API declared once, argument checks, the state mirror, one
page's session and the runtime's JSON entry points (:mod:`bridge.component.wire`).

Plain Python with no dependencies: the same modules run in Pyodide in the page's worker and on
CPython in the unit tests.
"""
