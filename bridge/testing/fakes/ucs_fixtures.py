"""The data a :class:`~bridge.testing.fakes.ucs.UcsFake` starts with: the examples of the UCS REST
API document (seed 000), as they are written there, corrected where the example is not JSON.

A fake copies these (deep) when it is made, so one test's changes never reach another's. The
seed's examples end some lists with ``...``: the records the fake needs beyond the ones shown
(the queues the queue-membership example names, the user that example calls "Pokus") are added
here, each with a comment saying so. Python, not JSON, so that every correction can say what
the seed had.
"""

from __future__ import annotations

# GET /api/v1.0/status, as the seed shows it (the fields are beside "success", not under "data").
STATUS = {
    "success": True,
    "trunks": {
        "1": {"name": "SIPY", "status": 1, "rtt": 1},
        "2": {"name": "external", "status": 0, "rtt": 0},
    },
    "phones": {
        "1": {
            "name": "System", "configured": 279, "configured_ipphones": 16, "configured_softphones": 263,
            "available": 0, "available_ipphones": 0, "available_softphones": 0,
            "dead": 11, "dead_ipphones": 2, "dead_softphones": 9,
            "paired": 11, "paired_ipphones": 2, "paired_softphones": 9,
        },
        "3": {
            "name": "Testik", "configured": 2, "configured_ipphones": 1, "configured_softphones": 1,
            "available": 0, "available_ipphones": 0, "available_softphones": 0,
            "dead": 0, "dead_ipphones": 0, "dead_softphones": 0,
            "paired": 0, "paired_ipphones": 0, "paired_softphones": 0,
        },
    },
    "ucs": 0, "api": 0, "postgres": 14, "asterisk": 1, "light-log": 0, "tftp": 1, "stunserver": 1,
    "webserver": 3, "nats-server": 1,
}

# Queue types (the seed's table "Typy front UCS").
QUEUE_OUTBOUND, QUEUE_INBOUND, QUEUE_TASK, QUEUE_EMAIL = 0, 1, 2, 3

# The seed's one queue (its list ends with "...").
_NONLIFE_CZ = {
    "id": 74, "active": True, "group_id": 11, "type": QUEUE_INBOUND, "number": "10099", "name": "NONLIFE CZ",
    "callers_waiting": 0, "callers_ringing": 0, "callers_talking": 0,
    "agents_idle": 0, "agents_ringing": 0, "agents_talking": 0, "agents_acw": 0, "agents_aux": 0,
    "answered": 1567, "overflowed": 1, "abandoned": 336, "talktime": 314549, "waittime": 270986,
    "answered_wait_time": 227409.22137379646, "answered_in_service": 740, "answered_in_work_hours": 0,
    "answered_in_work_and_sl": 0, "abandoned_in_threshold": 140, "abandoned_in_work_hours": 0,
    "abandoned_in_work_and_sl": 0, "abandoned_full": 0,
    "sl": {"day": [740, 1763], "week": [4184, 9405], "month": [17929, 28297], "quarter": [44922, 69392]},
    "sl_work": {"day": [0, 0], "week": [0, 0], "month": [0, 0], "quarter": [0, 0]},
    "last_call_enter": 1724428798.475978, "last_call_answer": 1724428717.4761183,
    "callers": [],
}


def _quiet_queue(queue_id: int, queue_type: int, number: str, name: str) -> dict:
    """A queue with the seed queue's fields, no traffic, in group 1."""
    counters = {key: 0 for key, value in _NONLIFE_CZ.items() if isinstance(value, (int, float))
                and not isinstance(value, bool) and key not in ("id", "group_id", "type")}
    return {
        "id": queue_id, "active": True, "group_id": 1, "type": queue_type, "number": number, "name": name,
        **counters,
        "sl": {period: [0, 0] for period in ("day", "week", "month", "quarter")},
        "sl_work": {period: [0, 0] for period in ("day", "week", "month", "quarter")},
        "last_call_enter": None, "last_call_answer": None, "callers": [],
    }


QUEUES = [
    _NONLIFE_CZ,
    # Not in the seed's queue list (it ends with "..."): the queue-membership examples name these
    # queues with these types (146 e-mail, 123 task, 82 inbound, 103 and 234 outbound); their
    # numbers and names are made up.
    _quiet_queue(146, QUEUE_EMAIL, "10146", "E-mail"),
    _quiet_queue(123, QUEUE_TASK, "10123", "µCRM tasks"),
    _quiet_queue(82, QUEUE_INBOUND, "10082", "Inbound"),
    _quiet_queue(103, QUEUE_OUTBOUND, "10103", "Outbound campaign"),
    _quiet_queue(234, QUEUE_OUTBOUND, "10234", "Outbound campaign 2"),
]

