"""The uContact clients against the testing kit's UContactFake: in-process (httpx2.WSGITransport)
and, for the async client and the CLI, on 127.0.0.1 (the ``ucontact_fake_server`` fixture); and
README's example, which runs against it."""

import asyncio
import re
from pathlib import Path

import httpx2
import pytest

from bridge.__main__ import main
from bridge.clients.errors import ApiError, AuthenticationError
from bridge.clients.ucontact import AsyncUContactClient, UContactClient, end_session

README = Path(__file__).resolve().parents[4] / "README.md"

URL = "https://acme.ucontactcloud.com"
PASSWORD = "ExamplePassword"  # the fake's supervisors': Carina (with a phone), Admin (without)


def client(fake, user="Admin", **options) -> UContactClient:
    return UContactClient(URL, user, PASSWORD, transport=httpx2.WSGITransport(app=fake), **options)


@pytest.mark.parametrize("user", ["Carina", "Admin"])
def test_both_supervisors_call_a_resource_and_end_their_session(ucontact_fake, user):
    with client(ucontact_fake, user) as uc:
        answer = uc.request("any/request", {"param1": "exampleParam1"})
        assert ucontact_fake.open_sessions and uc.has_session
    assert answer == {"method": "POST", "resource": "any/request", "query": {}, "form": {"param1": "exampleParam1"},
                      "user": user}
    assert ucontact_fake.open_sessions == {}


def test_a_session_the_fake_expired_is_renewed_once_and_the_call_replayed(ucontact_fake):
    with client(ucontact_fake) as uc:
        uc.request("any/request")
        ucontact_fake.expire_tokens()
        assert uc.request("agents/list", {"q": "x"}, method="GET")["query"] == {"q": "x"}
        assert uc.logins == 2
    assert ucontact_fake.open_sessions == {}


def test_a_key_refused_while_its_session_lives_on_is_ended_after_the_new_login(ucontact_fake):
    # A 401 on one resource (a proxy, a hiccup) while the server still holds the session: the
    # new login must not leave the old session open (the document asks to end every one).
    with client(ucontact_fake) as uc:
        uc.request("any/request", {"a": "1"})
        ucontact_fake.fail_next(401, path="/Integra/resources/any")
        uc.request("any/request", {"a": "2"})
        assert uc.logins == 2 and len(ucontact_fake.open_sessions) == 1
    assert ucontact_fake.open_sessions == {}


def test_the_async_client_also_ends_a_replaced_session(ucontact_fake):
    from bridge.testing.async_wsgi import AsyncWSGITransport

    async def run():
        async with AsyncUContactClient(URL, "Admin", PASSWORD, transport=AsyncWSGITransport(app=ucontact_fake)) as uc:
            await uc.request("any/request")
            ucontact_fake.fail_next(401, path="/Integra/resources/any")
            await uc.request("any/request")
            assert len(ucontact_fake.open_sessions) == 1

    asyncio.run(run())
    assert ucontact_fake.open_sessions == {}


def test_a_login_the_fake_refuses_is_an_authentication_error(ucontact_fake):
    ucontact_fake.fail_login()
    with client(ucontact_fake) as uc:
        with pytest.raises(AuthenticationError):
            uc.login()
        uc.login()  # the next one is let in
    assert ucontact_fake.open_sessions == {}


def test_an_end_session_the_fake_refuses_is_raised_and_the_key_kept(ucontact_fake):
    ucontact_fake.fail_end_session()
    uc = client(ucontact_fake)
    uc.login()
    with pytest.raises(ApiError) as caught:
        uc.end_session()
    assert caught.value.vendor_code == 0 and len(ucontact_fake.open_sessions) == 1
    uc.end_session()  # kept, so it can be tried again
    assert ucontact_fake.open_sessions == {}
    uc.close()


def test_an_end_session_the_fake_refuses_on_exit_is_raised(ucontact_fake):
    ucontact_fake.fail_end_session()
    with pytest.raises(ApiError) as caught:
        with client(ucontact_fake) as uc:
            uc.login()
    assert caught.value.vendor_code == 0 and len(ucontact_fake.open_sessions) == 1


def test_the_session_is_ended_when_the_body_raised(ucontact_fake):
    with pytest.raises(KeyError):
        with client(ucontact_fake, "Carina") as uc:
            uc.request("any/request")
            raise KeyError("the CRM's own failure")
    assert ucontact_fake.open_sessions == {}


def test_another_process_s_key_is_ended_without_a_login(ucontact_fake):
    holder = client(ucontact_fake)
    holder.login()
    holder.close()
    [key] = ucontact_fake.open_sessions
    end_session(URL, "Admin", key, transport=httpx2.WSGITransport(app=ucontact_fake))
    assert ucontact_fake.open_sessions == {}


def test_the_async_client_on_loopback_ends_its_session_when_the_body_raised(ucontact_fake_server):
    async def run():
        async with AsyncUContactClient(ucontact_fake_server.url, "Carina", PASSWORD) as uc:
            assert (await uc.request("any/request"))["user"] == "Carina"
            assert ucontact_fake_server.open_sessions
            raise KeyError("the CRM's own failure")

    with pytest.raises(KeyError):
        asyncio.run(run())
    assert ucontact_fake_server.open_sessions == {}


def test_the_cli_checks_the_login_and_ends_a_key_on_loopback(ucontact_fake_server, monkeypatch, capsys):
    monkeypatch.setenv("UCONTACT_URL", ucontact_fake_server.url)
    monkeypatch.setenv("UCONTACT_USER", "Admin")
    monkeypatch.setenv("UCONTACT_PASSWORD", PASSWORD)
    assert main(["ucontact", "login-check"]) == 0
    assert capsys.readouterr().out.startswith("OK: Admin logged in to ")
    assert ucontact_fake_server.open_sessions == {}
    holder = UContactClient(ucontact_fake_server.url, "Admin", PASSWORD)
    holder.login()
    holder.close()
    [key] = ucontact_fake_server.open_sessions
    monkeypatch.delenv("UCONTACT_PASSWORD")
    monkeypatch.setenv("UCONTACT_API_KEY", key)
    assert main(["ucontact", "end-session"]) == 0
    assert ucontact_fake_server.open_sessions == {}
    monkeypatch.setenv("UCONTACT_PASSWORD", "wrong")
    assert main(["ucontact", "login-check"]) == 3


def test_the_readme_example_runs():
    text = README.read_text()
    start = text.index("### uContact Integra client")
    [example] = re.findall(r"```python\n(.*?)```", text[start:text.index("\n### ", start + 1)], re.DOTALL)
    exec(compile(example, "README.md (uContact Integra client)", "exec"), {})
