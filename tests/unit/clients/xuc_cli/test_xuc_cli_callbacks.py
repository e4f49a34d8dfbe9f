"""``xuc callbacks import LIST_UUID FILE`` and ``xuc callbacks export LIST_UUID [--output FILE]``:
the seed's callback requests into a list, and the list's tickets out as CSV."""

from bridge.testing.fakes.xuc_fixtures import CALLBACK_IMPORT_EXAMPLE


def test_import_then_export(xuc, run, tmp_path):
    source = tmp_path / "callbacks.csv"
    source.write_text(CALLBACK_IMPORT_EXAMPLE["csv"] + "\n", encoding="utf-8")
    code, out, err = run("callbacks", "import", "1", str(source))
    assert (code, out, err) == (0, f"OK: the callback requests of {source} are in the list 1\n", "")
    assert [r["lastName"] for r in xuc.callback_lists["1"]] == ["Doe", "O'Neill"]

    code, out, err = run("callbacks", "export", "1")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "uuid,listUuid,phoneNumber,mobilePhoneNumber,firstName,lastName,company,description,dueDate,period,status"
    assert len(lines) == 3 and lines[2].endswith(",0587963214,0789654123,Alice,O'Neill,YourSociety,,2016-08-01,Afternoon,Open")

    target = tmp_path / "tickets.csv"
    assert run("callbacks", "export", "1", "--output", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == out


def test_an_unknown_list_is_exit_1(xuc, run, tmp_path):
    code, out, err = run("callbacks", "export", "no-such-list")
    assert (code, out) == (1, "") and "Unknown callback list no-such-list" in err and err.count("\n") == 1
