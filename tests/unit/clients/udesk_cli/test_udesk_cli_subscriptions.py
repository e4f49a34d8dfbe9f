"""``udesk subscriptions list|create|delete``: callback URLs masked past the host unless
--show-callback (a receiver's URL holds its capability token)."""

CALLBACK = "https://crm.example.com/udesk/events/Zq3-receiver-token?x=1"


def test_list_masks_the_callback_past_its_host(udesk, run):
    udesk.subscriptions[170] = {"name": "crm", "callback": CALLBACK, "events": ["acd_agent_state", "general_hangup"],
                                "enable": True}
    code, out, err = run("subscriptions", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["name", "enabled", "events", "callback"]
    assert lines[1].split() == ["sub1", "False", "acd_agent_state", "http://ip:port"]  # the list example: no path
    assert lines[2].split() == ["crm", "True", "acd_agent_state,general_hangup", "https://crm.example.com/***"]
    assert "receiver-token" not in out


def test_list_shows_it_whole_when_asked(udesk, run):
    udesk.subscriptions[170] = {"name": "crm", "callback": CALLBACK, "events": ["acd_agent_state"], "enable": True}
    code, out, _ = run("subscriptions", "list", "--show-callback")
    assert code == 0 and CALLBACK in out


def test_the_single_subscription_the_document_shows_as_one_object(udesk, run):
    # The document's list example answers Result as one object.
    code, out, _ = run("subscriptions", "list")
    assert code == 0 and len(out.splitlines()) == 2


def test_create_prints_the_id(udesk, run, env):
    env(callback_url=CALLBACK)  # from the environment: argv is visible to every user (ps)
    code, out, err = run("subscriptions", "create", "crm", "acd_agent_state", "extension_state_update")
    assert (code, out, err) == (0, "OK: subscription crm created, id 168\n", "")
    assert udesk.subscriptions[168] == {"name": "crm", "callback": CALLBACK,
                                        "events": ["acd_agent_state", "extension_state_update"], "enable": True}


def test_a_name_taken_is_a_failed_item_exit_1(udesk, run, env):
    env(callback_url=CALLBACK)
    code, out, err = run("subscriptions", "create", "sub1", "acd_agent_state")
    assert code == 1 and out == "failed: sub1\n"
    assert "receiver-token" not in out + err


def test_delete(udesk, run):
    code, out, err = run("subscriptions", "delete", "164")
    assert (code, out, err) == (0, "OK: subscription 164 deleted\n", "")
    assert udesk.subscriptions == {}


def test_delete_unknown_is_exit_1(udesk, run):
    code, out, err = run("subscriptions", "delete", "999")
    assert (code, out) == (1, "") and "200004" in err


def test_create_without_the_callback_in_the_environment_is_exit_2(udesk, run):
    code, out, err = run("subscriptions", "create", "crm", "acd_agent_state")
    assert (code, out) == (2, "") and "UDESK_CALLBACK_URL" in err
    assert udesk.requests == []


def test_a_callback_url_on_argv_is_not_taken(udesk, run, env):
    # The old form (the URL as an argument) would put the receiver's token in argv: it is read
    # as an event name, and the subscription is made to the environment's callback.
    env(callback_url=CALLBACK)
    code, _, _ = run("subscriptions", "create", "crm", "acd_agent_state")
    assert code == 0 and udesk.subscriptions[168]["callback"] == CALLBACK


def test_a_callback_that_is_not_http_is_exit_2_and_nothing_is_sent(udesk, run, env):
    env(callback_url="ftp://crm.example.com/x")
    code, out, err = run("subscriptions", "create", "crm", "acd_agent_state")
    assert (code, out) == (2, "") and "callback" in err and udesk.requests == []
