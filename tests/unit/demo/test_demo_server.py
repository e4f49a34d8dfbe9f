"""The demo server's CRM sign-in, session script, token endpoint and UCS verification stand-in."""

import io
import json
import time
from pathlib import Path

import pytest

from bridge.sso import make_token, verify_token
from demo.server import demo_routes

SECRET = "demo-secret-Ω"
ORIGIN = "http://127.0.0.1:8000"


class Client:
    """Calls the demo's WSGI apps the way a browser on the demo page would, keeping its cookie."""

    def __init__(self, routes):
        self.routes = routes
        self.cookie = ""

    def request(self, method, url, body=b"", content_type="", origin=ORIGIN, site="same-origin"):
        prefix = "/" + url.split("/")[1] + "/"
        path, _, query = url[len(prefix) - 1:].partition("?")
        environ = {"REQUEST_METHOD": method, "SCRIPT_NAME": prefix.rstrip("/"), "PATH_INFO": path,
                   "QUERY_STRING": query, "wsgi.url_scheme": "http", "HTTP_HOST": "127.0.0.1:8000",
                   "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
                   "HTTP_COOKIE": self.cookie}
        if origin:
            environ["HTTP_ORIGIN"] = origin
        if site:
            environ["HTTP_SEC_FETCH_SITE"] = site
        seen = {}

        def start_response(status, headers):
            seen["status"], seen["headers"] = status, headers

        data = b"".join(self.routes[prefix](environ, start_response))
        headers = dict(seen["headers"])
        for name, value in seen["headers"]:
            if name == "Set-Cookie":
                self.cookie = value.split(";")[0] if "Max-Age=0" not in value else ""
        return int(seen["status"][:3]), headers, data.decode()

    def sign_in(self, password="crm", next_path="/index.html?forms=x"):
        body = f"username=agent&password={password}&next={next_path}".encode()
        return self.request("POST", "/crm/sign-in", body, "application/x-www-form-urlencoded")

    def session(self):
        status, headers, body = self.request("GET", "/crm/session.js", origin=None)
        assert status == 200 and body.startswith("window.CRM_SESSION = ") and body.endswith(";\n")
        return json.loads(body[len("window.CRM_SESSION = "):-2])

    def token(self, **kwargs):
        return self.request("POST", "/crm/sso-token", b"{}", "application/json", **kwargs)

    def verify(self, username, token):
        body = json.dumps({"username": username, "token": token}).encode()
        status, _, answer = self.request("POST", "/ucs/sso/verify", body, "application/json")
        return status, json.loads(answer)


@pytest.fixture
def client():
    return Client(demo_routes(Path("dist"), secret=SECRET))


def test_routes_serve_the_demo_and_dist_beside_the_two_back_ends(client):
    assert client.routes["/dist/"] == Path("dist") and (client.routes["/"] / "index.html").exists()
    assert callable(client.routes["/crm/"]) and callable(client.routes["/ucs/"])


def test_sign_in_gives_a_strict_http_only_cookie_and_goes_back(client):
    assert client.session() is None
    status, headers, _ = client.sign_in()
    assert status == 303 and headers["Location"] == "/index.html?forms=x"
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    assert client.session() == {"username": "agent", "name": "Ada Agent", "phone": "SIP/1001"}


def test_session_script_is_same_origin_only_and_never_cached(client):
    _, headers, _ = client.request("GET", "/crm/session.js", origin=None)
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin" and headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"].startswith("text/javascript")


def test_wrong_password_shows_the_form_again_without_a_session(client):
    status, headers, page = client.sign_in(password="demo")
    assert status == 401 and "Set-Cookie" not in headers
    assert "Wrong username or password." in page and client.session() is None


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_sign_in_only_goes_back_to_this_site(client, target):
    assert client.sign_in(next_path=target)[1]["Location"] == "/"


def test_sign_in_form_escapes_where_it_goes_back_to(client):
    _, _, page = client.request("GET", '/crm/sign-in?next=/"><script>alert(1)</script>', origin=None)
    assert "<script>alert" not in page and "&quot;&gt;&lt;script&gt;" in page


def test_cross_site_sign_in_and_sign_out_are_refused(client):
    body = b"username=agent&password=crm"
    form = "application/x-www-form-urlencoded"
    assert client.request("POST", "/crm/sign-in", body, form, origin="http://evil.example", site="cross-site")[0] == 403
    assert client.request("POST", "/crm/sign-in", body, form, origin="http://evil.example", site=None)[0] == 403
    assert client.session() is None
    client.sign_in()
    assert client.request("POST", "/crm/sign-out", b"", form, origin="http://evil.example")[0] == 403
    assert client.session() is not None


def test_token_is_minted_for_the_session_user_only(client):
    assert client.token()[0] == 401
    client.sign_in()
    status, headers, body = client.token()
    answer = json.loads(body)
    assert status == 200 and headers["Cache-Control"] == "no-store" and answer["username"] == "agent"
    assert verify_token(answer["token"], SECRET, "agent")
    assert client.token(origin="http://evil.example")[0] == 403
    assert SECRET not in body


def test_sign_out_ends_the_session(client):
    client.sign_in()
    status, headers, _ = client.request("POST", "/crm/sign-out", b"next=/index.html", "application/x-www-form-urlencoded")
    assert status == 303 and headers["Location"] == "/index.html" and "Max-Age=0" in headers["Set-Cookie"]
    assert client.session() is None and client.token()[0] == 401


def test_ucs_stand_in_verifies_tokens_with_the_secret(client):
    now = int(time.time())
    assert client.verify("agent", make_token(SECRET, "agent", now)) == (200, {"valid": True, "reason": None})
    status, wrong = client.verify("agent", make_token("guess", "agent", now))
    assert status == 200 and wrong["valid"] is False and "signature" in wrong["reason"]
    assert "expired" in client.verify("agent", make_token(SECRET, "agent", now - 3600))[1]["reason"]
    assert "another user" in client.verify("agent", make_token(SECRET, "boss", now))[1]["reason"]
    assert client.verify(5, "x")[1]["valid"] is False
    assert client.request("POST", "/ucs/sso/verify", b"not json", "application/json")[0] == 400
    assert client.request("GET", "/ucs/sso/verify", origin=None)[0] == 405
    assert client.request("POST", "/ucs/other", b"{}", "application/json")[0] == 404
    body = json.dumps({"username": "agent", "token": make_token(SECRET, "agent", now)}).encode()
    assert client.request("POST", "/ucs/sso/verify", body, "application/json", origin="http://evil.example")[0] == 403


def test_the_secret_comes_from_the_environment_or_is_random(monkeypatch):
    monkeypatch.setenv("AGENT_BRIDGE_SSO_SECRET", "from-env")
    client = Client(demo_routes(Path("dist")))
    client.sign_in()
    assert verify_token(json.loads(client.token()[2])["token"], "from-env", "agent")
    monkeypatch.delenv("AGENT_BRIDGE_SSO_SECRET")
    first, second = Client(demo_routes(Path("dist"))), Client(demo_routes(Path("dist")))
    for each in (first, second):
        each.sign_in()
    token = json.loads(first.token()[2])["token"]
    assert second.verify("agent", token)[1]["valid"] is False  # each run has its own secret
    assert first.verify("agent", token)[1]["valid"] is True
