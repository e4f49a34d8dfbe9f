"""``xuc dial USER NUMBER``, ``xuc dnd USER on|off``, ``xuc forward KIND USER NUMBER|off``: each
changes the fake's state as its endpoint does and prints one OK line; a USER or NUMBER the
client refuses is exit 2 with nothing sent."""

import pytest


def test_dial_places_the_call(xuc, run):
    code, out, err = run("dial", "jbond", "0123456789")
    assert (code, out, err) == (0, "OK: jbond is dialing 0123456789\n", "")
    assert [(d["kind"], d["username"], d["destination"]) for d in xuc.dials] == [("number", "jbond", "0123456789")]


def test_dial_of_a_user_xuc_does_not_know_is_exit_1(xuc, run):
    code, out, err = run("dial", "nobody", "0123456789")
    assert (code, out) == (1, "") and "User nobody not found" in err and err.count("\n") == 1
    assert xuc.dials == []


def test_dnd_on_then_off(xuc, run):
    assert run("dnd", "jbond", "on") == (0, "OK: do-not-disturb on for jbond\n", "")
    assert xuc.dnd["jbond"] is True
    assert run("dnd", "jbond", "off") == (0, "OK: do-not-disturb off for jbond\n", "")
    assert xuc.dnd["jbond"] is False


@pytest.mark.parametrize("kind", ["unconditional", "noanswer", "busy"])
def test_forward_to_a_number_then_off(xuc, run, kind):
    assert run("forward", kind, "drno", "1004") == (0, f"OK: {kind} forward of drno to 1004\n", "")
    others = {k: v for k, v in xuc.forwards["drno"].items() if k != kind}
    assert xuc.forwards["drno"][kind] == {"enabled": True, "destination": "1004"}
    assert run("forward", kind, "drno", "off") == (0, f"OK: {kind} forward of drno off\n", "")
    assert xuc.forwards["drno"][kind] == {"enabled": False, "destination": ""}
    assert {k: v for k, v in xuc.forwards["drno"].items() if k != kind} == others


@pytest.mark.parametrize("argv", [
    ("dial", "jbond", ""), ("dial", "jbond", "0123\n456"), ("dial", "jbond", "1" * 65), ("dial", "j/bond", "1002"),
    ("dial", "..", "1002"), ("dnd", "a\\b", "on"), ("forward", "busy", "drno", "10\r04"), ("forward", "busy", "", "off"),
])
def test_a_number_or_user_the_client_refuses_is_exit_2_and_sends_nothing(xuc, run, argv):
    code, out, err = run(*argv)
    assert (code, out) == (2, "") and err.startswith("python -m bridge: InvalidArgument: XUC:")
    assert xuc.requests == []


@pytest.mark.parametrize("argv", [("dnd", "jbond", "maybe"), ("forward", "sometimes", "drno", "1004"),
                                  ("dial", "jbond")])
def test_a_usage_error_is_exit_2(xuc, run, argv):
    with pytest.raises(SystemExit) as done:
        run(*argv)
    assert done.value.code == 2 and xuc.requests == []
