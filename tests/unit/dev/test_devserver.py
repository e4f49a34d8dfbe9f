"""The development server: folders and WSGI apps under URL prefixes."""

import http.client
import json

import pytest

from bridge.dev.server import start_server


def echo_app(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = json.dumps({
        "method": environ["REQUEST_METHOD"], "script": environ["SCRIPT_NAME"], "path": environ["PATH_INFO"],
        "query": environ["QUERY_STRING"], "body": environ["wsgi.input"].read(size).decode(),
        "cookie": environ.get("HTTP_COOKIE"), "type": environ.get("CONTENT_TYPE"),
        "secret_in_environ": any("SECRET" in key for key in environ),
    }).encode()
    start_response("201 Created", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


@pytest.fixture
def origin(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENT_BRIDGE_SSO_SECRET", "do-not-pass-on")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_text("<p>static</p>")
    (tmp_path / "site" / "api").mkdir()
    (tmp_path / "site" / "api" / "shadowed.txt").write_text("the app wins")
    (tmp_path / "secret.txt").write_text("outside")
    server = start_server({"/": tmp_path / "site", "/api/": echo_app})
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.headers, data  # headers: case-insensitive


def test_a_wsgi_app_answers_under_its_prefix(origin):
    status, headers, data = request(origin, "POST", "/api/token?x=1", body=b'{"a": 1}',
                                    headers={"Content-Type": "application/json", "Cookie": "s=1"})
    assert status == 201 and headers["Content-Type"] == "application/json"
    assert json.loads(data) == {"method": "POST", "script": "/api", "path": "/token", "query": "x=1",
                                "body": '{"a": 1}', "cookie": "s=1", "type": "application/json",
                                "secret_in_environ": False}


def test_the_app_gets_its_bare_prefix_and_get_requests(origin):
    status, _, data = request(origin, "GET", "/api")
    assert status == 201 and json.loads(data)["path"] == ""
    assert json.loads(request(origin, "GET", "/api/shadowed.txt")[2])["path"] == "/shadowed.txt"


def test_files_are_still_served_and_post_to_a_folder_is_refused(origin):
    status, headers, data = request(origin, "GET", "/page.html")
    assert (status, data) == (200, b"<p>static</p>") and headers["Cache-Control"] == "no-cache"
    assert request(origin, "POST", "/page.html", body=b"x")[0] == 405
    assert request(origin, "GET", "/../secret.txt")[0] == 404


@pytest.fixture
def compressed(tmp_path):
    import gzip

    site = tmp_path / "site"
    site.mkdir()
    (site / "app.wasm").write_bytes(ORIGINAL)
    (site / "app.wasm.gz").write_bytes(gzip.compress((site / "app.wasm").read_bytes()))
    (site / "app.wasm.br").write_bytes(b"brotli bytes")
    (site / "plain.js").write_text("1")
    server = start_server({"/": site})
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


ORIGINAL = b"\0asm" + b"x" * 1000


@pytest.mark.parametrize("accept, encoding", [
    ("gzip, deflate, br, zstd", "br"),
    ("gzip", "gzip"),
    ("br;q=0, gzip;q=0.5", "gzip"),
    ("", None),
    ("identity", None),
])
def test_precompressed_copies_follow_accept_encoding(compressed, accept, encoding):
    import gzip

    status, headers, data = request(compressed, "GET", "/app.wasm", headers={"Accept-Encoding": accept})
    assert status == 200 and headers["Content-Type"] == "application/wasm" and headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Encoding"] == encoding and int(headers["Content-Length"]) == len(data)
    decoded = {"br": lambda d: d, "gzip": gzip.decompress, None: lambda d: d}[encoding](data)
    assert decoded == (b"brotli bytes" if encoding == "br" else ORIGINAL)


def test_files_without_copies_and_errors_carry_no_encoding(compressed):
    connection = http.client.HTTPConnection("127.0.0.1", compressed, timeout=10)
    # One kept-alive connection: a compressed answer must not leak its headers into the next.
    for path, status, encoding in [("/app.wasm", 200, "br"), ("/plain.js", 200, None), ("/missing", 404, None)]:
        connection.request("GET", path, headers={"Accept-Encoding": "br"})
        response = connection.getresponse()
        response.read()
        assert (response.status, response.getheader("Content-Encoding")) == (status, encoding), path
    connection.close()


@pytest.fixture
def segments(tmp_path):
    site = tmp_path / "site"
    (site / "files").mkdir(parents=True)
    (site / "crmx").write_text("a file beside the app")
    (site / "filesx.txt").write_text("a file beside the folder")
    (tmp_path / "mounted").mkdir()
    (tmp_path / "mounted" / "inside.txt").write_text("in the mounted folder")
    server = start_server({"/": site, "/crm": echo_app, "/files": tmp_path / "mounted"})
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_mount_covers_its_path_segments_not_every_path_that_starts_alike(segments):
    assert [json.loads(request(segments, "GET", path)[2])["path"] for path in ("/crm", "/crm/", "/crm/a")] == ["", "", "/a"]
    status, _, data = request(segments, "GET", "/crmx")
    assert (status, data) == (200, b"a file beside the app")
    assert request(segments, "GET", "/files/inside.txt")[2] == b"in the mounted folder"
    assert request(segments, "GET", "/filesx.txt")[2] == b"a file beside the folder"


@pytest.mark.parametrize("headers, path", [
    ({"Accept-Encoding": "gzip;q=abc"}, "/page.html"),
    ({"Accept-Encoding": "gzip;q=2"}, "/page.html"),
    ({"Accept-Encoding": "br, gzip;q=0.5.5"}, "/page.html"),
    ({"Accept-Encoding": "gzip;level=9"}, "/page.html"),
    ({}, "/page.html%00"),
    ({}, "/api/token%00"),
])
def test_a_malformed_request_is_answered_400_not_dropped(origin, headers, path, capsys):
    status, _, data = request(origin, "GET", path, headers=headers)
    assert status == 400 and b"Traceback" not in data
    assert "Traceback" not in capsys.readouterr().err


def test_well_formed_weights_are_still_accepted(compressed):
    for accept, encoding in [("gzip;q=1.000, br;q=0.000", "gzip"), ("br;Q=0.001", "br"), ("gzip , ,br;q=0", "gzip")]:
        status, headers, _ = request(compressed, "GET", "/app.wasm", headers={"Accept-Encoding": accept})
        assert (status, headers["Content-Encoding"]) == (200, encoding), accept


@pytest.fixture
def escapes(tmp_path):
    """A served folder with symlinks: one that stays inside, and some that lead out of it."""
    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "sub").mkdir(parents=True)
    outside.mkdir()
    (site / "page.js").write_text("inside")
    (outside / "secret.txt").write_text("OUTSIDE")
    (site / "alias.js").symlink_to(site / "page.js")
    (site / "secret.txt").symlink_to(outside / "secret.txt")
    (site / "elsewhere").symlink_to(outside, target_is_directory=True)
    (site / "sub" / "index.html").symlink_to(outside / "secret.txt")  # a folder's index page
    (site / "page.js.gz").symlink_to(outside / "secret.txt")  # a "precompressed copy"
    server = start_server({"/": site})
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", [
    "/secret.txt", "/elsewhere/secret.txt", "/sub/", "/../outside/secret.txt", "/%2e%2e/outside/secret.txt",
    "/sub/%2E%2E/%2e%2e/outside/secret.txt", "/..%2foutside%2fsecret.txt", "/..\\outside\\secret.txt",
    "/%5c..%5coutside%5csecret.txt",
])
def test_nothing_outside_the_served_folder_is_sent(escapes, path):
    status, _, data = request(escapes, "GET", path)
    assert status == 404 and b"OUTSIDE" not in data


def test_a_symlink_that_stays_inside_is_served_and_a_copy_that_leads_out_is_not(escapes):
    assert request(escapes, "GET", "/alias.js")[2] == b"inside"
    status, headers, data = request(escapes, "GET", "/page.js", headers={"Accept-Encoding": "gzip"})
    assert (status, data, headers["Content-Encoding"]) == (200, b"inside", None)
