"""agent-bridge: the integration layer between CRM web applications and contact centers.

- In the browser (Pyodide, in a Web Worker): the UCS component's spec, validation, state mirror
  and session (:mod:`bridge.component`), the frame rules (:mod:`bridge.frames`), and the REST
  clients' pure core (:mod:`bridge.clients`, over ``pyfetch``).
- On the CRM's server (CPython): SSO tokens (:mod:`bridge.sso`), the REST clients over httpx2
  (:mod:`bridge.clients.ucs`, :mod:`bridge.clients.ucontact`), and the testing kit with its
  fakes (:mod:`bridge.testing`).
"""

# The one place the version is set: flit reads it for the wheel and sdist, build.py writes it
# into the scripts' banners and the npm package, `python -m bridge --version` prints it.
__version__ = "0.1.0"
version = __version__  # bridge.version, the same string
