"""``xuc contacts export [--output FILE]`` and ``xuc contacts import FILE``: a CTI user's personal
contacts as XUC's CSV, out and back in; import prints created/failed and exits 1 if a line failed."""

CONTACT = "company,email,fax,firstname,lastname,mobile,number\n,,,felix,leiter,,1010\n"


def test_export_to_stdout(cti, run):
    code, out, err = run("contacts", "export")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "company,email,fax,firstname,lastname,mobile,number" and len(lines) == 4
    assert "corp,j.doe@my.corp,3333,doe,john,2222,1111" in lines


def test_export_to_a_file_and_import_it_back(cti, run, tmp_path):
    path = tmp_path / "contacts.csv"
    assert run("contacts", "export", "--output", str(path)) == (0, "", "")
    assert path.read_text(encoding="utf-8").count("\n") == 4 and not (tmp_path / "contacts.csv.part").exists()
    cti.contacts["cti_user_login"].clear()
    code, out, err = run("contacts", "import", str(path))
    assert (code, out, err) == (0, "created 3, failed 0\n", "")
    assert sorted(c["lastname"] for c in cti.contacts["cti_user_login"].values()) == ["john", "pan", "pierce"]


def test_import_reports_each_failed_line_and_exits_1(cti, run, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(CONTACT + "x,y\n", encoding="utf-8")
    code, out, err = run("contacts", "import", str(path))
    assert code == 1 and out == "created 1, failed 1\n  line 3: too few fields\n"
    assert any(c["lastname"] == "leiter" for c in cti.contacts["cti_user_login"].values())


def test_an_import_file_that_is_missing_or_not_utf8_is_exit_2_and_sends_nothing(cti, run, tmp_path):
    code, out, err = run("contacts", "import", str(tmp_path / "missing.csv"))
    assert (code, out) == (2, "") and "missing.csv" in err and err.count("\n") == 1
    (tmp_path / "latin1.csv").write_bytes(CONTACT.replace("felix", "félix").encode("latin-1"))
    code, out, err = run("contacts", "import", str(tmp_path / "latin1.csv"))
    assert (code, out) == (2, "") and "UTF-8" in err
    assert cti.requests == []


def test_an_output_file_that_cannot_be_written_is_exit_2(cti, run, tmp_path):
    code, out, err = run("contacts", "export", "--output", str(tmp_path / "no" / "x.csv"))
    assert (code, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err
