"""The transport in Pyodide: the browser's fetch through ``pyodide.http.pyfetch``.

In the bridge's worker, fetch is the runtime's checked one: it lets a request through only to
an origin the page named in ``apiOrigins`` (without cookies, redirects refused) and refuses
everything else, which arrives here as a connection failure.
"""

from __future__ import annotations

import asyncio

from ..flow import TransportFailure
from ..messages import Request, Response


class PyfetchTransport:
    async def send(self, request: Request, timeout: float) -> Response:
        from pyodide.http import pyfetch  # only in Pyodide

        options: dict = {"method": request.method, "headers": dict(request.headers)}
        if request.body:
            options["body"] = request.body
        try:
            response = await asyncio.wait_for(pyfetch(request.url, **options), timeout)
            body = await asyncio.wait_for(response.bytes(), timeout)
        except asyncio.TimeoutError:
            raise TransportFailure("timeout", "no answer in time") from None
        except asyncio.CancelledError:
            raise
        except Exception as error:  # OSError or a JsException: fetch itself failed or was refused
            raise TransportFailure("connection", f"fetch failed: {error}") from None
        return Response(response.status, {k.lower(): v for k, v in dict(response.headers).items()}, body)

    async def close(self) -> None:
        pass
