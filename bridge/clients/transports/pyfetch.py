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
        failure = None
        try:
            # One deadline for the headers and the body, as httpx2's timeout is per attempt.
            async with asyncio.timeout(timeout):
                response = await pyfetch(request.url, **options)
                body = await response.bytes()
        except TimeoutError:
            failure = TransportFailure("timeout", "no answer in time")
        except Exception as error:  # OSError or a JsException: fetch itself failed or was refused
            # Its text may quote the URL: the flow masks it (and every secret) before anyone sees it.
            failure = TransportFailure("connection", f"fetch failed: {error}")
        if failure is not None:
            raise failure  # outside the except clause: the fetch error is not chained to it
        return Response(response.status, {k.lower(): v for k, v in dict(response.headers).items()}, body)

    async def close(self) -> None:
        pass