# The names keep the seed's leading spaces (" Testik").
GROUPS = [
    {"id": 1, "name": "System", "external_id": None},
    {"id": 3, "name": " Testik", "external_id": "1234"},
    {"id": 7, "name": " Test2", "external_id": "2222"},
    {"id": 9, "name": " NN - Brokerska", "external_id": "broker1"},
    {"id": 10, "name": " Markuv Servicedesk", "external_id": "service1"},
]

ROLES = [
    {"id": 1, "group_id": 1, "name": "Administrator"},
    {"id": 6, "group_id": 1, "name": "Alice"},
    {"id": 7, "group_id": 1, "name": "Bob"},
    {"id": 9, "group_id": 10, "name": "Bot"},
    {"id": 8, "group_id": 1, "name": "Charlie"},
]

# The seed's one team (its list ends with "...").
TEAMS = [
    {
        "id": 8, "group_id": 1, "name": "Markuv Team", "note": "Team TEAM TEAM!!!!",
        "aux_reasons": [{"reason": "Nemám rád šmouly", "break": False, "color": "ff0000", "limit": None,
                         "hidden": False}],
        "contacts": [],
        "tasks": {"person": 0, "person_url": None, "call": 0, "call_url": None, "email": 0, "email_url": None},
        "maximum_assigned_emails": None,
        "default_inbound_priority": 100, "default_inbound_acw": False, "default_inbound_acw_timeout": None,
        "default_inbound_busy": None, "default_inbound_busy_timeout": None,
        "default_outbound_acw": False, "default_outbound_acw_timeout": None,
        "default_email_priority": 100,
        "default_email_languages": {"cs_CZ": 100, "en_US": 100, "de_DE": 100, "ru_RU": 100},
        "default_email_assigned": None, "default_task_priority": 100,
        "color_agent_offline": None, "color_agent_ready": "188b35", "color_agent_acw": "ffda1f",
        "color_agent_aux": "ff9500", "color_agent_ringing": "a1ff2e", "color_agent_talking": "a1ff29",
        "color_phone_offline": None, "color_phone_idle": "00bfff", "color_phone_ringing": "ff00ea",
        "color_phone_talking": "ff00ea",
        "breaks_limit": None, "transfer_to_agent": False, "transfer_to_queue": False,
        "channels": {"inbound": False, "task": False, "email": False, "chat": False, "dialer": False},
    },
]

# GET /api/v1.0/call/1723018607.115, the seed's Call Detail Record; its "metadata" is the call's
# metadata (GET /api/v1.0/metadata/1723018607.115 answers the same object).
CALLS = [
    {
        "price": 0, "duration": 524,
        "src_number": "+420776000001", "src_name": "", "dst_number": "1800", "dst_name": " Bob",
        "src_internal": False, "dst_internal": True,
        "calldate": "2024-08-07 10:17:04", "connected": "2024-08-07 10:17:07", "disconnected": "2024-08-07 10:25:51",
        "src_extension_id": None, "dst_extension_id": 75, "src_user_id": None, "dst_user_id": 11,
        "src_type": "trunk", "dst_type": "phone", "xfer_users": None, "trunk_id": None,
        "uniqueid": "1723018607.115",
        "metadata": {"ucrm_interaction_id": 30391, "outbound_id": 0},
        "src_group_id": 1, "dst_group_id": 1, "pilot_number": "0776000001",
        "ring_time": 4, "talk_time": 524, "hold_time": 0, "cause": 3,
        "recording": True, "recording_duration": 523,
        "path": [
            {"date": "2024-08-07 10:16:47", "type": 1, "number": "0776000001", "name": "SIPY"},
            {"date": "2024-08-07 10:17:04", "type": 10000, "number": "1800", "name": "Bob SP"},
            {"date": "2024-08-07 10:17:04", "type": 10711, "number": "1800", "name": " Bob"},
            {"date": "2024-08-07 10:17:04", "type": 10001, "number": "1800", "name": "Bob SP"},
            {"date": "2024-08-07 10:17:07", "type": 10002, "number": "1800", "name": "Bob SP"},
            {"date": "2024-08-07 10:25:51", "type": 10720, "number": "0776000001", "name": ""},
            {"date": "2024-08-07 10:25:51", "type": 10, "number": "0776000001", "name": ""},
        ],
    },
]

# GET /api/v1.0/shared/osl_chats.
SHARED = {
    "osl_chats": {
        "type": "osl",
        "data": {"SWS": {"OneSolution": {"Waiting": 5, "Processed": 0}},
                 "KPK": {"OneSolution": {"Waiting": 2, "Doing": 4}}},
    },
}

