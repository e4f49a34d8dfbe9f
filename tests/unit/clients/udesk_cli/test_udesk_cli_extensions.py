"""``udesk extensions create|delete|bind|unbind``: the fake's state changes as the document says;
the system-generated SIP password is printed only with --show-password."""


def test_create_hides_the_password(udesk, run):
    code, out, err = run("extensions", "create", "2001")
    assert (code, err) == (0, "")
    made = udesk.extensions["2001"]
    assert made["SignalType"] == 0 and made["Password"] not in out
    assert out == "OK: extension 2001 created, account 93000077122001, password hidden (--show-password prints it)\n"


def test_create_webrtc_with_its_password(udesk, run):
    code, out, _ = run("extensions", "create", "2002", "--webrtc", "--show-password")
    made = udesk.extensions["2002"]
    assert code == 0 and made["SignalType"] == 1
    assert out.endswith(f"password {made['Password']}\n")


def test_delete(udesk, run):
    code, out, err = run("extensions", "delete", "1135")  # the bind example's, unbound
    assert (code, out, err) == (0, "OK: extension 1135 deleted\n", "")
    assert "1135" not in udesk.extensions


def test_unbind_then_bind(udesk, run):
    code, out, _ = run("extensions", "unbind", "355", "1145")
    assert (code, out) == (0, "OK: 1145 unbound from agent 355\n")
    assert udesk.extensions["1145"]["agent"] is None and 0 not in udesk.agents["355"]["extensions"]
    code, out, _ = run("extensions", "bind", "355", "1135")
    assert (code, out) == (0, "OK: 1135 bound to agent 355\n")
    assert udesk.extensions["1135"]["agent"] == "355" and udesk.agents["355"]["extensions"][0] == "1135"


def test_several_at_once(udesk, run):
    code, out, _ = run("extensions", "unbind", "355", "1145", "1146")
    assert (code, out) == (0, "OK: 1145, 1146 unbound from agent 355\n")
    assert udesk.agents["355"]["extensions"] == {}
    (request,) = [r for r in udesk.requests if r.path == "/ccapi/v2/agents/extensions"]
    assert request.method == "DELETE"
