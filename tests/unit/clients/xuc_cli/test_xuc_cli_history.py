"""``xuc history USER --size N | --days N``: the user's calls as a table (or ``--json``), newest
first; one of --size and --days, a positive count."""

import json

import pytest

from bridge.testing.fakes.xuc_fixtures import HISTORY

TABLE = """\
start                duration  from     to       status
2018-09-20 17:38:41  00:00:02  bruce    alicej   emitted
2018-09-20 17:19:40  00:00:01  bruce    cquefia  emitted
2018-09-20 17:15:00  00:00:18  cquefia  bruce    missed
"""


def test_the_last_calls_as_a_table(xuc, run):
    code, out, err = run("history", "bruce", "--size", "3")
    assert (code, err) == (0, "") and out == TABLE
    assert [(r.path, r.query) for r in xuc.requests][-1] == ("/xuc/api/2.0/history/bruce", "size=3")


def test_json_holds_the_calls_as_xuc_answered_them(xuc, run):
    code, out, err = run("history", "bruce", "--size", "10", "--json")
    assert code == 0 and json.loads(out) == HISTORY


def test_by_days(xuc, run):
    xuc.dial("bruce", "1058")  # today's call; the seed's are from 2018
    code, out, err = run("history", "bruce", "--days", "2")
    assert code == 0 and out.splitlines()[1:] == [out.splitlines()[1]] and "1058" in out
    assert [(r.path, r.query) for r in xuc.requests][-1] == ("/xuc/api/2.0/history/days/bruce", "days=2")


def test_no_call_prints_the_header_only(xuc, run):
    assert run("history", "jbond", "--size", "5") == (0, "start  duration  from  to  status\n", "")


@pytest.mark.parametrize("count", ["0", "-1"])
def test_a_count_below_1_is_exit_2_and_sends_nothing(xuc, run, count):
    code, out, err = run("history", "bruce", "--size", count)
    assert (code, out) == (2, "") and "size must be a positive integer" in err
    assert xuc.requests == []


@pytest.mark.parametrize("argv", [("bruce",), ("bruce", "--size", "1", "--days", "1"), ("bruce", "--size", "x")])
def test_size_or_days_one_of_them_a_number(xuc, run, argv):
    with pytest.raises(SystemExit) as done:
        run("history", *argv)
    assert done.value.code == 2 and xuc.requests == []
