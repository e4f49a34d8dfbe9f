"""Benchmark of the XUC REST client: one table.

(a) 1,000 ``dial_number`` requests against the XUC fake (``bridge.testing.fakes.xuc.XucFake``)
    in a child process, served on 127.0.0.1 by ``bridge.testing.fakes.serve`` (HTTP/1.1
    keep-alive), so the fake's work does not share this process's GIL: ``AsyncXucClient`` against
    a plain ``httpx2.AsyncClient`` loop making the same requests (one web-service login, then the
    same POSTs with the same headers and JSON bodies, each answer's JSON read). Both SEQUENTIAL:
    one request awaited after the other (the same concurrency for both, and the one where a
    client's own cost per request shows most). Each run is a new client: its login included.
    Target: ratio <= 1.10x.
(b) Renewal overhead per call when the token is fresh, in-process: an ``AsyncXucClient`` over a
    transport that answers at once (a prebuilt ``{"res": "success"}``) doing ``dial_number``,
    against the same transport's ``send`` awaited directly with the request the client built.
    The target row times the client's ``_run`` of a call made once (``operations.dial_number``:
    the input checks and the call's data, not renewal, are left out; its full ``dial_number`` is
    a row of its own): deciding the token is good (``TokenState.usable``), the ACL check,
    building the request with its bearer, and also the flow's steps and reading the answer (so
    an upper bound of the renewal part). Target: under 20 us. The three named parts are also
    timed alone, for the record.

Medians over ``--runs`` runs (default 5). A report, not a test: no target fails the script.

    .venv/bin/python tests/bench/bench_xuc.py [--runs 5] [--dials 1000] [--calls 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402
from bench_support import print_table, served_by_child, timed  # noqa: E402

from bridge.clients.calls import USER_AGENT, build_request  # noqa: E402
from bridge.clients.messages import Response  # noqa: E402
from bridge.clients.xuc import AsyncXucClient, WebServiceUser  # noqa: E402
from bridge.clients.xuc import operations as ops  # noqa: E402
from bridge.testing.fakes.xuc import XucFake  # noqa: E402

# The seed's web-service user and a CTI user of its dial example (the fake's fixtures).
LOGIN, PASSWORD = "web_service_user_login", "web_service_user_password"
USER, DESTINATION = "jbond", "0123456789"
API = "/xuc/api/2.0"

# The child: the fake (a token outlives every run), served until its stdin closes.
CHILD = """
import sys
from bridge.testing.fakes import serve
from bridge.testing.fakes.xuc import XucFake
serve._Handler.disable_nagle_algorithm = True  # as bench_clients.py: no delayed-ACK wait per answer
fake = XucFake(ttl=86400)
with fake.serve() as url:
    print(url, flush=True)
    sys.stdin.read()
