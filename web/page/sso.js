// Single sign-on from the page: a token from the CRM's server (its session says who the agent
// is), then the component's sso(). The vendor: sso() "can only be made based on the
// onCredentials callback".
//
// When: at the component's first onCredentials on this page, and when the integrator asks
// (bridge.signOn()). Never at a later onCredentials by itself: that is the agent who logged out
// of the phone, and signing them straight back in would keep them from switching user.
// At most one attempt at a time; each token request ends within config.sso.timeout. Whatever
// happens, the login form stays usable: a failure is an SSO_FAILED error event and a
// notification under the form.
import { fail } from "./errors.js";

var G = globalThis;
// Page-wide, not per bridge: a page that destroys its bridge and starts another (a single-page
// CRM changing views) must not sign the agent back in either.
var automaticSignOnUsed = false;
// The states in which the agent is signed in to the component: retrying is pointless then.
var SIGNED_IN = ["IDENTIFY", "DEVICE", "READY"];

function makeSignOn(bridge) {
  var sso = bridge._config.sso;
  var attempt = null;   // the attempt in flight (a promise), or null
  var waiting = [];     // signOn() callers waiting for the component's login form: {start, reject, timer}
  var abort = null;     // aborts the token request in flight

  function begin() {
    if (!attempt) {
      attempt = run().finally(function () { attempt = null; });
      attempt.catch(function () {});
    }
    return attempt;
  }

  async function run() {
    var lastError = null;
    for (var i = 0; i <= sso.retries; i++) {
      if (i) await new Promise(function (resolve) { setTimeout(resolve, 250 * Math.pow(2, i - 1)); });
      if (bridge._phase === "destroyed" || bridge._phase === "failed") throw fail("DESTROYED", "the bridge stopped before single sign-on completed");
      if (i && SIGNED_IN.indexOf(bridge.snapshot.state) >= 0) return;  // signed in meanwhile (a password)
      try {
        var body = await requestToken();
        await bridge.sso(body.username, body.token, sso.provider);
        return;
      } catch (e) {
        lastError = e;
        if (e && (e.noRetry || e.code === "INVALID_STATE" || e.code === "DESTROYED")) break;
      }
    }
    var reason = lastError && lastError.message || String(lastError);
    if (lastError && lastError.code === "DESTROYED") throw lastError;
    bridge._emit("error", { code: "SSO_FAILED", message: "single sign-on failed: " + reason });
    if (bridge._phase === "ready" || bridge._phase === "booting") {
      bridge.notify("Single sign-on failed (" + reason + "). Log in with your password.",
        "error", true, null, "CREDENTIALS").catch(function () {});
    }
    throw fail("SSO_FAILED", "single sign-on failed: " + reason);
  }

  // The CRM's token endpoint, with the page's session cookie and sso.headers (its CSRF token:
  // checked at start, never logged); a request that takes longer than sso.timeout is aborted and
  // counts as a failed attempt.
  async function requestToken() {
    var controller = new AbortController();
    var timedOut = false;
    var timer = setTimeout(function () { timedOut = true; controller.abort(); }, sso.timeout);
    abort = function () { controller.abort(); };
    try {
      // The page's headers first, the bridge's Content-Type last: it describes the bridge's body
      // (the checker refuses Content-* anyway).
      var headers = Object.assign({}, sso.headers, { "Content-Type": "application/json" });
      var response = await G.fetch(sso.tokenUrl, { method: "POST", credentials: "same-origin", cache: "no-store",
        headers: headers, body: "{}", signal: controller.signal });
      if (!response.ok) {
        var refused = /** @type {Error & {noRetry?: boolean}} */ (new Error("the token endpoint answered HTTP " + response.status));
        // Nobody is signed in to the CRM: asking again gives the same answer.
        if (response.status === 401 || response.status === 403) refused.noRetry = true;
        throw refused;
      }
      var body = await response.json();
      if (!body || typeof body.username !== "string" || typeof body.token !== "string") {
        throw new Error("the token endpoint's answer has no username and token");
      }
      return body;
    } catch (e) {
      if (timedOut) throw new Error("the token endpoint did not answer within " + sso.timeout + " ms");
      throw e;
    } finally {
      clearTimeout(timer);
      abort = null;
    }
  }

  return {
    // The component called onCredentials: its login form is up.
    onCredentials: function () {
      var callers = waiting;
      waiting = [];
      callers.forEach(function (caller) { clearTimeout(caller.timer); caller.start(); });
      if (!callers.length && !automaticSignOnUsed) {
        automaticSignOnUsed = true;
        begin();
      }
    },
    // bridge.signOn(): now, when the login form is up (or an attempt is already under way);
    // else at the component's next onCredentials, waited for at most callTimeout.
    signOn: function () {
      if (attempt || bridge.snapshot.state === "CREDENTIALS") return begin();
      return new Promise(function (resolve, reject) {
        var caller = {
          start: function () { begin().then(resolve, reject); },
          reject: reject,
          timer: setTimeout(function () {
            waiting = waiting.filter(function (other) { return other !== caller; });
            reject(fail("INVALID_STATE", "the component did not show its login form (onCredentials) within "
              + bridge._config.callTimeout + " ms; it is in state " + bridge.snapshot.state, "signOn"));
          }, bridge._config.callTimeout),
        };
        waiting.push(caller);
      });
    },
    close: function () {
      if (abort) abort();
      var callers = waiting;
      waiting = [];
      callers.forEach(function (caller) { clearTimeout(caller.timer); caller.reject(fail("DESTROYED", "the bridge was destroyed", "signOn")); });
    },
  };
}

export { makeSignOn };
