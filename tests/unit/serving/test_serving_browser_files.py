"""bridge.serving.BrowserFiles against the README's "Serving dist/ in production": the types, the
precompressed copies by Accept-Encoding, the caching, 304s, and nothing but the build's files."""

import gzip
import hashlib
import json

import pytest

from bridge.clients.errors import InvalidArgument
from bridge.serving import BrowserFiles
from serving_helpers import SCRIPT, WASM, call, make_build

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def build(tmp_path):
    return make_build(tmp_path / "dist")


@pytest.fixture
def app(build):
    return BrowserFiles(build)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# README: ".mjs and .js as text/javascript and .wasm as application/wasm"; "bridge.snapshot ... and
# the zips ... serve them as they are, as application/octet-stream and application/zip".
@pytest.mark.parametrize("path, content_type", [
    ("/agent-bridge.js", "text/javascript"),
    ("/runtime.mjs", "text/javascript"),
    ("/pyodide/pyodide.asm.wasm", "application/wasm"),
    ("/manifest.json", "application/json"),
    ("/agent-bridge.js.map", "application/json"),
    ("/agent-bridge.d.ts", "text/plain"),
    ("/bridge.snapshot", "application/octet-stream"),
    ("/bridge-stdlib.zip", "application/zip"),
    ("/agent_bridge-0.1.0-py3-none-any.whl", "application/zip"),
])
def test_each_file_has_the_type_the_browser_needs(app, build, path, content_type):
    response = call(app, path)
    assert response.status == 200 and response["Content-Type"] == content_type
    assert response.body == (build / path[1:]).read_bytes()
    assert response["Content-Length"] == str(len(response.body)) and response["X-Content-Type-Options"] == "nosniff"


# README: "Serve the .br copy to browsers whose Accept-Encoding has br (else .gz), with
# Content-Encoding and Vary: Accept-Encoding and the original's Content-Type".
@pytest.mark.parametrize("accept, encoding", [
    ("gzip, deflate, br, zstd", "br"),  # Chromium's
    ("gzip", "gzip"),
    ("br;q=0.5, gzip", "gzip"),  # the higher weight, not our preference
    ("br;q=0, gzip;q=0.5", "gzip"),
    ("*", "br"),
    ("*;q=0.5, br;q=0", "gzip"),  # * weighs what the header does not name
    ("identity", None),
    ("gzip;q=0.5, identity", None),  # identity, named and weighed higher
    ("", None),
    (None, None),  # no header
])
def test_the_copy_sent_follows_accept_encoding(app, accept, encoding):
    headers = {} if accept is None else {"Accept_Encoding": accept}
    response = call(app, "/pyodide/pyodide.asm.wasm", **headers)
    assert response.status == 200 and response["Content-Type"] == "application/wasm"
    assert response["Vary"] == "Accept-Encoding" and response["Content-Encoding"] == encoding
    decoded = {"br": lambda d: d, "gzip": gzip.decompress, None: lambda d: d}[encoding](response.body)
    assert decoded == (b"brotli of the wasm" if encoding == "br" else WASM)
    assert response["Content-Length"] == str(len(response.body))


def test_a_file_with_only_a_brotli_copy_is_sent_as_it_is_to_a_gzip_browser(app):
    response = call(app, "/agent-bridge.js", Accept_Encoding="gzip")
    assert (response["Content-Encoding"], response.body, response["Vary"]) == (None, SCRIPT, "Accept-Encoding")
    assert call(app, "/agent-bridge.js", Accept_Encoding="br").body == b"brotli of the script"


def test_a_file_without_copies_does_not_vary(app):
    response = call(app, "/bridge.snapshot", Accept_Encoding="br, gzip")
    assert response.status == 200 and response["Content-Encoding"] is None and "vary" not in response.header_names


@pytest.mark.parametrize("accept", ["identity;q=0", "*;q=0", "br;q=0, gzip;q=0, identity;q=0"])
def test_refusing_every_representation_is_406(app, accept):
    assert call(app, "/bridge.snapshot", Accept_Encoding=accept).status == 406
    # ...but a copy it takes is still sent.
    assert call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding=accept + ", gzip").status == 200


@pytest.mark.parametrize("accept", ["gzip;q=abc", "gzip;q=2", "br, gzip;q=0.5.5", "gzip;level=9"])
def test_a_malformed_weight_is_400(app, accept):
    assert call(app, "/agent-bridge.js", Accept_Encoding=accept).status == 400


