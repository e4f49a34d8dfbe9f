"""The Flask example serves the bridge's browser files under /static/agent-bridge/<version>/
(bridge.serving.BrowserFiles, mounted in front of Flask): the types the README names, the
precompressed copy the browser accepts, cached for a year."""

import pytest

import bridge

BASE = f"/static/agent-bridge/{bridge.__version__}/"


@pytest.mark.parametrize(("name", "content_type"), [
    ("agent-bridge.js", "text/javascript"), ("runtime.mjs", "text/javascript"),
    ("pyodide/pyodide.asm.wasm", "application/wasm"),
])
def test_files_have_their_types_and_the_compression_the_browser_accepts(flask_app, agent_bridge_dist, name,
                                                                         content_type):
    client = flask_app.test_client()
    compressed = client.get(BASE + name, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed.status_code == 200
    assert compressed.headers["Content-Type"].split(";")[0] == content_type
    assert compressed.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert compressed.get_data() == (agent_bridge_dist / (name + ".br")).read_bytes()
    assert compressed.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    plain = client.get(BASE + name)
    assert "Content-Encoding" not in plain.headers
    assert plain.get_data() == (agent_bridge_dist / name).read_bytes()


def test_another_version_or_a_missing_file_is_404(flask_app):
    client = flask_app.test_client()
    assert client.get("/static/agent-bridge/0.0.0-other/agent-bridge.js").status_code == 404
    assert client.get(BASE + "no-such-file.js").status_code == 404
    assert client.get(BASE + "../" * 6 + "etc/passwd").status_code == 404
