"""The demo's WSGI apps called the way a browser on the demo page would call them, for the demo
server's unit tests."""

import io
import json
from pathlib import Path

from bridge.testing.fakes.ucs import UcsFake
from demo.server import UCS_CLIENT_ID, demo_routes

ORIGIN = "http://127.0.0.1:8000"
FORM_ORIGIN = "http://127.0.0.1:8001"
UCS_SECRET = "ucs-client-secret-that-stays-on-the-server-41c9"


def routes(ucs_fake=None, **kwargs):
    """The demo origin's routes, its UCS REST fake knowing the CRM's OAuth client (UCS_SECRET)."""
    fake = ucs_fake if ucs_fake is not None else UcsFake(client_id=UCS_CLIENT_ID, client_secret=UCS_SECRET)
    return demo_routes(Path("dist"), form_origin=FORM_ORIGIN, ucs_fake=fake, ucs_secret=UCS_SECRET, **kwargs)


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

    def sign_in(self, password="crm", next_path="/index.html?tab=calls"):
        body = f"username=agent&password={password}&next={next_path}".encode()
        return self.request("POST", "/crm/sign-in", body, "application/x-www-form-urlencoded")

    def script(self, url, name):
        """The value a config script sets on window."""
        status, _, body = self.request("GET", url, origin=None)
        assert status == 200 and body.startswith(f"window.{name} = ") and body.endswith(";\n")
        return json.loads(body[len(f"window.{name} = "):-2])

    def session(self):
        return self.script("/crm/session.js", "CRM_SESSION")

    def token(self, **kwargs):
        return self.request("POST", "/crm/sso-token", b"{}", "application/json", **kwargs)

    def verify(self, username, token):
        body = json.dumps({"username": username, "token": token}).encode()
        status, _, answer = self.request("POST", "/ucs/sso/verify", body, "application/json")
        return status, json.loads(answer)
