"""The seed's example answers are read into records (contacts, the contacts list, the import's
result, qualifications, history, the login answer), CSV exports as text, and "success" answers as None."""

import httpx2
from xuc_seed import (CONTACT, CONTACTS, CONTACTS_CSV, HISTORY, IMPORTED, QUALIFICATION_ANSWER, QUALIFICATIONS,
                      QUALIFICATIONS_CSV, SUCCESS, Xuc, client)

from bridge.clients.errors import ApiError
from bridge.clients.xuc import Contact, ContactImport, ContactList, HistoryEntry, LoginAnswer, Qualification

import pytest

UUID = CONTACT["id"]


def csv(text):
    return lambda request: httpx2.Response(200, text=text, headers={"Content-Type": "text/csv; charset=utf-8"})


def test_a_contact_is_read():
    contact = client(Xuc({f"GET /contact/personal/{UUID}": CONTACT}, acls=["xuc.#"])).contact(UUID)
    assert isinstance(contact, Contact)
    assert (contact.id, contact.firstname, contact.lastname, contact.email, contact.company) == (
        UUID, "doe", "john", "j.doe@my.corp", "corp")
    assert contact.to_api() == CONTACT


def test_the_contacts_list_keeps_headers_and_entries():
    listing = client(Xuc({"GET /contact/personal": CONTACTS}, acls=["xuc.#"])).contacts()
    assert isinstance(listing, ContactList)
    assert [entry.status for entry in listing.entries] == [0, -2]
    assert listing.rows()[0] == {"Firstname": "hawkeye", "Lastname": "pierce", "Number": "1002",
                                 "Mobile": "0761187406", "Favorite": "false"}


def test_the_import_result_lists_created_and_failed():
    result = client(Xuc({"POST /contact/import/personal": httpx2.Response(201, json=IMPORTED)},
                        acls=["xuc.#"])).import_contacts("lastname\nWayne\n")
    assert isinstance(result, ContactImport)
    assert [c.lastname for c in result.created] == ["Wayne", "Hawking"]
    assert result.failed[0].line == 3 and result.failed[0].errors == ("too many fields",)


def test_qualifications_and_their_sub_qualifications_are_read():
    found = client(Xuc({"GET /call_qualification/queue/42": QUALIFICATIONS}, acls=["xuc.#"])).qualifications(42)
    assert all(isinstance(q, Qualification) for q in found)
    assert [(q.id, q.name, [s.name for s in q.subQualifications]) for q in found] == [
        (6, "General Questions", ["Common", "Technical"]), (5, "Support", ["Technical", "General"])]


def test_history_entries_are_read_from_the_data():
    calls = client(Xuc({"GET /history/jbond": {"res": "success", "data": HISTORY}}, acls=["xuc.#"])).history("jbond", 4)
    assert all(isinstance(entry, HistoryEntry) for entry in calls)
    assert [(e.srcUsername, e.dstUsername, e.status) for e in calls][2] == ("cquefia", "bruce", "missed")


def test_csv_exports_are_text():
    c = client(Xuc({"GET /contact/export/personal": csv(CONTACTS_CSV),
                    "GET /call_qualification/csv/42/a/b": csv(QUALIFICATIONS_CSV)}, acls=["xuc.#"]))
    assert c.export_contacts() == CONTACTS_CSV
    assert c.export_qualifications(42, "a", "b") == QUALIFICATIONS_CSV


def test_a_success_answer_is_none_and_a_2xx_failure_is_an_error():
    c = client(Xuc({"POST /dnd/jbond": SUCCESS, "POST /dnd/drno": {"res": "failure"}}, acls=["xuc.#"]))
    assert c.set_dnd("jbond", True) is None
    with pytest.raises(ApiError):
        c.set_dnd("drno", True)


def test_the_login_answer_is_a_record_without_its_token_in_the_repr():
    xuc = Xuc(acls=["xuc.#"])
    answer = client(xuc).check()
    assert isinstance(answer, LoginAnswer) and answer.TTL == 3600
    assert xuc.token_for(2) not in repr(answer)


def test_a_csv_export_that_is_not_utf8_is_a_malformed_answer():
    from bridge.clients.errors import MalformedResponseError

    xuc = Xuc({"GET /contact/export/personal": httpx2.Response(200, content=b"caf\xe9\n")}, acls=["xuc.#"])
    with pytest.raises(MalformedResponseError, match="UTF-8"):
        client(xuc).export_contacts()


def test_the_qualification_answers_are_the_seeds_objects():
    answers = client(Xuc({"GET /call_qualification": [QUALIFICATION_ANSWER]}, acls=["xuc.#"])).qualification_answers()
    assert answers == [QUALIFICATION_ANSWER]