"""


@contextlib.contextmanager
def fake():
    """The base URL of an XUC fake served by a child process."""
    with served_by_child(CHILD) as (url,):
        yield url


# --- (a) ---------------------------------------------------------------------------------------

def dial_with_client(url: str, dials: int) -> int:
    async def run():
        async with AsyncXucClient(url, WebServiceUser(LOGIN, PASSWORD)) as xuc:
            for _ in range(dials):
                await xuc.dial_number(USER, DESTINATION)
            return dials
    return asyncio.run(run())


def dial_with_httpx(url: str, dials: int) -> int:
    # The client's requests: its headers (Accept, User-Agent, Content-Type, Accept-Encoding,
    # Authorization) and its body, {"destination", "variables": {}}; each answer checked.
    async def run():
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        async with httpx2.AsyncClient(headers=headers, follow_redirects=False, trust_env=False) as http:
            login = await http.post(f"{url}{API}/auth/webservice", json={"login": LOGIN, "password": PASSWORD})
            bearer = {"Authorization": f"Bearer {login.json()['token']}"}
            for _ in range(dials):
                answer = await http.post(f"{url}{API}/dial/number/{USER}", headers=bearer,
                                         json={"destination": DESTINATION, "variables": {}})
                if answer.status_code != 200 or answer.json().get("res") != "success":
                    raise RuntimeError(answer.text)
            return dials
    return asyncio.run(run())


# --- (b) ---------------------------------------------------------------------------------------

class Instant:
    """An in-process transport (the engine's ``async send(request, timeout)``) that answers at
    once: the login with a token of the fake's (its ACLs real), every other request with XUC's
    ``{"res": "success"}``. ``last`` is the last request sent."""

    def __init__(self):
        token = XucFake().issue_token(LOGIN, "webservice")
        self.login = Response(200, {"content-type": "application/json"},
                              json.dumps({"login": LOGIN, "token": token, "TTL": 86400}).encode())
        self.success = Response(200, {"content-type": "application/json"}, b'{"res":"success"}')
        self.last = None

    async def send(self, request, timeout):
        self.last = request
        return self.login if request.url.endswith("/auth/webservice") else self.success

    async def close(self):
        pass


def per_call(calls: int) -> dict[str, float]:
    """Microseconds per call: the client's dial_number, the transport's send alone, and the parts."""
    async def run():
        transport = Instant()
        xuc = AsyncXucClient("http://127.0.0.1:8090", WebServiceUser(LOGIN, PASSWORD), transport=transport)
        await xuc.dial_number(USER, DESTINATION)  # logged in: the token is fresh from here on
        prebuilt, timeout = transport.last, xuc._engine.timeout
        call = ops.dial_number(USER, DESTINATION)
        start = time.perf_counter()
        for _ in range(calls):
            await xuc.dial_number(USER, DESTINATION)
        full = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(calls):
            await xuc._run(call)  # what dial_number does once its call is made: the check, the engine
        ours = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(calls):
            await transport.send(prebuilt, timeout)
        direct = time.perf_counter() - start
        assert xuc.logins == 1 and xuc.renewals == 0  # no call renewed or logged in again

        # The parts alone (sync, no await): the token decision, the ACL check, building the request.
        engine = xuc._engine
        token = engine.tokens.token
        parts = {}
        for name, part in (("usable", lambda: engine.tokens.usable(None, engine.clock())),
                           ("acl", lambda: xuc._refusal(call, token)),
                           ("build", lambda: build_request(xuc._api.base_url, call, xuc._api.authorize(token)))):
            start = time.perf_counter()
            for _ in range(calls):
                part()
            parts[name] = (time.perf_counter() - start) / calls * 1e6
        assert engine.tokens.usable(None, engine.clock()) is token and xuc._refusal(call, token) is None
        await xuc.close()
        return {"full": full / calls * 1e6, "ours": ours / calls * 1e6, "direct": direct / calls * 1e6, **parts}
    return asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dials", type=int, default=1000, help="dial requests per run in (a)")
    parser.add_argument("--calls", type=int, default=20000, help="calls per run in (b)")
    args = parser.parse_args()
    table: list[tuple[str, str, str, str]] = []

    with fake() as url:
        dial_with_client(url, 50), dial_with_httpx(url, 50)  # warm up: imports, connections, the fake's paths
        ours, plain = [], []
        for _ in range(args.runs):
            for function, times in ((dial_with_client, ours), (dial_with_httpx, plain)):
                seconds, count = timed(lambda: function(url, args.dials))
                assert count == args.dials
                times.append(seconds)
        ratio = median([a / b for a, b in zip(ours, plain)])
        what = f"{args.dials:,} dial_number, sequential"
        table += [(f"(a) {what}, AsyncXucClient", f"{median(ours) * 1000:.0f} ms",
                   "", f"{median(ours) / args.dials * 1e6:.0f} us/request"),
                  (f"(a) {what}, plain httpx2.AsyncClient loop", f"{median(plain) * 1000:.0f} ms",
                   "", f"{median(plain) / args.dials * 1e6:.0f} us/request"),
                  ("(a) ratio client / plain", f"{ratio:.3f}x", "<= 1.10x", "yes" if ratio <= 1.10 else "NO")]

    per_call(1000)  # warm up
    runs = [per_call(args.calls) for _ in range(args.runs)]
    overhead = median([r["ours"] - r["direct"] for r in runs])
    table += [("(b) dial_number, fresh token, instant transport", f"{median([r['full'] for r in runs]):.1f} us",
               "", "per call, in-process; with making the call"),
              ("(b) the same, its call made once (client._run)", f"{median([r['ours'] for r in runs]):.1f} us",
               "", "per call: ACL check + engine"),
              ("(b) the same transport's send, prebuilt request", f"{median([r['direct'] for r in runs]):.1f} us",
               "", "per call"),
              ("(b) overhead per call (client._run - direct)", f"{overhead:.1f} us", "< 20 us",
               "yes" if overhead < 20 else "NO"),
              ("(b)   of which TokenState.usable", f"{median([r['usable'] for r in runs]):.2f} us", "", "alone"),
              ("(b)   of which the ACL check (_refusal)", f"{median([r['acl'] for r in runs]):.2f} us", "", "alone"),
              ("(b)   of which build_request + bearer", f"{median([r['build'] for r in runs]):.2f} us", "", "alone")]

    print_table(table)
    print(f"\n{args.runs} runs; (a) {args.dials:,} dials a run, fake in a child process on 127.0.0.1; "
          f"(b) {args.calls:,} calls a run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
