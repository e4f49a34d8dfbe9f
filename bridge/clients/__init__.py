"""REST clients for contact centers, on one sans-I/O core.

- :mod:`.messages`: a request and a response as plain data; :mod:`.calls`: one operation
  (a request builder and a response reader);
- :mod:`.flow`: the multi-step logic (log in, renew, replay once, retry) written once, as a
  generator that yields steps and receives their results;
- :mod:`.engines`: the sync and the async drivers of that generator, over a transport:
  :mod:`.transports.httpx` (httpx2, CPython) or :mod:`.transports.pyfetch` (Pyodide);
- :mod:`.errors`: the one error tree (under :class:`bridge.errors.BridgeError`);
- :mod:`.tokens`, :mod:`.retry`, :mod:`.redaction`, :mod:`.records`: what the flow and the vendors share;
- one subpackage per vendor: :mod:`.ucs`, :mod:`.ucontact`.

Nothing here but ``transports/httpx.py`` imports a third-party package, so the core also runs in
Pyodide (the browser wheel leaves the httpx2 transport out).
"""
