"""The npm package is the browser's files only: no Python sources, no server or secret files."""

import io
import tarfile
import zipfile


def test_no_python_sources_or_server_files(npm_members):
    names = [name.removeprefix("package/") for name in npm_members]
    assert [n for n in names if n.endswith((".py", ".pyc", ".pyi", ".pyx"))] == []
    # Nothing of the server's package: the packaged build (bridge/dist/), SSO, the testing kit.
    assert [n for n in names if n.startswith(("bridge/", "tests/", "demo/", ".")) or "/." in n] == []
    assert [n for n in names if any(word in n.lower() for word in (".env", ".pem", ".key", "secret", "token"))] == []


def test_the_wheel_inside_is_the_browser_subset(npm_tarball, npm_members):
    (wheel_name,) = [n for n in npm_members if n.endswith(".whl")]
    with tarfile.open(npm_tarball) as tar, zipfile.ZipFile(io.BytesIO(tar.extractfile(wheel_name).read())) as wheel:
        inside = wheel.namelist()
    assert "bridge/component/wire.py" in inside
    # The server's parts never reach a page (build.py's in_browser_wheel keeps them out).
    server = ("bridge/sso/", "bridge/testing/", "bridge/dev/", "bridge/build/", "bridge/dist/",
              "bridge/clients/transports/httpx.py")
    assert [n for n in inside if n.startswith(server)] == []
