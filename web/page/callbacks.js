// bridge.callbacks: what the integrator hands the component.
import { KNOWN_CALLBACKS } from "./constants.js";
import { toData } from "./data.js";

// The object of callbacks the integrator hands the component. Known names are real
// properties (for components that enumerate them); any other on* name is relayed too.
function makeCallbacks(bridge) {
  var target = {};
  function relay(name) {
    return function () {
      if (bridge._phase === "destroyed" || bridge._phase === "failed") return;
      // Counted here, once: _send sees a queued callback twice (queued, then replayed).
      bridge._callbacksSent++;
      bridge._send({ t: "callback", name: name, args: Array.prototype.map.call(arguments, function (a) { return toData(a); }) });
      if (name === "onCredentials" && bridge._signOn) bridge._signOn.onCredentials();
    };
  }
  KNOWN_CALLBACKS.forEach(function (name) { target[name] = relay(name); });
  return new Proxy(target, {
    get: function (t, name) {
      if (typeof name === "string" && /^on[A-Z][A-Za-z0-9_]{0,63}$/.test(name) && !(name in t)) t[name] = relay(name);
      return t[name];
    },
  });
}

export { makeCallbacks };
