"""An error is never cached: every 4xx/5xx answer is ``no-store`` (a CDN keeping a 404 or a 406
for a year, as the files' immutable caching would say, would fail every agent's boot), and a 406
says it depended on Accept-Encoding; a file rebuilt under a running server is refused (503)
rather than served with the old build's length and ETag."""

import pytest
from serving_helpers import call, make_build

from bridge.serving import BrowserFiles


@pytest.fixture
def build(tmp_path):
    return make_build(tmp_path / "dist")


@pytest.mark.parametrize("path, method, accept, status", [
    ("/bridge.snapshot", "GET", "identity;q=0", 406),     # a file without copies: no coding acceptable
    ("/pyodide/pyodide.asm.wasm", "GET", "br;q=0, gzip;q=0, identity;q=0", 406),
    ("/no-such-file.js", "GET", "br", 404),
    ("/agent-bridge.js", "POST", "br", 405),
    ("/agent-bridge.js", "GET", "br;q=x", 400),
])
def test_an_error_is_no_store(build, path, method, accept, status):
    answer = call(BrowserFiles(build), path, method, Accept_Encoding=accept)
    assert answer.status == status and answer["Cache-Control"] == "no-store"
    if status == 406:
        assert answer["Vary"] == "Accept-Encoding"


def test_a_file_rebuilt_under_the_server_is_refused_not_mislabelled(build):
    app = BrowserFiles(build)
    (build / "runtime.mjs").write_text("export const rebuilt = true;")
    answer = call(app, "/runtime.mjs")
    assert answer.status == 503 and answer["Cache-Control"] == "no-store" and answer["ETag"] is None
