"""The transports the engines send requests through: :mod:`.httpx` (httpx2, CPython only: the
one module of the clients that imports a third-party package, left out of the browser wheel)
and :mod:`.pyfetch` (Pyodide's ``pyfetch``)."""
