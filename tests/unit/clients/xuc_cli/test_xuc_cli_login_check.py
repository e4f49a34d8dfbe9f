"""``xuc login-check`` logs in and prints OK, the login, the user type, how many ACLs the token
grants and when it expires (from the JWT), for either kind of user."""

from datetime import datetime, timezone

from bridge.clients.xuc.api import jwt_claims
from bridge.clients.xuc.api import CTI_USER_ACLS as CTI_ACLS
from bridge.testing.fakes.xuc_fixtures import WEBSERVICE_ACLS


def expiry(token: str) -> str:
    return datetime.fromtimestamp(jwt_claims(token).expires_at, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def test_a_web_service_user(xuc, recording, run):
    code, out, err = run("login-check")
    assert (code, err) == (0, "")
    assert xuc.login_count == 1 and len(recording.tokens) == 1
    assert out == (f"OK: web_service_user_login (webservice) logged in to http://127.0.0.1:8090; "
                   f"{len(WEBSERVICE_ACLS)} ACLs; the token expires {expiry(recording.tokens[0])}\n")


def test_a_cti_user(cti, recording, run):
    code, out, err = run("login-check")
    assert (code, err) == (0, "")
    assert out == (f"OK: cti_user_login (cti) logged in to http://127.0.0.1:8090; "
                   f"{len(CTI_ACLS)} ACLs; the token expires {expiry(recording.tokens[0])}\n")
    assert [(r.method, r.path) for r in cti.requests] == [("POST", "/xuc/api/2.0/auth/login")]
