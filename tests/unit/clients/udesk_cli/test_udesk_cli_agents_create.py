"""``udesk agents create``: an agent, and with --with-extension the extension Udesk creates and
binds for it (IsCreateExtension), its SIP password shown only with --show-password."""


def test_an_agent_is_created_with_its_fields(udesk, run):
    code, out, err = run("agents", "create", "4001", "w_4001", "--name", "Zhang", "--email", "z@test.cn",
                         "--mobile", "13800138000", "--role", "leader")
    assert (code, err) == (0, "")
    assert out == "OK: agent 4001 created\n"
    agent = udesk.agents["4001"]
    assert (agent["WorkId"], agent["Name"], agent["Email"], agent["Mobile"], agent["Role"]) == (
        "w_4001", "Zhang", "z@test.cn", "13800138000", "leader")
    assert agent["extensions"] == {}


def test_with_extension_binds_one_and_hides_its_password(udesk, run):
    code, out, err = run("agents", "create", "4002", "w4002", "--with-extension")
    assert (code, err) == (0, "")
    (number,) = udesk.agents["4002"]["extensions"].values()
    password = udesk.extensions[number]["Password"]
    assert out == f"OK: agent 4002 created, extension {number} bound (password hidden (--show-password prints it))\n"
    assert password not in out


def test_show_password_prints_it(udesk, run):
    code, out, _ = run("agents", "create", "4003", "w4003", "--with-extension", "--show-password")
    (number,) = udesk.agents["4003"]["extensions"].values()
    assert code == 0 and f"extension {number} bound (password {udesk.extensions[number]['Password']})" in out


def test_an_existing_agent_is_refused(udesk, run):
    code, out, err = run("agents", "create", "189", "w189")
    assert (code, out) == (1, "")
    assert "100015" in err and err.count("\n") == 1
