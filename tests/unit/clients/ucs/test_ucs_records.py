"""The seed's example answers read into the typed records: documented fields as attributes,
documented enums as Enums (an unknown value kept as it came), unknown fields in ``.extra``,
and ``to_api()`` giving back what was read."""

import pytest

from bridge.clients.ucs import (AgentQueues, AgentUpdateResult, CallRecord, Company, CompanyPerson, Contact,
                                ContactType, Direction, Group, Locale, Page, PathStep, Person, Queue,
                                QueueMembership, QueueType, QueueUpdateResult, Role, Status, Team, User,
                                UserSummary)
from ucs_helpers import (CALL_RECORD, COMPANIES_PAGE, COMPANY, GROUPS, MEMBERSHIP, MEMBERSHIP_UPDATE,
                         MEMBERSHIP_UPDATED, METADATA, METADATA_UPDATE, METADATA_UPDATED, PERSON, PERSONS_PAGE,
                         QUEUE, QUEUES, ROLES, SHARED_UPDATE, SHARED_VALUE, STATUS, TEAM, TEAMS, USER, USERS, EMPTY,
                         Seed, client, ok)

ANSWERS = {
    "GET /status": STATUS, "GET /queues": QUEUES, "GET /groups": GROUPS, "GET /roles": ROLES, "GET /teams": TEAMS,
    "GET /call/1723018607.115": ok(CALL_RECORD), "GET /metadata/1723018607.115": METADATA,
    "POST /metadata/1723018607.115": METADATA_UPDATED, "GET /shared/osl_chats": ok(SHARED_VALUE),
    "POST /shared/osl_chats": EMPTY, "GET /users": USERS, "GET /user/external/asdf": ok(USER),
    "GET /user/1": ok(USER), "GET /queues/agents": MEMBERSHIP, "POST /queues/agents": MEMBERSHIP_UPDATED,
    "GET /crm/persons": PERSONS_PAGE, "GET /crm/person/59233": ok(PERSON), "GET /crm/companies": COMPANIES_PAGE,
    "GET /crm/company/external/ins": ok(COMPANY), "DELETE /crm/person/123456": EMPTY,
}


@pytest.fixture
def ucs():
    with client(Seed(ANSWERS)) as c:
        yield c


def test_status_trunks_phones_and_services(ucs):
    status = ucs.status()
    assert isinstance(status, Status)
    assert status.trunks["1"].name == "SIPY" and status.trunks["1"].status == 1 and status.trunks["2"].rtt == 0
    system = status.phones["1"]
    assert (system.name, system.configured, system.available, system.dead, system.paired) == ("System", 279, 0, 11, 11)
    assert system.extra["configured_softphones"] == 263
    assert status.services == {"ucs": 0, "api": 0, "postgres": 14, "asterisk": 1, "light-log": 0, "tftp": 1,
                               "stunserver": 1, "webserver": 3, "nats-server": 1}
    assert status.to_api() == STATUS


def test_queue_type_is_an_enum_and_an_unknown_type_is_kept(ucs):
    queue, newer = ucs.queues()
    assert isinstance(queue, Queue) and queue.type is QueueType.INBOUND
    assert (queue.id, queue.name, queue.answered, queue.sl["day"]) == (74, "NONLIFE CZ", 1567, [740, 1763])
    assert queue.last_call_enter == 1724428798.475978
    assert queue.extra["answered_in_service"] == 740
    assert newer.type == 7 and not isinstance(newer.type, QueueType)
    assert queue.to_api() == QUEUE and newer.to_api() == {"id": 75, "type": 7, "name": "chat"}


def test_groups_and_roles(ucs):
    groups = ucs.groups()
    assert [type(g) for g in groups] == [Group] * 5
    assert groups[0] == Group(id=1, name="System", external_id=None)
    assert groups[1].name == " Testik"  # the seed's leading space kept
    assert ucs.roles()[3] == Role(id=9, group_id=10, name="Bot")


def test_team_aux_reasons_read_break(ucs):
    (team,) = ucs.teams()
    assert isinstance(team, Team) and team.name == "Markuv Team" and team.transfer_to_agent is False
    (reason,) = team.aux_reasons
    assert (reason.reason, reason.break_, reason.color, reason.limit, reason.hidden) == \
        ("Nemám rád šmouly", False, "ff0000", None, False)
    assert reason.extra == {}
    assert reason.to_api() == {"reason": "Nemám rád šmouly", "break": False, "color": "ff0000", "hidden": False}
    assert team.extra["default_email_languages"]["de_DE"] == 100
    assert team.channels["dialer"] is False


def test_call_record_with_path_and_direction(ucs):
    record = ucs.call_record("1723018607.115")
    assert isinstance(record, CallRecord)
    assert (record.uniqueid, record.duration, record.cause, record.recording) == ("1723018607.115", 524, 3, True)
    assert record.metadata == {"ucrm_interaction_id": 30391, "outbound_id": 0}
    assert [type(step) for step in record.path] == [PathStep] * 7
    assert record.path[0] == PathStep(date="2024-08-07 10:16:47", type=1, number="0776000001", name="SIPY")
    assert record.direction is Direction.INBOUND  # src_internal false, dst_internal true
    to_api = record.to_api()
    assert to_api == {k: v for k, v in CALL_RECORD.items() if v is not None}


