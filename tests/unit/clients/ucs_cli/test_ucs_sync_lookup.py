"""sync-persons finds persons by one list pass when that is fewer requests than one lookup per
row (auto), and then fetches a person's detail only when the row sets what the list lacks."""

from bridge.clients.ucs import sync

from ucs_cli_handler import UcsHandler

import httpx2

from bridge.clients.retry import NO_RETRY
from bridge.clients.ucs import UcsClient


def client_for(handler):
    return UcsClient("https://ucs.example.com", client_id="crm-sync", client_secret="s3cret-for-cli-tests",
                     transport=httpx2.MockTransport(handler), retry=NO_RETRY)


def test_auto_chooses_the_index_for_more_rows_than_pages(ucs):
    with client_for(ucs) as client:
        assert sync.choose_lookup(client, rows=2) == "index"  # 2 persons: one page
        assert sync.choose_lookup(client, rows=1) == "each"


def test_the_index_makes_no_lookup_per_row(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("external_id,group_id,displayname\n16943,1,Abrhám Václav\n20451,1,Adamec Lukáš\nn,1,N\n",
                    encoding="utf-8")
    code, out, _ = run("ucs", "sync-persons", str(path))
    assert code == 0 and out.startswith("created 1, updated 0, unchanged 2")
    gets = [path for method, path in ucs.log if method == "GET"]
    assert all(path == "/api/v1.0/crm/persons" for path in gets) and len(gets) == 2  # total, then one page


def test_a_row_setting_what_the_list_lacks_reads_that_persons_detail(ucs, run, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("external_id,phone:mobil,note\n20451,+420654321987,\n16943,,\n", encoding="utf-8")
    code, out, _ = run("ucs", "sync-persons", str(path), "--lookup", "index")
    assert out.startswith("created 0, updated 0, unchanged 2")
    assert [p for m, p in ucs.log if m == "GET" and p != "/api/v1.0/crm/persons"] == ["/api/v1.0/crm/person/13270"]


def test_an_external_id_two_persons_share_fails_its_row(ucs, tmp_path):
    ucs.add({"group_id": 1, "lastname": "Twin", "external_id": "16943"})
    rows = sync.read_rows(["external_id,lastname\n", "16943,X\n"])
    with client_for(ucs) as client:
        summary = sync.sync_persons(client, rows, lookup="index")
    assert summary.lines()[1] == "row 2 (external_id '16943'): external_id: more than one UCS person has this external_id"
    assert ucs.writes == []
