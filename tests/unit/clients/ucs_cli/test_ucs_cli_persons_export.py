"""persons export: every person, page by page, as CSV (the list's columns) or JSON; --output
writes the file only when the export is complete."""

import csv
import io
import json

import httpx2

from bridge.clients.ucs import cli
from bridge.clients.retry import NO_RETRY

from ucs_cli_handler import UcsHandler


def many(n):
    return UcsHandler([{"group_id": 1, "displayname": f"P {i}", "firstname": "P", "lastname": str(i),
                        "external_id": f"x{i}"} for i in range(n)])


def test_csv_has_the_documented_columns_and_every_person(ucs, run):
    code, out, err = run("ucs", "persons", "export")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["id", "external_id", "group_id", "displayname", "firstname", "lastname"]
    assert [r["external_id"] for r in rows] == ["20451", "16943"]
    assert rows[1]["displayname"] == "Abrhám Václav"


def test_every_page_is_read(run, monkeypatch, ucs):
    handler = many(1203)
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(handler), "retry": NO_RETRY})
    code, out, _ = run("ucs", "persons", "export", "--format", "json")
    persons = json.loads(out)
    assert code == 0 and len(persons) == 1203 and len({p["id"] for p in persons}) == 1203
    assert sum(1 for method, path in handler.log if path == "/api/v1.0/crm/persons") == 3  # pages of 500


def test_output_file_is_written_whole(ucs, run, tmp_path):
    target = tmp_path / "persons.json"
    code, out, _ = run("ucs", "persons", "export", "--format", "json", "--output", str(target))
    assert (code, out) == (0, "")
    assert [p["external_id"] for p in json.loads(target.read_text())] == ["20451", "16943"]
    assert not (tmp_path / "persons.json.part").exists()


def test_a_failed_export_leaves_no_file(run, monkeypatch, ucs, tmp_path):
    handler = many(700)
    real = handler.route

    def second_page_fails(method, path, request):
        if "offset=500" in str(request.url):
            return httpx2.Response(500, text="boom")
        return real(method, path, request)

    handler.route = second_page_fails
    monkeypatch.setattr(cli, "_CLIENT_OPTIONS", {"transport": httpx2.MockTransport(handler), "retry": NO_RETRY})
    target = tmp_path / "persons.csv"
    code, _, err = run("ucs", "persons", "export", "--output", str(target))
    assert code == 1 and "500" in err
    assert list(tmp_path.iterdir()) == []
