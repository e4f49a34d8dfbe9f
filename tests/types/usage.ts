// Compiled with `tsc --noEmit --strict` by tests/unit/build_tools/test_types.py against dist/agent-bridge.d.ts:
// what a CRM developer writes must type-check, and misuse must not (@ts-expect-error lines).
import AgentBridge, { AgentBridgeError, Bridge, Call, ErrorCode } from "../../dist/agent-bridge";

const bridge: Bridge = AgentBridge.start({ callTimeout: 5000, runtime: "worker" });

async function use(): Promise<void> {
  await bridge.ready;
  await bridge.signOn();
  await bridge.dial("0800123456");
  await bridge.dial("0800123456", "directCall", 2, { crm_id: "C-42" });
  await bridge.dial("0800123456", null, 2);
  await bridge.changeStatus("AUX", "Lunch");
  await bridge.notify("Saved", "success", true, null, null);
  await bridge.setAccountCode("1700000000.1", "SALES", null, true);
  const state = await bridge.state();
  const status: string | undefined = state.user?.status;
  void status;
  bridge.on("call", ({ change, call }) => {
    const c: Call = call;
    if (change === "ringing" && c.direction === "INCOMING" && c.state === 2) console.log(c.number);
  });
  const stop = bridge.on("error", ({ code }) => { const k: ErrorCode = code; void k; });
  stop();
  bridge.callbacks.onReady({});
  try {
    await bridge.hangup();
  } catch (error) {
    if (error instanceof AgentBridge.Error && error.code === "INVALID_STATE") console.log(error.message);
    const e = error as AgentBridgeError;
    void e.method;
  }
  // @ts-expect-error: the status must be one of the component's.
  await bridge.changeStatus("BUSY");
  // @ts-expect-error: a queue is a number, "directCall" or "undefined".
  await bridge.dial("1", "somewhere");
  // @ts-expect-error: answer takes no arguments.
  await bridge.answer(1);
  // @ts-expect-error: unknown config option.
  AgentBridge.start({ callTimeot: 5 });
  // The CSRF token a framework wants on the token request (Django's, from its cookie or a <meta>).
  const csrftoken: string = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
  AgentBridge.start({ sso: { tokenUrl: "/crm/sso-token", provider: "Acme CRM", headers: { "X-CSRFToken": csrftoken } } });
  AgentBridge.start({ sso: { tokenUrl: "/crm/sso-token", provider: "Acme CRM", headers: null } });
  // @ts-expect-error: header values are strings.
  AgentBridge.start({ sso: { tokenUrl: "/crm/sso-token", provider: "Acme CRM", headers: { "X-Retry": 1 } } });
  // @ts-expect-error: no such event.
  bridge.on("rang", () => {});
  // The agent's status ends with a logout: the event then has no user.
  bridge.on("status", ({ user }) => {
    // @ts-expect-error: user may be null.
    void user.username;
    void user?.username;
  });
  bridge.destroy();
}

void use;
