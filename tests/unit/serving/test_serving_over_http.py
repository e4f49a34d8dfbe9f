"""BrowserFiles behind a real HTTP server (the standard library's wsgiref, which decodes the
path's escapes into PATH_INFO as production servers do): a whole file through the server's
file wrapper, and escapes that would leave the build answered 404."""

import gzip
import http.client
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from bridge.serving import BrowserFiles
from serving_helpers import WASM, make_build


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def port(tmp_path):
    (tmp_path / "secret.txt").write_text("OUTSIDE")
    server = make_server("127.0.0.1", 0, BrowserFiles(make_build(tmp_path / "dist")), handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def test_a_precompressed_file_over_http(port):
    response, data = get(port, "/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(data) == WASM and response.getheader("Content-Type") == "application/wasm"


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/pyodide/%2E%2E/%2e%2e/secret.txt",
                                  "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/agent-bridge.js%00"])
def test_escapes_decoded_by_the_server_are_404(port, path):
    response, data = get(port, path)
    assert response.status == 404 and b"OUTSIDE" not in data
