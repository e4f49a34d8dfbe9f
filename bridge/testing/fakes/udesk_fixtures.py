"""The data a :class:`~bridge.testing.fakes.udesk.UdeskFake` starts with: the examples of the Udesk
CCPaaS ccapi v2 document (seed 003), with the records its examples name but do not show added
(each with a comment saying what is made up).

A fake copies these (deep) when it is made, so one test's changes never reach another's. Python,
not JSON, so that every correction can say what the seed had.
"""

from __future__ import annotations

# The account and application: the seed's Sid and AuthToken are placeholders ({{Sid}}), made up
# here; the app id is the one most of the seed's query tables show.
SID = "udesk_sid"
AUTH_TOKEN = "udesk_auth_token"
APP_ID = "4b8dc715-05e0-4340-6cae-a6e3c39a6012"

# "01. Get Relay Number List": the relay numbers bound to the app and its default caller id. The
# example's answer lists 671..674 and names 670 the default, which the list does not hold: the
# fake reads the list as "the bound numbers but the default" (so the example answers as shown),
# and 670 is bound too (it may be the default, so it is a relay number of the app).
RELAY_NUMBERS = ("057126200670", "057126200671", "057126200672", "057126200673", "057126200674")
DEFAULT_RELAY_NUMBER = "057126200670"

# "A ten-digit fixed prefix plus the extension number makes up the extension account": the create
# example's account 93000077121002 for extension 1002.
EXTENSION_PREFIX = "9300007712"

# Queues, QueueId -> (Name, Strategy, Timeout, WaitMusic). 9001 is the queue list's example; 9003
# holds agent 189 in the agent list example (its name made up); 9002 "A" stands for the agent
# example's queue "2@..." named "A" (the id 2 breaks the document's 9\d{3}: renumbered); 9009 is
# the update and delete examples' queue (made up, empty, so those examples work on a fresh fake).
QUEUES = {
    "9001": ("Admin test ", 0, 0, "waitmusic.wav"),
    "9002": ("A", 0, 0, ""),
    "9003": ("B", 0, 0, ""),
    "9009": ("test create Queue007", 0, 0, ""),
}

# Extensions, Extension -> (Password, SignalType 0 SIP | 1 WebRTC). 1001 and 1008 are agent 189's
# (list example), 1145 and 1146 agent 355's (get example: 1145's password "xxx" as shown). An agent
# binds one extension per type, so of each pair the first is SIP and the second WebRTC (the
# document does not say). 1135 is the bind example's (made up, unbound); 1003 and 1004 are made up
# for the sign-in and sign-out examples' agents. Passwords other than 1145's are made up.
EXTENSIONS = {
    "1001": ("5f2a61c0e4b1d7a9", 0),
    "1008": ("0c9e4d7b21a3f865", 1),
    "1145": ("xxx", 0),
    "1146": ("7b3f0a9d5e2c8146", 1),
    "1135": ("9d0e6b2f7a1c4358", 0),
    "1003": ("a61f0c3e9b7d2045", 0),
    "1004": ("3e8b7a2d0f6c9141", 0),
}

# Agents: the agent list example's 189 and the get example's 355 as shown; 10032 (sign-in example)
# and 1802 (sign-out example, signed in so that the example signs it out) are made up. State:
# the document shows 4 "offline" (get example) and 1 (list example); sign-in takes 0 idle or
# 1 waiting; those are the states the fake knows.
AGENTS = [
    {"AgentId": "189", "WorkId": "", "Name": "Admin 1", "Mobile": "17600364320", "Email": "crmdiaoxiao1@test.cn",
     "Role": "agent", "Enable": True, "DefSpNumber": "02863138587", "State": 1, "Queues": ["9003"],
     "Extensions": ["1001", "1008"]},
    {"AgentId": "355", "WorkId": "111", "Name": "alice", "Mobile": "1327766543", "Email": "aaaa@test.cn",
     "Role": "agent", "Enable": True, "DefSpNumber": "0107766", "State": 4, "Queues": ["9002"],
     "Extensions": ["1145", "1146"]},
    {"AgentId": "10032", "WorkId": "22", "Name": "Li", "Mobile": "18512520714", "Email": "123@qq.com",
     "Role": "agent", "Enable": True, "DefSpNumber": "", "State": 4, "Queues": ["9001"], "Extensions": ["1003"]},
    {"AgentId": "1802", "WorkId": "1802", "Name": "Wang", "Mobile": "", "Email": "", "Role": "leader",
     "Enable": True, "DefSpNumber": "", "State": 0, "Queues": ["9001"], "Extensions": ["1004"]},
]

# What the state numbers say (StateDes). 4 "offline" is the document's; the others are the
# sign-in's words for 0 and 1.
STATES = {0: "idle", 1: "waiting", 4: "offline"}
OFFLINE = 4

# Subscriptions, id -> (name, callback, events, enable): the list example's "sub1", with the id
# the update example answers (164). New ids follow from the create example's 168.
SUBSCRIPTIONS = {164: ("sub1", "http://ip:port", ["acd_agent_state"], False)}
NEXT_SUBSCRIPTION_ID = 168

# "18. Subscription to Events": the categories and their events (all_type).
EVENT_CATEGORIES = {
    "agent_state": ("acd_agent_state",),
    "ext_state": ("extension_state_update",),
    "agent_call_mode": ("agent_call_mode_change",),
    "call": ("general_hangup", "enqueue_succ", "record_stop", "hangup_cause", "dequeue_succ", "start_dialout",
             "voice_mail_succ", "play_succ", "dtmf_gather_succ", "asr_gather_succ", "consult_succ",
             "end_consult_succ", "three_way_succ", "substitute_succ", "hold_agent_succ", "extern_succ",
             "eavesdrop_succ"),
}

# The examples' requests, as the seed writes them (a test replays them on a fresh fake).
CREATE_AGENT_EXAMPLE = {"AgentId": "9415", "WorkId": "199"}
CREATE_EXTENSION_EXAMPLE = {"Extension": "1002", "Password": "802411d4", "SignalType": 0}
CREATE_QUEUE_EXAMPLE = {"QueueId": "9008", "QueueName": "Test Create Queue 007", "WaitMusic": ""}
CALLBACK_EXAMPLE = {"caller": "18789998765", "called": "02863208944", "called_display": "02863208944"}
SUBSCRIPTION_EXAMPLE = {"subscriptions": [{
    "callback": "http://s-km5.udesk.cn/as/api/v1/dialog/6/c6d4c463-5c60-43ba-a522-c972dd60e058",
    "events": ["begin", "end"], "name": "lymtest"}]}
