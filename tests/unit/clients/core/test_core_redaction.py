"""The redactor masks a client's secrets by value, in the forms a server echoes them, and the
credentials of any URL, in a URL or in a message that quotes one."""

import pytest

from bridge.clients.redaction import MASK, MAX_SECRETS, MIN_SECRET_LENGTH, Redactor, redact_url


@pytest.mark.parametrize("url, redacted", [
    ("https://user:pw@h.test:8443/p?a=1", "https://h.test:8443/p?a=1"),
    ("https://h.test/p?token=abc&page=2", "https://h.test/p?token=***&page=2"),
    ("https://h/p?Sid=1&Sign=2&Timestamp=3&AppId=4", "https://h/p?Sid=***&Sign=***&Timestamp=3&AppId=4"),
    ("https://h/p?api_key=1&password=2&access_token=3&client_secret=4&X-Amz-Credential=5&jwt=6&pwd=7",
     "https://h/p?api_key=***&password=***&access_token=***&client_secret=***&X-Amz-Credential=***&jwt=***&pwd=***"),
    ("https://h/p?limit=10&q=", "https://h/p?limit=10&q="),
    ("https://h/callback#access_token=abc", "https://h/callback"),  # a fragment may be an implicit-flow token
])
def test_a_url_loses_its_user_info_credential_query_values_and_fragment(url, redacted):
    assert redact_url(url) == redacted


def test_secrets_are_masked_by_value_longest_first():
    redactor = Redactor("tok-abcdef", "tok-abcdef-longer")
    assert redactor.text("a tok-abcdef-longer and a tok-abcdef") == f"a {MASK} and a {MASK}"


@pytest.mark.parametrize("echo", [
    'p@ss/w"ord +1',  # as it was sent
    "p%40ss%2Fw%22ord%20%2B1",  # percent-encoded, as in a path or a query
    "p%40ss%2Fw%22ord+%2B1",  # form-encoded
    'p@ss/w\\"ord +1',  # escaped, as in a JSON string
])
def test_a_secret_is_masked_in_the_forms_a_server_echoes_it(echo):
    assert Redactor('p@ss/w"ord +1').text(f"bad secret {echo}!") == f"bad secret {MASK}!"


def test_a_url_quoted_in_a_message_is_redacted_in_place():
    redactor = Redactor()
    text = "GET https://crm:hunter22@h.test/x?token=t0ps3cret&n=1 failed; retry http://[::1 later"
    assert redactor.text(text) == f"GET https://h.test/x?token={MASK}&n=1 failed; retry {MASK} later"


def test_tokens_too_short_to_be_credentials_are_not_masked():
    redactor = Redactor(None, "")
    redactor.add("a" * (MIN_SECRET_LENGTH - 1))
    assert redactor.text("aaaaa stays") == "aaaaa stays" and repr(redactor) == "Redactor(<0 secrets>)"


def test_the_clients_own_secrets_are_masked_whatever_their_length():
    # A password of five characters is still the password: an echo of it must not leak.
    redactor = Redactor("Pw0rd")
    assert redactor.text("Invalid password Pw0rd") == "Invalid password ***"


def test_the_clients_own_secrets_outlive_any_number_of_tokens():
    # A long-lived client renews its token hourly: after days of renewals its client secret is
    # still masked (it used to be the first secret forgotten).
    redactor = Redactor("the-superuser-password")
    for n in range(MAX_SECRETS * 2):
        redactor.add(f"token-number-{n:03d}")
    assert redactor.text("password the-superuser-password") == "password ***"


def test_the_oldest_secrets_are_forgotten_beyond_the_limit():
    redactor = Redactor()
    for n in range(MAX_SECRETS + 1):
        redactor.add(f"token-number-{n:03d}")
    assert repr(redactor) == f"Redactor(<{MAX_SECRETS} secrets>)"
    assert redactor.text("token-number-000") == "token-number-000"
    assert redactor.text(f"token-number-{MAX_SECRETS:03d}") == MASK


def test_adding_a_secret_twice_keeps_it_once():
    redactor = Redactor("secret-one", "secret-one")
    redactor.add("secret-one")
    assert repr(redactor) == "Redactor(<1 secrets>)"


def test_url_masks_a_known_secret_anywhere_in_the_url_too():
    assert Redactor("user-777-id").url("https://h/users/user-777-id?x=1") == f"https://h/users/{MASK}?x=1"


@pytest.mark.parametrize("text, redacted", [
    ("failed (GET https://h.test/x?AppId=a&Sign=s1)", "failed (GET https://h.test/x?AppId=a&Sign=***)"),
    ("see https://h.test/x?token=t.", "see https://h.test/x?token=***."),
    ("at https://h.test/wiki/A_(b)?token=t", "at https://h.test/wiki/A_(b)?token=***"),
])
def test_the_punctuation_around_a_url_in_text_stays_the_text_s(text, redacted):
    assert Redactor().text(text) == redacted


def test_masking_a_long_message_takes_linear_time():
    # A vendor's message of 20 KB of dots after "?a=" took seconds with a lazy value and a lookahead.
    import time

    text = "?sign=" + "." * 40_000 + " and ?a=" + "." * 40_000 + " https://h.test/x?token=t" + ")" * 40_000
    start = time.perf_counter()
    Redactor().text(text)
    assert time.perf_counter() - start < 0.5
