"""The demo server's CRM sign-in, session and config scripts, token endpoint, UCS verification
stand-in, and the form's origin that knows its parent."""

import http.client
import json
import time
from pathlib import Path

import pytest

from bridge.sso import make_token, verify_token
from bridge.testing.fakes.ucs import UcsFake
from demo.server import UCS_CLIENT_ID, demo_routes, form_routes, start_demo
from demo_client import FORM_ORIGIN, Client, routes

SECRET = "demo-secret-Ω"


@pytest.fixture
def client():
    return Client(routes(secret=SECRET))


def test_routes_serve_the_demo_and_dist_beside_the_two_back_ends(client):
    assert client.routes["/dist/"] == Path("dist") and (client.routes["/"] / "index.html").exists()
    assert callable(client.routes["/crm/"]) and callable(client.routes["/ucs/"])


def test_sign_in_gives_a_strict_http_only_cookie_and_goes_back(client):
    assert client.session() is None
    status, headers, _ = client.sign_in()
    assert status == 303 and headers["Location"] == "/index.html?tab=calls"
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    assert client.session() == {"username": "agent", "name": "Ada Agent", "phone": "SIP/1001"}


@pytest.mark.parametrize("url", ["/crm/session.js", "/crm/config.js"])
def test_page_scripts_are_same_origin_only_and_never_cached(client, url):
    _, headers, _ = client.request("GET", url, origin=None)
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin" and headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"].startswith("text/javascript")


def test_the_page_learns_the_form_origin_from_the_server(client):
    assert client.script("/crm/config.js", "CRM_CONFIG") == {"formOrigin": FORM_ORIGIN}


def test_wrong_password_shows_the_form_again_without_a_session(client):
    status, headers, page = client.sign_in(password="demo")
    assert status == 401 and "Set-Cookie" not in headers
    assert "Wrong username or password." in page and client.session() is None


# Form-encoded as the sign-in form posts them: %09 is a TAB, %0d%0a a CR LF, %5c a backslash.
ELSEWHERE = ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x", "/%09/evil.example",
             "/%0d%0a/evil", "/%0a/evil", "%09//evil.example", "/%09%5cevil.example", "/%5c%09evil", "/%00/x",
             "%2f%2fevil.example", " /x", ""]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_sign_in_only_goes_back_to_this_site(client, target):
    assert client.sign_in(next_path=target)[1]["Location"] == "/"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_sign_in_page_and_sign_out_only_lead_back_to_this_site(client, target):
    _, _, page = client.request("GET", f"/crm/sign-in?next={target}", origin=None)
    assert '<input type="hidden" name="next" value="/">' in page and '<a href="/">' in page
    client.sign_in()
    assert client.request("POST", "/crm/sign-out", f"next={target}".encode(),
                          "application/x-www-form-urlencoded")[1]["Location"] == "/"


def test_tabs_and_line_breaks_are_dropped_from_a_path_on_this_site(client):
    status, headers, _ = client.sign_in(next_path="/index%09.html?a=1%0d%0aSet-Cookie:%20x=1")
    assert status == 303 and headers["Location"] == "/index.html?a=1Set-Cookie: x=1"


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
    client = Client(routes())
    client.sign_in()
    assert verify_token(json.loads(client.token()[2])["token"], "from-env", "agent")
    monkeypatch.delenv("AGENT_BRIDGE_SSO_SECRET")
    first, second = Client(routes()), Client(routes())
    for each in (first, second):
        each.sign_in()
    token = json.loads(first.token()[2])["token"]
    assert second.verify("agent", token)[1]["valid"] is False  # each run has its own secret
    assert first.verify("agent", token)[1]["valid"] is True


@pytest.mark.parametrize("origin", ["https://evil.example/", "https://evil.example/forms", "*", "null", "",
                                    "javascript:alert(1)", "https://user@evil.example", "https://h:99999",
                                    "ftp://evil.example", "https://evil.example?x", "https://Forms.example.com",
                                    None])
def test_only_an_exact_origin_is_accepted_for_the_other_side(origin):
    with pytest.raises(ValueError):
        demo_routes(Path("dist"), form_origin=origin)
    with pytest.raises(ValueError):
        form_routes(Path("dist"), crm_origin=origin)


def get(origin, path):
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response.headers, body


def test_start_demo_tells_each_origin_the_other(tmp_path):
    servers = start_demo(tmp_path, form_port=0, secret=SECRET,
                         ucs_fake=UcsFake(client_id=UCS_CLIENT_ID, client_secret="s"), ucs_secret="s")
    try:
        crm, forms = (f"http://127.0.0.1:{server.server_address[1]}" for server in servers)
        assert crm != forms
        assert get(crm, "/crm/config.js")[2] == f'window.CRM_CONFIG = {{"formOrigin": "{forms}"}};\n'
        status, headers, body = get(forms, "/forms/config.js")
        assert (status, body) == (200, f'window.FORM_CONFIG = {{"parentOrigin": "{crm}"}};\n')
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "FORM_CONFIG" in get(forms, "/forms/disposition.html")[2]
        assert get(forms, "/forms/config.js/more")[0] == 404
        assert get(forms, "/index.html")[0] == 404  # the form's origin serves no CRM page
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
