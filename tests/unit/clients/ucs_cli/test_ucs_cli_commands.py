"""Each read command prints what UCS answered: a table by default, the records' JSON with --json."""

import json


def test_status_prints_services_trunks_and_phones(ucs, run):
    code, out, err = run("ucs", "status")
    assert (code, err) == (0, "")
    assert "services: ucs 0, api 0, postgres 14, asterisk 1" in out
    assert "SIPY" in out and "System" in out and "279" in out


def test_status_json_is_the_record_as_ucs_sent_it(ucs, run):
    code, out, _ = run("ucs", "status", "--json")
    assert code == 0
    assert json.loads(out)["trunks"]["1"] == {"name": "SIPY", "status": 1, "rtt": 1}


def test_queues_table_names_the_queue_type(ucs, run):
    code, out, _ = run("ucs", "queues")
    header, row = out.splitlines()
    assert code == 0 and header.split()[:4] == ["id", "name", "type", "number"]
    assert row.split()[:4] == ["1", "Support", "inbound", "100"]


def test_call_prints_the_record_its_direction_and_path(ucs, run):
    code, out, _ = run("ucs", "call", "1500000000.123")
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["direction", "inbound"] in lines and ["duration", "42"] in lines and ["cause", "16"] in lines
    assert ["calldate"] not in lines  # fields UCS did not send are left out
    assert ["2024-01-01", "10:00:00", "1", "100", "Support"] in lines


def test_an_unknown_call_is_one_line_on_stderr_and_exit_1(ucs, run):
    code, out, err = run("ucs", "call", "nope")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "Call not found" in err


def test_users_table_and_json(ucs, run):
    code, out, _ = run("ucs", "users")
    assert code == 0 and out.splitlines()[1].split() == ["1", "admin", "asdf"]
    code, out, _ = run("ucs", "users", "--json")
    assert json.loads(out)[1] == {"id": 10, "name": "Alice"}


def test_metadata_get_prints_json(ucs, run):
    code, out, _ = run("ucs", "metadata", "get", "1500000000.123")
    assert (code, json.loads(out)) == (0, {"ticket": "T-1", "crm": "x"})
