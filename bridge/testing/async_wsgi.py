"""An async httpx2 transport that runs a WSGI app in-process: async clients meet the WSGI fakes
without a socket (httpx2 has ``WSGITransport`` for sync clients only).

Each request runs ``httpx2.WSGITransport`` in a worker thread (``asyncio.to_thread``), so a slow
app (a fake's "slow answers" knob) does not stop the event loop, and concurrent tasks are
concurrent requests, as on a threaded server: the app must be thread-safe, as any WSGI app
behind a threaded server must. The answer is read whole in that thread and handed back as it
came (still encoded: the client decodes it)::

    transport = AsyncWSGITransport(app=fake)
    async with AsyncUcsClient(..., transport=transport) as client: ...
"""

from __future__ import annotations

import asyncio

import httpx2


class AsyncWSGITransport(httpx2.AsyncBaseTransport):
    """``httpx2.WSGITransport``'s arguments (``raise_app_exceptions``, ``script_name``,
    ``remote_addr``...), served to async clients."""

    def __init__(self, app, **options):
        self._wsgi = httpx2.WSGITransport(app=app, **options)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        # The same request with a sync body: WSGITransport reads it in its thread.
        sync_request = httpx2.Request(request.method, request.url, headers=request.headers, content=body,
                                      extensions=request.extensions)
        return await asyncio.to_thread(self._call, sync_request)

    def _call(self, request: httpx2.Request) -> httpx2.Response:
        response = self._wsgi.handle_request(request)
        try:
            raw = b"".join(response.stream)  # as the app sent it: content-encoding left to the client
        finally:
            response.close()  # the app's iterable is closed, as WSGI requires
        return httpx2.Response(response.status_code, headers=response.headers.raw, content=raw,
                               extensions=response.extensions)

    async def aclose(self) -> None:
        self._wsgi.close()
