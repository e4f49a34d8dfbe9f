// ES module entry of the frame SDK: `import AgentBridgeFrame from ".../agent-bridge-frame.mjs"`
// (in the npm package: `import AgentBridgeFrame from "agent-bridge/frame"`). It runs the classic
// script, which defines globalThis.AgentBridgeFrame. Unlike agent-bridge.mjs there is no base URL
// to set: the frame SDK loads no other file.
import "./agent-bridge-frame.js";

const AgentBridgeFrame = globalThis.AgentBridgeFrame;

export { AgentBridgeFrame };
export default AgentBridgeFrame;
