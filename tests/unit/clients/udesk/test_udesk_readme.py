"""README's Udesk sections say what the code does: the client's example runs against the fake,
the events listed are the receiver's table, the return codes named map as written."""

import re
from pathlib import Path

from bridge.clients import errors
from bridge.clients.udesk import RETURN_CODES
from bridge.clients.udesk.events import EVENT_ID_KEYS, EVENT_NAME_KEYS, Category, EventName

README = Path(__file__).resolve().parents[4] / "README.md"


def section(title: str) -> str:
    text = README.read_text()
    start = text.index(f"### {title}\n")
    return text[start:text.index("\n### ", start + 1)]


def test_the_client_example_runs():
    code = re.search(r"```python\n(.*?)```", section("Udesk CCPaaS client"), re.DOTALL).group(1)
    exec(compile(code, "README.md (Udesk CCPaaS client)", "exec"), {})


def test_every_event_of_the_table_is_listed_with_its_category():
    text = section("Udesk events")
    for category in Category:
        names = [f"`{name.value}`" for name in EventName if name.category is category]
        listed = re.search(rf"`{category.value}`: (.*?)(;|\))", text, re.DOTALL).group(1)
        assert re.findall(r"`\w+`", listed) == names, category


def test_the_keys_read_are_the_receiver_s():
    text = " ".join(section("Udesk events").split())
    assert "top-level keys " + ", ".join(f"`{key}`" for key in EVENT_NAME_KEYS) in text
    assert "under " + ", ".join(f"`{key}`" for key in EVENT_ID_KEYS[:-1]) + f" or `{EVENT_ID_KEYS[-1]}`" in text


CLASSES = {"ValidationError": errors.ValidationError, "AuthenticationError": errors.AuthenticationError,
           "PermissionDeniedError": errors.PermissionDeniedError, "NotFoundError": errors.NotFoundError,
           "ServerError": errors.ServerError}


def test_the_codes_named_map_as_written():
    text = " ".join(section("Udesk CCPaaS client").split())
    said = {"AuthenticationError": ["200020", "000035", "100003"], "PermissionDeniedError": ["100002", "100022"],
            "NotFoundError": ["100005", "100007", "100018", "100020", "200001", "200004"],
            "ServerError": ["000060", "100010", "100011", "100012", "100013", "200003", "200021", "200023"]}
    for name, codes in said.items():
        assert all(code in text for code in codes)
        assert [code for code in codes if RETURN_CODES[code][1] is not CLASSES[name]] == [], name
    # Every other documented code is about the input.
    named = {code for codes in said.values() for code in codes}
    assert {code for code, (_, cls) in RETURN_CODES.items() if code not in named} == \
        {code for code, (_, cls) in RETURN_CODES.items() if cls is errors.ValidationError}