@pytest.mark.parametrize("src, dst, direction", [
    (False, True, Direction.INBOUND), (True, False, Direction.OUTBOUND), (True, True, Direction.INTERNAL),
    (False, False, Direction.EXTERNAL), (None, True, None)])
def test_direction_from_src_and_dst_internal(src, dst, direction):
    assert CallRecord(src_internal=src, dst_internal=dst).direction == direction


def test_metadata_get_and_update(ucs):
    assert ucs.metadata("1723018607.115") == {"ucrm_interaction_id": 30391, "outbound_id": 0}
    assert ucs.update_metadata("1723018607.115", METADATA_UPDATE) == {"ucrm_interaction_id": 30391, "pokus": "hokus"}


def test_shared_data_get_and_update(ucs):
    assert ucs.shared_data("osl_chats") == SHARED_VALUE
    assert ucs.update_shared_data("osl_chats", SHARED_UPDATE) is None


def test_users_summary_and_detail(ucs):
    users = ucs.users()
    assert users[1] == UserSummary(id=10, name="Alice", external_id=None)
    user = ucs.user_by_external_id("asdf")
    assert isinstance(user, User) and user == ucs.user(1)
    assert user.locale is Locale.EN_US and user.username == "admin" and user.active is True
    assert user.firstname == "null"  # a string in the seed: kept as it came, not read as a null
    assert user.lastname is None and user.team_id is None
    assert user.to_api() == {k: v for k, v in USER.items() if v is not None}


def test_agent_queues_and_memberships(ucs):
    admin, bob, nobody = ucs.queue_membership()
    assert isinstance(admin, AgentQueues) and (admin.id, admin.name, admin.external_id) == (1, "Admin Ucska", "asdf")
    assert [q.type for q in admin.queues] == [QueueType.EMAIL, QueueType.TASK, QueueType.INBOUND,
                                              QueueType.OUTBOUND]
    assert admin.queues[2] == QueueMembership(id=82, type=QueueType.INBOUND, priority=1, suspended=True)
    assert bob.queues == (QueueMembership(id=234, type=QueueType.OUTBOUND, priority=50, suspended=False),)
    assert nobody.queues == ()


def test_bulk_membership_update_has_a_result_per_agent_and_per_queue(ucs):
    admin, pokus, unknown_id, unknown_external = ucs.update_queue_membership(MEMBERSHIP_UPDATE)
    assert all(isinstance(r, AgentUpdateResult) for r in (admin, pokus, unknown_id, unknown_external))
    assert admin.success is True and admin.failed_queues == []
    assert admin.queues[3] == QueueUpdateResult(id=103, success=True, message="Agent removed from queue")
    assert pokus.external_id == "2468" and pokus.success is True
    assert pokus.failed_queues == [QueueUpdateResult(id=0, success=False, message="Unknown queue id")]
    assert (unknown_id.id, unknown_id.success, unknown_id.error) == (0, False, "Unknown agent id")
    assert unknown_external.error == "Unknown agent external_id" and unknown_external.failed_queues == []


def test_persons_page_and_person_detail_with_contacts(ucs):
    page = ucs.persons(50, 100)
    assert isinstance(page, Page) and (page.total, page.limit, page.offset) == (26907, 50, 100)
    assert [p.id for p in page.items] == [26920, 13270, 25677]
    assert page.items[0].displayname == "Abrhám Václav" and page.items[0].contacts is None
    person = ucs.person(59233)
    assert isinstance(person, Person) and person.data == {"expires": "2025-01-01 00:00:00"}
    assert person.contacts == (Contact(id=71615, type=ContactType.EMAIL, contact="a@b.cd", label="e-mail"),
                               Contact(id=71616, type=ContactType.PHONE, contact="+420654321987", label="mobil"))
    assert person.to_api() == PERSON


def test_companies_page_and_company_with_persons(ucs):
    page = ucs.companies(50, 100)
    assert page.total == 10611 and page.items[1] == Company(id=2919, group_id=1, name="All happy, ltd.",
                                                            external_id="13873")
    company = ucs.company_by_external_id("ins")
    assert company.persons == (CompanyPerson(person_id=123456, role="majitel"),)
    assert company.data == {"ico": "04110889"}
    assert company.to_api() == COMPANY


def test_unknown_fields_are_kept_in_extra_and_round_trip():
    data = {**PERSON, "loyalty": {"tier": "gold"},
            "contacts": [{"id": 1, "type": 9, "contact": "x", "label": "fax", "verified": True}]}
    person = Person.from_api(data)
    assert person.extra == {"loyalty": {"tier": "gold"}}
    assert person.contacts[0].type == 9 and person.contacts[0].extra == {"verified": True}
    assert person.to_api() == data


def test_a_delete_returns_nothing(ucs):
    assert ucs.delete_person(123456) is None
