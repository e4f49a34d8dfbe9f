"""Drive the UCS component simulator inside a Playwright page, from a test.

``UcsSimulator(page, options)`` adds the simulator to every document the page loads (before
the page's own scripts). By default it is wired to the first bridge the page starts
(``AgentBridge.start``), as the vendor's component is wired to ``bridge.callbacks`` by the
page's own loader in production: the page under test needs no change. ``wire="manual"`` leaves
it to the test (:meth:`UcsSimulator.install`).

Everything the test reads is a copy taken at that moment; every scenario control acts at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..component.options import SIMULATOR_KIT_OPTIONS
from . import behaviour, simulator_script

WIRES = ("auto", "manual")
# Options of UcsSimulator.install a test may set, from their declarations: a wrong name or value
# fails here, before any page loads (the script checks them again).
INSTALL_OPTIONS = frozenset(SIMULATOR_KIT_OPTIONS)
_SIM = "window.__agentBridgeUcs"


class SimulatorError(AssertionError):
    """The simulator refused a scenario control, or is not in the page; the message says why."""


@dataclass(frozen=True)
class Asked:
    """One invocation of a ``ucsOperator`` method, as the component saw it."""

    method: str
    args: list
    state: str  # the component's state when it was called
    refused: str | None = None  # the error it threw at once
    rejected: str | None = None  # the error its promise rejected with (login, sso)

    @property
    def ok(self) -> bool:
        return self.refused is None and self.rejected is None


def _install_script(options: dict, wire: str) -> str:
    # The component belongs to the CRM's own page, not to the frames inside it.
    return "if (window === window.top) {\n" + simulator_script() + f"""
