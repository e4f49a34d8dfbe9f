// ES module entry: `import AgentBridge from ".../agent-bridge.mjs"`. It runs the classic
// script (which defines globalThis.AgentBridge) and tells it where dist/ is, since a module
// has no document.currentScript to find it from.
import "./agent-bridge.js";

const AgentBridge = globalThis.AgentBridge;
AgentBridge.defaultBaseUrl ??= new URL(".", import.meta.url).href;

export { AgentBridge };
export default AgentBridge;
