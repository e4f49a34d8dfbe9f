"""The data a :class:`~bridge.testing.fakes.xuc.XucFake` starts with: the examples of the XiVO XUC
REST API document (seed 004), corrected where the example is not JSON, with the records the
examples name but do not show added (each with a comment saying what is made up).

A fake copies these (deep) when it is made, so one test's changes never reach another's. Python,
not JSON, so that every correction can say what the seed had.
"""

from __future__ import annotations

# alias.ctiuser's ACLs (every CTI user's) are the client's CTI_USER_ACLS: one list, the seed's.

# Every ACL the seed's warnings name for the web-service endpoints ("only available for web
# service users with ... ACL"), plus xuc.rest.call_qualification.read for GET /call_qualification
# (the seed names no ACL for it; see xuc.py).
WEBSERVICE_ACLS = (
    "xuc.rest.dial.number.*.create",
    "xuc.rest.dial.user.*.create",
    "xuc.rest.dial.fromqueue.create",
    "xuc.rest.dial.toqueue.create",
    "xuc.rest.dnd.*.create",
    "xuc.rest.forward.unconditional.*.create",
    "xuc.rest.forward.noanswer.*.create",
    "xuc.rest.forward.busy.*.create",
    "xuc.rest.history.*.read",
    "xuc.rest.history.days.*.read",
    "xuc.rest.callback_lists.callback_requests.csv.create",
    "xuc.rest.callback_lists.callback_tickets.csv.create",
    "xuc.rest.call_qualification.read",
)

# CTI users: login -> (password, line number, XiVO user id). The seed's logins: cti_user_login /
# cti_user_password (its login example), jbond and drno (dial, DND, forward examples), alicej
# (the event example: line 1058, XIVO_USERID 9), bruce and cquefia (the history example). Every
# other password, line and id is made up.
CTI_USERS = {
    "cti_user_login": ("cti_user_password", "1000", 1),
    "jbond": ("jbond_password", "1002", 2),
    "drno": ("drno_password", "1004", 3),
    "alicej": ("alicej_password", "1058", 9),
    "bruce": ("bruce_password", "1010", 10),
    "cquefia": ("cquefia_password", "1011", 11),
}

# Web-service users: login -> (password, ACLs). web_service_user_login / web_service_user_password
# are the seed's login example; "dialer" (made up) holds one ACL only, for tests of refusals.
WEBSERVICE_USERS = {
    "web_service_user_login": ("web_service_user_password", WEBSERVICE_ACLS),
    "dialer": ("dialer_password", ("xuc.rest.dial.number.*.create",)),
}

# SSO credentials the fake takes (all made up; the seed shows none but the CAS ticket).
# Kerberos: the Negotiate header's token -> CTI login.
KERBEROS_TOKENS = {"YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACjggS": "jbond"}
# CAS: the seed's service URL and ticket (single use, as CAS service tickets are) -> CTI login.
CAS_SERVICE = "https://cas.myplatform.com"
CAS_TICKETS = {"ST-11-Qsicgrh1mZ3dgoeOx7m6-af27d9025e0c": "jbond"}
# OIDC: access tokens the identity provider would vouch for -> CTI login.
OIDC_TOKENS = {"oidc-access-token-alicej": "alicej"}

# Personal contacts: owner -> contacts. cti_user_login's are the seed's list example (hawkeye
# pierce, peter pan: their ids are made up, and the fields the list does not show are empty) and
# its detail example (28079dc0-..., doe john).
CONTACTS = {
    "cti_user_login": [
        {"id": "6f1d2c4e-8a51-4c57-9c2e-0f5b7d1a9e01", "firstname": "hawkeye", "lastname": "pierce",
         "number": "1002", "mobile": "0761187406", "fax": "", "email": "", "company": ""},
        {"id": "b3e0a7d2-54c1-4f8e-a0b9-2d6c8e4f1a02", "firstname": "peter", "lastname": "pan",
         "number": "1004", "mobile": "", "fax": "", "email": "", "company": ""},
        {"id": "28079dc0-2c6b-4332-9075-61da9229389f", "firstname": "doe", "lastname": "john",
         "number": "1111", "mobile": "2222", "fax": "3333", "email": "j.doe@my.corp", "company": "corp"},
    ],
}
# The list's "status" of a contact is its number's phone status: the seed's list shows 0 for
# 1002 and -2 for 1004; every other number answers -2 (unknown), as the seed's second entry does.
PHONE_STATUSES = {"1002": 0, "1004": -2}
UNKNOWN_PHONE_STATUS = -2

# GET /call_qualification/queue/42, as the seed shows it.
QUALIFICATIONS = {
    42: [
        {"id": 6, "name": "General Questions",
         "subQualifications": [{"id": 14, "name": "Common"}, {"id": 15, "name": "Technical"}]},
        {"id": 5, "name": "Support",
         "subQualifications": [{"id": 12, "name": "Technical"}, {"id": 13, "name": "General"}]},
    ],
}
# The seed's qualification answer (its "Create" response and its CSV export's row).
QUALIFICATION_ANSWERS = [
    {"sub_qualification_id": 1, "time": "2018-03-21 17:00:00", "callid": "callid1", "agent": 1, "queue": 1,
     "first_name": "john", "last_name": "doe", "comment": "some comment", "custom_data": "some custom data"},
]

# The seed's history example (its 1.0 answer, the only one it shows), newest first.
HISTORY = [
    {"start": "2018-09-20 17:38:41", "duration": "00:00:02", "srcUsername": "bruce", "dstUsername": "alicej",
     "status": "emitted"},
    {"start": "2018-09-20 17:19:40", "duration": "00:00:01", "srcUsername": "bruce", "dstUsername": "cquefia",
     "status": "emitted"},
    {"start": "2018-09-20 17:15:00", "duration": "00:00:18", "srcUsername": "cquefia", "dstUsername": "bruce",
     "status": "missed"},
    {"start": "2018-09-20 17:14:16", "duration": "00:00:11", "srcUsername": "cquefia", "dstUsername": "bruce",
     "status": "missed"},
]

# Callback lists by uuid: the two the seed's examples name ("1" for the import, the other for the
# export), empty.
CALLBACK_LISTS = ("1", "jsdfh-90298J-hdjkfd")
# The callback request CSV's columns, as the seed's import example's header names them.
CALLBACK_COLUMNS = ("phoneNumber", "mobilePhoneNumber", "firstName", "lastName", "company", "description",
                    "dueDate", "period")
# The seed's import example body. The seed's curl wraps it in single quotes although O'Neill holds
# one (the shell would cut it there); as JSON it is valid, and here it is whole.
CALLBACK_IMPORT_EXAMPLE = {
    "listUuid": "1",
    "csv": "phoneNumber|mobilePhoneNumber|firstName|lastName|company|description|dueDate|period\n"
           "0230210092|0689746321|John|Doe|MyCompany|Call back quickly||\n"
           "0587963214|0789654123|Alice|O'Neill|YourSociety||2016-08-01|Afternoon",
}

# The seed's event example (Export events): what XUC POSTs to its eventUrl.
PHONE_EVENT_EXAMPLE = {
    "username": "alicej",
    "message": {
        "msgType": "PhoneEvent",
        "ctiMessage": {"eventType": "EventDialing", "DN": "1058", "otherDN": "3000", "linkedId": "1447670380.34",
                       "uniqueId": "1447670380.34", "userData": {"XIVO_USERID": "9"}},
    },
}
# The seed's eventUrl example.
EVENT_URL_EXAMPLE = "http://localhost:8090/xivo/1.0/event/avencall.com/dropbox/"
