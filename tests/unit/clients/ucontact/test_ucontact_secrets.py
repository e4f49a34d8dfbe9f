"""The password and the API key never appear in logs (DEBUG), reprs, exception messages or
printed URLs: after a good session, a failed login, a failed EndSession, a failed call."""

import base64
import logging
from urllib.parse import quote_plus

import httpx2
import pytest
from integra_seed import PHONE_USER, SEED_PHONE_KEY, URL, Integra

from bridge.clients.errors import ApiError
from bridge.clients.retry import NO_RETRY
from bridge.clients.ucontact import UContactClient, end_session


# Form-encoding changes it: both forms are searched.
PASSWORD = "Ex@mple pass=w0rd&more"


@pytest.fixture
def integra():
    return Integra(password=PASSWORD)


@pytest.fixture
def make_client(make_client):
    # Carina's keys ("Carina:uuid", 43 bytes) end in "=", so their form-encoding differs.
    return lambda **options: make_client(user=PHONE_USER, password=PASSWORD, **options)


class Leaks:
    """Everything the client said: log records, reprs, errors; searched for each secret."""

    def __init__(self, caplog):
        self.caplog = caplog
        self.texts: list[str] = []
        self.messages: list[str] = []  # str() of each error, for the test to check it is the one meant

    def error(self, error: BaseException) -> None:
        self.messages.append(str(error))
        self.texts += [str(error), repr(error), repr(error.args)]
        if isinstance(error, ApiError):
            self.texts += [str(error.url), str(error.vendor_message), repr(error.vendor_code)]

    def secrets_of(self, key: str) -> list[str]:
        decoded = base64.b64decode(key).decode()
        assert quote_plus(key) != key and quote_plus(PASSWORD) != PASSWORD  # each form is searched
        return [PASSWORD, quote_plus(PASSWORD), key, quote_plus(key), decoded, decoded.split(":", 1)[1]]

    def assert_clean(self, key: str) -> None:
        said = "\n".join(self.texts + [self.caplog.text] + [repr(r.args) for r in self.caplog.records])
        assert said.strip(), "nothing was said: the search would find nothing anyway"
        for secret in self.secrets_of(key):
            assert secret not in said


@pytest.fixture
def leaks(caplog):
    caplog.set_level(logging.DEBUG)
    return Leaks(caplog)


def key_of(integra) -> str:
    return next(iter(integra.sessions))


def test_a_whole_session_says_no_secret(integra, make_client, leaks):
    with make_client() as uc:
        uc.request("any/request", {"password": PASSWORD})
        key = key_of(integra)
        integra.expire()
        uc.request("any/request", method="GET")  # 401, a new login, the replay
        leaks.texts += [repr(uc), repr(uc._api), repr(uc._engine.tokens.token)]
    leaks.assert_clean(key)
    assert integra.logins == 2


def test_a_failed_login_that_echoes_the_password_says_no_secret(integra, make_client, leaks):
    integra.login_answers = [httpx2.Response(500, text=f"bad login user=Carina&password={quote_plus(PASSWORD)}"),
                             httpx2.Response(401, text=f"password {PASSWORD} refused")]
    uc = make_client()
    for _ in range(2):
        with pytest.raises(ApiError) as caught:
            uc.request("any/request")
        leaks.error(caught.value)
    leaks.texts.append(repr(uc))
    uc.close()
    assert "bad login" in leaks.messages[0] and "refused" in leaks.messages[1]
    leaks.assert_clean(SEED_PHONE_KEY)  # no key was issued: the search is for the password


def test_a_failed_end_session_that_echoes_the_key_says_no_secret(integra, make_client, leaks):
    uc = make_client()
    uc.login()
    key = key_of(integra)
    uuid_part = base64.b64decode(key).decode().split(":", 1)[1]
    integra.end_answers = [httpx2.Response(500, text=f"cannot end session {uuid_part} of token={quote_plus(key)}"),
                           httpx2.Response(400, text=f"bad token {key}")]
    for _ in range(2):
        with pytest.raises(ApiError) as caught:
            uc.end_session()
        leaks.error(caught.value)
    assert "cannot end session" in leaks.messages[0] and "bad token" in leaks.messages[1]
    uc.close()
    leaks.assert_clean(key)


def test_the_warning_of_an_end_session_failed_under_an_error_says_no_secret(integra, make_client, leaks):
    with pytest.raises(ZeroDivisionError):
        with make_client() as uc:
            uc.login()
            key = key_of(integra)
            integra.end_answers = [httpx2.Response(503, text=f"session {key} busy")]
            1 / 0
    assert "not ended" in leaks.caplog.text
    leaks.assert_clean(key)


def test_the_warning_masks_even_an_error_that_is_not_the_client_s(integra, make_client, leaks):
    def broken(request):
        if request.url.path.endswith("EndSession"):  # a transport's own bug, quoting what it sent
            raise RuntimeError(f"cannot send {request.headers['authorization']}")
        return integra(request)

    with pytest.raises(ZeroDivisionError):
        with make_client(transport=httpx2.MockTransport(broken)) as uc:
            uc.login()
            key = key_of(integra)
            1 / 0
    assert "RuntimeError: cannot send Basic ***" in leaks.caplog.text
    leaks.assert_clean(key)


def test_a_failed_call_or_transport_that_quotes_the_key_says_no_secret(integra, make_client, leaks):
    uc = make_client()
    uc.login()
    key = key_of(integra)
    integra.resource_answers = [httpx2.Response(404, text=f"no such resource for {base64.b64decode(key).decode()}")]
    with pytest.raises(ApiError) as caught:
        uc.request("any/missing", {"token": key})
    leaks.error(caught.value)
    uc.close()

    def refuse(request):
        # A failure that quotes what it was sending: the body (the password), the header (the key).
        raise httpx2.ConnectError(f"cannot send {request.content.decode()} with {request.headers.get('authorization')}")

    broken = UContactClient(URL, PHONE_USER, PASSWORD, transport=httpx2.MockTransport(refuse), retry=NO_RETRY)
    with pytest.raises(ApiError) as caught:
        broken.login()
    leaks.error(caught.value)
    with pytest.raises(ApiError) as caught:
        end_session(URL, PHONE_USER, key, transport=httpx2.MockTransport(refuse))
    leaks.error(caught.value)
    assert "no such resource" in leaks.messages[0]
    assert all("cannot send" in message for message in leaks.messages[1:])
    leaks.assert_clean(key)