;(() => {{
  const options = {json.dumps(options)};
  let latest = null;
  // Callbacks go to the latest bridge started (a page may destroy one and start another).
  const callbacks = new Proxy({{}}, {{ get: (_, name) => (latest ? latest.callbacks[name] : undefined) }});
  window.__agentBridgeUcsInstall = (given) => {{
    {_SIM} = UcsSimulator.install({{ ...options, callbacks: given || callbacks }});
    return {_SIM};
  }};
  if ({json.dumps(wire)} !== "auto") return;
  const wire = (api) => {{
    if (!api || typeof api.start !== "function" || api.__ucsWired) return api;
    const start = api.start;
    const wired = Object.isFrozen(api) ? {{ ...api }} : api;
    wired.start = function () {{
      latest = start.apply(this, arguments);
      if (!{_SIM}) window.__agentBridgeUcsInstall();
      return latest;
    }};
    Object.defineProperty(wired, "__ucsWired", {{ value: true }});
    return wired;
  }};
  let current = wire(window.AgentBridge);
  Object.defineProperty(window, "AgentBridge", {{
    configurable: true, enumerable: true,
    get: () => current,
    set: (value) => {{ current = wire(value); }},
  }});
}})();
}}
"""


class UcsSimulator:
    """The simulated UCS component in ``page``: scenario controls and what it was asked.

    :param options: ``UcsSimulator.install`` options (``users``, ``identifiers``, ``ssoSecret``,
        ``ssoMaxAge``, ``delay``, ``version``, ``acwAfterCall``, ``countryCode``, ``callbackSet``).
    :param wire: ``"auto"`` (installed when the page starts its first bridge) or ``"manual"``.
    :param timeout: milliseconds to wait for the simulator and for states.
    """

    def __init__(self, page, options: dict | None = None, *, wire: str = "auto", timeout: float = 30_000):
        options = dict(options or {})
        unknown = sorted(set(options) - INSTALL_OPTIONS)
        if unknown:
            raise ValueError(f"unknown simulator option(s) {', '.join(unknown)}; "
                             f"the options are {', '.join(sorted(INSTALL_OPTIONS))}")
        for name, value in options.items():
            if value is not None:
                SIMULATOR_KIT_OPTIONS[name].kind.check(value, f"simulator option {name}")
        if wire not in WIRES:
            raise ValueError(f"wire must be one of {', '.join(WIRES)}, not {wire!r}")
        self.page, self.options, self.wire, self.timeout = page, options, wire, timeout
        page.add_init_script(script=_install_script(options, wire))

    # -- plumbing ----------------------------------------------------------------------------

    def _eval(self, body: str, arg: Any = None):
        """Run ``body`` (JS statements; ``sim`` is the simulator, ``arg`` the argument)."""
        self._wait_installed()
        from playwright.sync_api import Error

        try:
            return self.page.evaluate(f"(arg) => {{ const sim = {_SIM}; {body} }}", arg)
        except Error as error:
            raise SimulatorError(_message(error)) from None

    def _wait_installed(self) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(f"Boolean({_SIM})", timeout=self.timeout)
        except PlaywrightTimeout:
            how = ("the page did not start a bridge (AgentBridge.start)" if self.wire == "auto"
                   else "call ucs.install(...) once the page has its bridge")
            raise SimulatorError(f"the UCS simulator is not in {self.page.url}: {how}") from None

    def install(self, callbacks: str = "bridge.callbacks") -> None:
        """(``wire="manual"``) Put the component in the page now, its callbacks the object the JS
        expression ``callbacks`` gives."""
        self.page.evaluate(f"() => window.__agentBridgeUcsInstall({callbacks})")

    # -- what the component is doing and was asked -------------------------------------------

    @property
    def state(self) -> str:
        """The component's state: INIT, CREDENTIALS, IDENTIFY, DEVICE or READY."""
        return self._eval("return sim.state;")

    @property
    def user(self) -> dict | None:
        """The logged-in agent's User object (status, queues, ...), or None."""
        return self._eval("return sim.user;")

    @property
    def calls(self) -> list[dict]:
        """Calls not ended, oldest first (Call objects)."""
        return self._eval("return sim.calls;")

    @property
    def history(self) -> list[dict]:
        """Every call since install, ended ones too."""
        return self._eval("return sim.history;")

    @property
    def notifications(self) -> list[dict]:
        """Notifications shown now (the component's own and notify()'s), oldest first."""
        return self._eval("return sim.notifications;")

    @property
    def account_codes(self) -> dict[str, list[dict]]:
        """Call reasons set with setAccountCode: uniqueid -> [{accountCode, subAccountCode}]."""
        return self._eval("return sim.accountCodes;")

    def asked(self, method: str | None = None) -> list[Asked]:
        """Every ``ucsOperator`` invocation (or those of ``method``), oldest first."""
        if method is not None:
            behaviour.method(method)  # a KeyError names a method that does not exist
        entries = self._eval("return sim.log;")
        return [Asked(e["method"], e["args"], e["state"], e.get("refused"), e.get("rejected"))
                for e in entries if method is None or e["method"] == method]

    def calls_to(self, method: str) -> list[list]:
        """The arguments of each accepted invocation of ``method`` (trailing undefined dropped)."""
        return [_trim(a.args) for a in self.asked(method) if a.refused is None]

    def assert_called(self, method: str, *args) -> Asked:
        """Assert ``method`` was invoked (and accepted) with exactly ``args`` (trailing
        undefined/None ignored); returns the latest such invocation."""
        wanted = _trim(list(args))
        matches = [a for a in self.asked(method) if a.refused is None and _trim(a.args) == wanted]
        if not matches:
            seen = [(_trim(a.args), a.refused) for a in self.asked(method)]
            raise AssertionError(f"ucsOperator.{method}{tuple(wanted)!r} was not called; "
                                 f"{method} was called with: {seen or 'nothing'}")
        return matches[-1]

    def assert_not_called(self, method: str) -> None:
        seen = self.asked(method)
        if seen:
            raise AssertionError(f"ucsOperator.{method} was called: {[_trim(a.args) for a in seen]}")

    def wait_for_state(self, state: str, timeout: float | None = None) -> None:
        """Wait until the component is in ``state``."""
        if state not in behaviour.STATES:
            raise ValueError(f"state must be one of {', '.join(behaviour.STATES)}, not {state!r}")
        self._wait_installed()
        self.page.wait_for_function(f"{_SIM}.state === {json.dumps(state)}",
                                    timeout=self.timeout if timeout is None else timeout)

    def wait_until_called(self, method: str, timeout: float | None = None) -> Asked:
        """Wait until ``method`` is invoked; returns the invocation."""
        behaviour.method(method)
        self._wait_installed()
        self.page.wait_for_function(f"{_SIM}.log.some((e) => e.method === {json.dumps(method)})",
                                    timeout=self.timeout if timeout is None else timeout)
        return self.asked(method)[-1]

    # -- scenario controls (the world around the component) ----------------------------------

    def sign_in(self, username: str = "agent", password: str | None = None) -> dict:
        """The agent signs in (login, pairs the first phone, provision): READY. Returns the state object."""
        args = [username] if password is None else [username, password]
        return self._eval("return sim.loginAs(...arg);", args)

    def ring_incoming(self, number: str = "0800123456", *, name: str | None = None, data: dict | None = None,
                      queue: int | None = None, external_id: str | None = None) -> dict:
        """A call comes in and rings (the agent must be READY). Returns the Call."""
        return self._eval("return sim.ringIncoming(arg);", {"number": number, "name": name, "data": data,
                                                            "queue": queue, "external_id": external_id})

    def remote_answer(self, uniqueid: str | None = None) -> None:
        """The far side of an outgoing call answers (default: the latest ringing one)."""
        self._eval("sim.remoteAnswer({uniqueid: arg});", uniqueid)

    def remote_hangup(self, uniqueid: str | None = None, cause: int | None = None) -> None:
        """The far side hangs up (default: the active call; the cause follows the call)."""
        self._eval("sim.remoteHangup(arg);", {"uniqueid": uniqueid, "cause": cause})

    def push_status(self, status: str, reason: str | None = None) -> None:
        """The agent's status changes from outside (a supervisor, UCS)."""
        self._eval("sim.pushStatus(arg[0], arg[1]);", [status, reason])

    def fail_next(self, method: str, message: str | None = None) -> None:
        """The method's next invocation throws ``Error(message)``."""
        self._eval("sim.failNext(arg[0], arg[1] || undefined);", [method, message])

    def fail_always(self, method: str, message: str | None = None) -> None:
        """Every invocation of the method throws, until :meth:`clear_failures`."""
        self._eval("sim.failAlways(arg[0], arg[1] || undefined);", [method, message])

    def hang(self, method: str) -> None:
        """Every invocation of the method returns a promise that never settles."""
        self._eval("sim.hang(arg);", method)

    def clear_failures(self) -> None:
        self._eval("sim.clearFailures();")

    def remove(self) -> None:
        """The component disappears from the page (window.ucsOperator deleted)."""
        self._eval("sim.remove();")


def _trim(args: list) -> list:
    """Arguments as a caller means them: trailing undefined (None here) dropped."""
    out = list(args)
    while out and out[-1] is None:
        out.pop()
    return out


def _message(error) -> str:
    """The simulator's own message, without Playwright's "Page.evaluate: Error: " and stack."""
    first = str(getattr(error, "message", error)).split("\n", 1)[0]
    return re.sub(r"^(?:[A-Za-z]+\.[A-Za-z]+: )?(?:Error: )?", "", first)
