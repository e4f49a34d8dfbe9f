// Single sign-on from the page: the token from the CRM's server, then the component's sso().

var G = globalThis;

// Single sign-on: a token from the CRM's server (its session says who the agent is), then
// the component's sso(). Bounded retries; no retry when the CRM says nobody is signed in.
// Whatever happens, the login form stays usable: a failure only adds a notification.
async function signOn(bridge) {
  var sso = bridge._config.sso, lastError = null;
  for (var attempt = 0; attempt <= sso.retries; attempt++) {
    if (attempt) await new Promise(function (resolve) { setTimeout(resolve, 250 * Math.pow(2, attempt - 1)); });
    if (bridge._phase === "destroyed" || bridge._phase === "failed" || bridge.snapshot.state === "IDENTIFY") return;
    try {
      var response = await G.fetch(sso.tokenUrl, { method: "POST", credentials: "same-origin", cache: "no-store",
        headers: { "Content-Type": "application/json" }, body: "{}" });
      if (!response.ok) {
        lastError = new Error("the token endpoint answered HTTP " + response.status);
        if (response.status === 401 || response.status === 403) break;
        continue;
      }
      var body = await response.json();
      if (!body || typeof body.username !== "string" || typeof body.token !== "string") {
        lastError = new Error("the token endpoint's answer has no username and token");
        continue;
      }
      await bridge.sso(body.username, body.token, sso.provider);
      return;
    } catch (e) {
      lastError = e;
      if (e && (e.code === "INVALID_STATE" || e.code === "DESTROYED")) break;
    }
  }
  var message = "single sign-on failed: " + (lastError && lastError.message || lastError);
  bridge._emit("error", { code: "SSO_FAILED", message: message });
  if (bridge._phase === "ready" || bridge._phase === "booting") {
    bridge.notify("Single sign-on failed (" + (lastError && lastError.message || lastError) + "). Log in with your password.",
      "error", true, null, "CREDENTIALS").catch(function () {});
  }
}

export { signOn };