# README: "serve dist/ under a versioned path with Cache-Control: public, max-age=31536000, immutable".
def test_files_are_cached_for_a_year_by_default_and_revalidated_on_request(build):
    assert call(BrowserFiles(build), "/agent-bridge.js")["Cache-Control"] == IMMUTABLE
    assert call(BrowserFiles(build, cache="revalidate"), "/agent-bridge.js")["Cache-Control"] == "no-cache"
    with pytest.raises(InvalidArgument, match="cache must be one of immutable, revalidate"):
        BrowserFiles(build, cache="forever")


def test_the_etag_is_the_sent_bytes_sha256_from_the_manifest(app, build):
    manifest = json.loads((build / "manifest.json").read_text())["files"]
    plain = call(app, "/pyodide/pyodide.asm.wasm")
    brotli = call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding="br")
    assert plain["ETag"] == f'"{manifest["pyodide/pyodide.asm.wasm"]["sha256"]}"' == f'"{sha256(WASM)}"'
    # A strong tag names one representation: the Brotli copy has its own.
    assert brotli["ETag"] == f'"{manifest["pyodide/pyodide.asm.wasm.br"]["sha256"]}"' != plain["ETag"]
    assert call(app, "/manifest.json")["ETag"] == f'"{sha256((build / "manifest.json").read_bytes())}"'


def test_if_none_match_is_answered_304_with_the_caching_headers(app):
    etag = call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding="gzip")["ETag"]
    for if_none_match in (etag, f'"other", W/{etag}', "*"):
        response = call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding="gzip", If_None_Match=if_none_match)
        assert (response.status, response.body) == (304, b""), if_none_match
        assert response["ETag"] == etag and response["Cache-Control"] == IMMUTABLE
        assert response["Vary"] == "Accept-Encoding"
    # The tag of another representation (the Brotli copy's) is no match for the gzip one.
    brotli = call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding="br")["ETag"]
    assert call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding="gzip", If_None_Match=brotli).status == 200


def test_head_has_get_s_headers_and_no_body(app):
    get = call(app, "/pyodide/pyodide.asm.wasm", Accept_Encoding="br")
    head = call(app, "/pyodide/pyodide.asm.wasm", "HEAD", Accept_Encoding="br")
    assert (head.status, head.body) == (200, b"") and head.headers == get.headers
    assert call(app, "/missing.js", "HEAD").body == b""


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_405(app, method):
    response = call(app, "/agent-bridge.js", method)
    assert response.status == 405 and response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", [
    "/", "", "/pyodide", "/pyodide/",  # no folder is listed
    "/missing.js", "/agent-bridge.js/", "/AGENT-BRIDGE.JS",
    "/../secret.txt", "/pyodide/../../secret.txt", "/pyodide/../agent-bridge.js", "/./agent-bridge.js",
    # PATH_INFO comes decoded: an escape left in it is a name of its own, never decoded again.
    "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/agent-bridge%2ejs",
    "//etc/passwd", "/" + "/tmp/secret.txt", "/C:/secret.txt",  # absolute
    "/..\\secret.txt", "/pyodide\\pyodide.asm.wasm",  # backslash
    "/agent-bridge.js\0", "/agent-bridge.js\0.map",  # NUL
    "/agent-bridge.js.br", "/pyodide/pyodide.asm.wasm.gz",  # a copy is no URL of its own
    "/\xff\xfe",  # not UTF-8
])
def test_nothing_but_the_build_s_files_is_served(app, build, path):
    (build.parent / "secret.txt").write_text("OUTSIDE")
    response = call(app, path)
    assert response.status == 404 and b"OUTSIDE" not in response.body


def test_a_file_beside_the_build_that_the_manifest_does_not_list_is_not_served(app, build):
    (build / "notes.txt").write_text("not part of the build")
    assert call(app, "/notes.txt").status == 404


def test_mounted_under_a_versioned_prefix(app):
    # The mount's prefix is SCRIPT_NAME; the app answers the path below it.
    assert call(app, "/agent-bridge.js", script_name="/static/agent-bridge/0.1.0").body == SCRIPT


def test_a_folder_that_is_no_build_is_refused(tmp_path, build):
    with pytest.raises(InvalidArgument, match="is not a browser build"):
        BrowserFiles(tmp_path)
    (build / "manifest.json").write_text(json.dumps({"files": {"../secret.txt": {"sha256": "0", "bytes": 1}}}))
    with pytest.raises(InvalidArgument, match="a path outside the build"):
        BrowserFiles(build)
