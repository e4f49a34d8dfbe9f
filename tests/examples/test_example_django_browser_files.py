"""The Django example serves the bridge's browser files under /static/agent-bridge/<version>/
(bridge.serving.BrowserFiles, mounted in front of Django by acme_django/wsgi.py): the types the
README names, the precompressed copy the browser accepts, cached for a year."""

import pytest
from werkzeug.test import Client

import bridge

BASE = f"/static/agent-bridge/{bridge.__version__}/"


@pytest.mark.parametrize(("name", "content_type"), [
    ("agent-bridge.js", "text/javascript"), ("runtime.mjs", "text/javascript"),
    ("pyodide/pyodide.asm.wasm", "application/wasm"),
])
def test_files_have_their_types_and_the_compression_the_browser_accepts(django_project, agent_bridge_dist, name,
                                                                         content_type):
    client = Client(django_project.application)
    compressed = client.get(BASE + name, headers={"Accept-Encoding": "gzip;q=0.5, br"})
    assert compressed.status_code == 200
    assert compressed.headers["Content-Type"].split(";")[0] == content_type
    assert compressed.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert compressed.get_data() == (agent_bridge_dist / (name + ".br")).read_bytes()
    assert compressed.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    gzip = client.get(BASE + name, headers={"Accept-Encoding": "gzip"})
    assert gzip.headers["Content-Encoding"] == "gzip"
    plain = client.get(BASE + name)
    assert "Content-Encoding" not in plain.headers
    assert plain.get_data() == (agent_bridge_dist / name).read_bytes()


def test_another_version_or_a_missing_file_is_404(django_project):
    client = Client(django_project.application)
    assert client.get("/static/agent-bridge/0.0.0-other/agent-bridge.js").status_code == 404
    assert client.get(BASE + "no-such-file.js").status_code == 404
