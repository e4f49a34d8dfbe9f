// Compiled with `tsc --noEmit --strict` by tests/unit/build_tools/test_types.py against
// dist/agent-bridge-frame.d.ts: what a form or widget in a frame writes must type-check, and
// misuse must not (@ts-expect-error lines).
import AgentBridgeFrame, { AgentBridgeError, Connection, ErrorCode } from "../../dist/agent-bridge-frame";

async function use(): Promise<void> {
  const conn: Connection = await AgentBridgeFrame.connect({ parentOrigin: "https://crm.example.com", timeout: 2000 });
  const allowed: readonly string[] = conn.capabilities;
  void allowed;
  if (conn.events && conn.connected) await conn.dial("0800123456", "directCall");
  await conn.notify("Saved", "success", true, null, null);
  const stop = conn.on("call", ({ change, call }) => { if (change === "ringing") console.log(call.number); });
  stop();
  conn.on("connected", ({ capabilities }) => console.log(capabilities.length));
  conn.on("error", ({ code }) => { const k: ErrorCode = code; void k; });
  const { confirmed } = await conn.dispositionCall({ campaign: "C", callerid: "1", guid: "G", l1: "SALES" });
  void confirmed;
  await conn.closeTab();
  await AgentBridgeFrame.closeTab({ parentOrigin: "https://crm.example.com", confirmTimeout: 500 });
  try {
    await conn.hangup();
  } catch (error) {
    if (error instanceof AgentBridgeFrame.Error && error.code === "CONNECTION_TIMEOUT") console.log(error.method);
    const e = error as AgentBridgeError;
    void e.code;
  }
  const known: boolean = AgentBridgeFrame.codes.includes("FORBIDDEN");
  void known;
  // @ts-expect-error: parentOrigin is required.
  await AgentBridgeFrame.connect({ timeout: 2000 });
  // @ts-expect-error: unknown option.
  await AgentBridgeFrame.connect({ parentOrigin: "https://crm.example.com", timeot: 5 });
  // @ts-expect-error: a queue is a number, "directCall" or "undefined".
  await conn.dial("1", "somewhere");
  // @ts-expect-error: no such event.
  conn.on("rang", () => {});
  // @ts-expect-error: no such code.
  const wrong: ErrorCode = "CONNECT_TIMEOUT";
  void wrong;
  conn.destroy();
}

void use;
