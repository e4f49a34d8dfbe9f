"""The CSV sync-persons reads: its columns, empty cells, contacts, and files it refuses whole."""

import pytest

from bridge.clients.ucs import sync


def rows(text):
    return list(sync.read_rows(text.splitlines(keepends=True)))


def test_cells_become_fields_and_contacts():
    (row,) = rows("ID,External_ID,group_id,lastname,phone,email:work,web\n7,e1, 3 ,Nová,+420111,j@n.cz,\n")
    assert (row.number, row.external_id, row.errors) == (2, "e1", {})
    assert row.fields == {"group_id": 3, "lastname": "Nová", "contacts": [
        {"type": 1, "contact": "+420111"}, {"type": 2, "contact": "j@n.cz", "label": "work"}]}


def test_empty_cells_set_nothing_and_blank_lines_are_skipped():
    assert [r.fields for r in rows("external_id,lastname,phone\ne1,,\n\n,,\ne2,X,\n")] == [{}, {"lastname": "X"}]


@pytest.mark.parametrize("header, message", [
    ("group_id,lastname", "no external_id column"),
    ("external_id,lastnme", "unknown column: lastnme"),
    ("external_id,phone,phone", "columns named twice: phone"),
])
def test_a_file_it_cannot_sync_is_refused_before_any_write(ucs, run, tmp_path, header, message):
    with pytest.raises(sync.FileError, match=message):
        rows(header + "\n")
    path = tmp_path / "crm.csv"
    path.write_text(header + "\nx,y\n", encoding="utf-8")
    code, out, err = run("ucs", "sync-persons", str(path))
    assert (code, out) == (2, "") and message in err
    assert ucs.log == []


def test_a_missing_file_is_exit_2(ucs, run, tmp_path):
    code, _, err = run("ucs", "sync-persons", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv" in err


def test_contacts_compare_as_a_set_ignoring_ids_and_order():
    from bridge.clients.ucs import Person

    person = Person.from_api({"id": 1, "contacts": [{"id": 9, "type": 2, "contact": "a@b.cd", "label": None},
                                                    {"id": 8, "type": 1, "contact": "+420", "label": "mobil"}]})
    same = [{"type": 1, "contact": "+420", "label": "mobil"}, {"type": 2, "contact": "a@b.cd"}]
    assert sync.changes({"contacts": same}, person) == {}
    assert sync.changes({"contacts": same[:1]}, person) == {"contacts": same[:1]}


def test_an_empty_label_and_no_label_are_the_same():
    from bridge.clients.ucs import Person

    person = Person.from_api({"id": 1, "contacts": [{"id": 9, "type": 1, "contact": "+420", "label": ""}]})
    assert sync.changes({"contacts": [{"type": 1, "contact": "+420"}]}, person) == {}
