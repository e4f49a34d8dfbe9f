"""``udesk callback CALLER CALLED``: the customer rung back into the IVR; the call's id printed."""


def test_callback(udesk, run):
    code, out, err = run("callback", "13800138000", "057126200671")
    assert (code, err) == (0, "")
    (call,) = udesk.calls
    assert (call["caller"], call["called"], call["called_display"]) == ("13800138000", "057126200671", "057126200671")
    assert out == f"OK: calling 13800138000 back into the IVR of 057126200671; call {call['id']}\n"


def test_callback_with_a_display_number(udesk, run):
    assert run("callback", "13800138000", "057126200671", "--display", "057126200672")[0] == 0
    assert udesk.calls[0]["called_display"] == "057126200672"


def test_a_lost_answer_is_not_redialled(udesk, run, monkeypatch):
    # Never retried, whatever the policy: a lost answer may hide a call placed.
    from bridge.clients.retry import RetryPolicy
    from bridge.clients.udesk import cli
    monkeypatch.setitem(cli._CLIENT_OPTIONS, "retry", RetryPolicy(retries=3, base=0, cap=0))
    udesk.fail_next(500)
    code, out, err = run("callback", "13800138000", "057126200671")
    assert (code, out) == (1, "")
    assert [r.path for r in udesk.requests].count("/ccapi/v2/callback2ivr") == 1
