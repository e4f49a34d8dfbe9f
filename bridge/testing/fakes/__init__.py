"""Stateful fakes of the contact-center REST APIs, for the clients' tests and a CRM team's CI.

Each fake is a WSGI application seeded with its vendor document's examples, with fault knobs
(:mod:`.faults`). The same object runs in-process and on 127.0.0.1::

    import httpx2
    from bridge.testing.fakes import UcsFake

    fake = UcsFake()
    in_process = httpx2.Client(transport=httpx2.WSGITransport(app=fake), base_url="https://ucs.test")
    with fake.serve() as url:                          # a thread on 127.0.0.1, HTTP/1.1 keep-alive
        over_loopback = httpx2.Client(base_url=url)

- :class:`UcsFake`: the UCS REST API (:mod:`.ucs`; its data: :mod:`.ucs_fixtures`).
- :class:`UContactFake`: uContact Integra (:mod:`.ucontact`).
- :class:`XucFake`: the XiVO XUC REST API 2.0 and its event export (:mod:`.xuc`; its data: :mod:`.xuc_fixtures`).
- :class:`UdeskFake`: Udesk CCPaaS ccapi v2, signed requests and event pushes (:mod:`.udesk`; its data:
  :mod:`.udesk_fixtures`).
- :func:`serving`: any WSGI app on 127.0.0.1 (:mod:`.serve`).

The pytest plugin (:mod:`bridge.testing.plugin`) offers them as fixtures: ``ucs_fake``,
``ucs_fake_server``, ``ucontact_fake``, ``ucontact_fake_server``, ``xuc_fake``, ``xuc_fake_server``, ``udesk_fake``, ``udesk_fake_server``. Test tooling only: nothing here
is in the browser wheel.
"""

from .serve import serving
from .ucontact import UContactFake, UContactUser
from .ucs import UcsFake
from .udesk import UdeskFake, UdeskRequest
from .wsgi import RecordedRequest
from .xuc import XucCtiUser, XucFake, XucWebServiceUser

__all__ = ["RecordedRequest", "UContactFake", "UContactUser", "UcsFake", "UdeskFake", "UdeskRequest", "XucCtiUser",
           "XucFake", "XucWebServiceUser", "serving"]
