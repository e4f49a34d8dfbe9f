"""Call objects as the UCS simulator reports them (bridge/testing/simulator/ucs-simulator.js,
``_newCall``): the component's Call object of seed 002."""

CREATED = 1_732_441_200


def incoming_call(**changes) -> dict:
    """An incoming call from 0800123456 to the agent (user 1, extension 1001), ringing."""
    call = {
        "called_name": "Ada Agent", "called_number": "1001", "called_number_norm": None,
        "caller_channel": "SIP/trunk-00000001", "caller_extension": None, "caller_group_id": None,
        "caller_internal": False, "caller_line_id": None, "caller_muted": False, "caller_name": None,
        "caller_number": "0800123456", "caller_number_norm": "+420800123456", "caller_type": "trunk",
        "caller_user_id": None, "caller_username": None, "cause": -1, "connected": None,
        "connected_channel": "SIP/1001-00000001", "connected_group_id": 1, "connected_internal": True,
        "connected_line_id": 1, "connected_muted": False, "connected_name": "Ada Agent",
        "connected_number": "1001", "connected_number_norm": None, "connected_type": "line",
        "connected_user_id": 1, "connected_username": "agent", "created": CREATED,
        "data": {"crm_contact": "Alan Turing"}, "direction": "INCOMING", "disconnected": None,
        "external_id": None, "id": 1, "name": None, "now": CREATED, "number": "0800123456",
        "outbound_id": None, "recorded": False, "state": 2, "subcalls": 1, "uniqueid": f"{CREATED}.1",
    }
    call.update(changes)
    return call


def answered_and_ended(seconds: int, cause: int = 3) -> dict:
    """The incoming call answered 4 s after it rang and hung up ``seconds`` later."""
    return incoming_call(state=3, connected=CREATED + 4, disconnected=CREATED + 4 + seconds, cause=cause)
