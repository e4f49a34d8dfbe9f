"""sync-persons: a bad row is counted failed with its field messages and never stops the others;
the summary lists each failure; the exit code is 1 when a row failed."""

CSV = (
    "external_id,group_id,lastname\n"
    ",1,No Id\n"              # row 2: no external_id
    "a-1,one,Bad Group\n"     # row 3: group_id not an integer
    "a-2,99,Refused\n"        # row 4: UCS refuses the group (success: false, field messages)
    "a-3,,No Group\n"         # row 5: creating needs a group_id
    "a-4,1,Fine\n"            # row 6: created
    "16943,99,Abrhám\n"       # row 7: the update is refused
)


def test_bad_rows_fail_and_the_others_are_synced(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text(CSV, encoding="utf-8")
    code, out, err = run("ucs", "sync-persons", str(path))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "created 1, updated 0, unchanged 0, failed 5",
        "row 2 (no external_id): external_id: required",
        "row 3 (external_id 'a-1'): group_id: not an integer: 'one'",
        "row 4 (external_id 'a-2'): group_id: Group does not exist",
        "row 5 (external_id 'a-3'): group_id: required to create a person",
        "row 7 (external_id '16943'): group_id: Group does not exist",
    ]
    assert [p["lastname"] for p in ucs.persons.values() if p["external_id"] == "a-4"] == ["Fine"]


def test_no_failure_is_exit_0(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("external_id,group_id\nz,1\n", encoding="utf-8")
    assert run("ucs", "sync-persons", str(path))[0] == 0


def test_bad_credentials_stop_the_run_with_exit_3(ucs, run, tmp_path, monkeypatch):
    monkeypatch.setenv("UCS_CLIENT_SECRET", "wrong-secret")
    path = tmp_path / "crm.csv"
    path.write_text("external_id,group_id\nz,1\ny,1\n", encoding="utf-8")
    code, out, err = run("ucs", "sync-persons", str(path), "--lookup", "each")
    assert code == 3 and "Invalid username or password" in err
    assert ucs.writes == []