# Users: the seed's list (admin, Alice, Bob) and its detail of admin. The list's "name" is the
# user's displayname. Keys the seed's detail hides behind "..." are the User table's, with the
# defaults a new user gets (ucs.py, USER_DEFAULTS).
USERS = [
    # The seed's detail of admin, as written: firstname is the *string* "null" there (lastname is
    # JSON null); kept as the seed has it.
    {"id": 1, "active": True, "external_id": "asdf", "group_id": 1, "role_id": 1, "team_id": None,
     "locale": "en_US", "username": "admin", "firstname": "null", "lastname": None, "displayname": "admin"},
    {"id": 10, "external_id": None, "group_id": 1, "role_id": 6, "team_id": 8, "username": "Alice",
     "displayname": "Alice"},
    # Bob answers the seed's call 1723018607.115 (dst_user_id 11, extension 75).
    {"id": 11, "external_id": "2468", "group_id": 1, "role_id": 7, "team_id": 8, "username": "Bob",
     "lastname": "Bob", "displayname": "Bob", "primary_extension": 75},
    # Not in the seed's users list: its queue-membership overview lists this user (43, external_id
    # "nonono", no queues), and every agent is a user, so GET /users lists four users, not three.
    {"id": 43, "external_id": "nonono", "group_id": 1, "role_id": 8, "team_id": 8, "username": "pokus",
     "firstname": "Pokus", "lastname": "Bezfrontovej", "displayname": "Pokus Bezfrontovej"},
]

# GET /api/v1.0/queues/agents: user id -> queue memberships (queue id, priority, suspended; the
# type is the queue's). The overview lists the users that have a membership record (Alice has
# none: the seed leaves her out of the overview, and says nothing of how UCS chooses). The seed
# names user 1 "Admin Ucska" in the overview but "admin" in the users list and detail: the fake
# has one user 1, whose displayname is "admin", and the overview says "admin".
MEMBERSHIP = {
    1: [{"id": 146, "priority": 100, "suspended": False}, {"id": 123, "priority": 80, "suspended": False},
        {"id": 82, "priority": 1, "suspended": True}, {"id": 103, "priority": 100, "suspended": False}],
    11: [{"id": 234, "priority": 50, "suspended": False}],
    43: [],
}

# µCRM persons: the three of the seed's list example and its detail example (59233).
PERSONS = [
    {"id": 26920, "group_id": 1, "displayname": "Abrhám Václav", "firstname": "Václav", "lastname": "Abrhám",
     "external_id": "16943"},
    {"id": 13270, "group_id": 1, "displayname": "Adamec Lukáš", "firstname": "Lukáš", "lastname": "Adamec",
     "external_id": "20451"},
    {"id": 25677, "group_id": 1, "displayname": "Albert Antonín", "firstname": "Antonín", "lastname": "Albert",
     "external_id": "23393"},
    {
        "id": 59233, "group_id": 1, "displayname": "Ing. Petr Novák VIP", "firstname": "Petr", "lastname": "Novák",
        "note": "Pozor, je to převelice důležitý zákoš…", "external_id": "abc123",
        "data": {"expires": "2025-01-01 00:00:00"},
        # The seed has a trailing comma after the last contact (not JSON): removed.
        "contacts": [
            {"id": 71615, "type": 2, "contact": "a@b.cd", "label": "e-mail"},
            {"id": 71616, "type": 1, "contact": "+420654321987", "label": "mobil"},
        ],
        "interactions": [], "tasks": [],
    },
]

# The seed's create examples answer these ids (user 123, person 123456): new records get ids from
# here on, so its create -> update -> delete examples run as written, and its company examples'
# persons 123456 and 123457 are the next two persons created. (Company 10765, its create example's
# id, is already the one after the highest fixture, 10764.)
FIRST_NEW_USER_ID = 123
FIRST_NEW_PERSON_ID = 123456

# µCRM companies: the seed's list example and its detail example (10764).
COMPANIES = [
    {"id": 5313, "group_id": 1, "name": "Acme inc.", "external_id": "74"},
    {"id": 2919, "group_id": 1, "name": "All happy, ltd.", "external_id": "13873"},
    {"id": 1677, "group_id": 1, "name": "AZ s.r.o.", "external_id": "6694"},
    # The seed writes this detail with broken quotes: `success: true, data: {"id: 10764,
    # "group_id: 1, "name: "INSOFT s.r.o.", ...` (unquoted success and data, keys missing their
    # closing quote). Here every key is quoted. Its person 123456 does not exist until the seed's
    # Person Create example makes it (company persons are not checked against the persons).
    {"id": 10764, "group_id": 1, "name": "INSOFT s.r.o.", "external_id": "ins", "data": {"ico": "04110889"},
     "persons": [{"person_id": 123456, "role": "majitel"}], "tasks": []},
]
