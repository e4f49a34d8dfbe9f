"""sync-persons: the first run creates and updates, a second run over the same file writes
nothing, with either way of finding persons."""

import pytest

CSV = (
    "external_id,group_id,displayname,firstname,lastname,note,phone:mobil,email\n"
    "16943,1,Abrhám Václav,Václav,Abrhám,,,\n"         # as UCS has it: unchanged
    "20451,1,Adamec Lukáš,Lukáš,Adamec,VIP,+420654321987,l@a.cz\n"  # a note and a contact more: updated
    "new-1,3,Nová Jana,Jana,Nová,,+420111222333,\n"    # created
)


@pytest.mark.parametrize("lookup", ["each", "index"])
def test_second_run_writes_nothing(ucs, run, tmp_path, lookup):
    path = tmp_path / "crm.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, err = run("ucs", "sync-persons", str(path), "--lookup", lookup)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["created 1, updated 1, unchanged 1, failed 0"]
    assert len(ucs.writes) == 2
    updated = ucs.persons[13270]
    assert updated["note"] == "VIP"
    assert {(c["type"], c["contact"], c["label"]) for c in updated["contacts"]} == {
        (1, "+420654321987", "mobil"), (2, "l@a.cz", None)}

    ucs.log.clear()
    code, out, err = run("ucs", "sync-persons", str(path), "--lookup", lookup)
    assert (code, out, err) == (0, "created 0, updated 0, unchanged 3, failed 0\n", "")
    assert ucs.writes == []


def test_an_update_sends_only_the_fields_that_differ(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("external_id,displayname,firstname\n16943,Abrhám Václav,Vašek\n", encoding="utf-8")
    code, out, _ = run("ucs", "sync-persons", str(path))
    assert code == 0 and out.startswith("created 0, updated 1")
    assert ucs.writes == [("PATCH", "/api/v1.0/crm/person/26920")]
    assert ucs.patches == [{"firstname": "Vašek"}]
    assert ucs.persons[26920]["firstname"] == "Vašek"


def test_external_id_is_case_sensitive(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("external_id,group_id,lastname\nABC,1,Upper\nabc,1,Lower\n", encoding="utf-8")
    code, out, _ = run("ucs", "sync-persons", str(path), "--lookup", "index")
    assert out.startswith("created 2,")
    assert sorted(p["lastname"] for p in ucs.persons.values() if p["external_id"].lower() == "abc") == ["Lower", "Upper"]
