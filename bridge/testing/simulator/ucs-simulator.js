// UCS component simulator: a test double of the vendor's agent-desktop component
// (`window.ucsOperator`), written from the vendor document (shared/seeds/002_...: "Component
// control", the per-state table, the SSO token formula, "Structure of objects"). The bridge is
// tested against it, the demo uses it by hand, and CRM teams test their own pages with it (the
// pytest plugin, bridge/testing/plugin.py); the bridge itself never loads it.
//
// A classic script with no dependencies: it defines `window.UcsSimulator`. It is a template:
// bridge.testing.simulator_script() serves it with its behaviour table filled in.
//
//   const sim = UcsSimulator.install({ callbacks: bridge.callbacks });  // window.ucsOperator
//   UcsSimulator.mountPanel(document.querySelector("#phone"), sim);       // optional UI
//
// The state table, parameter lists, versions, the state each method leads to, the callbacks
// and the enums are described once in bridge/testing/behaviour.py, with the rows where the
// document is silent marked as ours. Other choices are written where they are made; the main:
// - States. "INIT" until the component has connected. onConnect fires while still INIT and is
//   followed by onCredentials (CREDENTIALS): the document allows sso "only based on the
//   onCredentials callback", so nothing but notify/setTheme works inside onConnect. Every
//   callback argument is a deep JSON copy.
// - A refused call (wrong state, bad argument, nothing to act on) throws an Error
//   synchronously. login and sso return Promises; every other method returns undefined, except
//   state(). Asynchronous (after `delay` ms, 0 included): connecting (onConnect,
//   onCredentials), login, sso, and the far side starting to ring on an outgoing call. Every
//   other transition, with its callbacks, happens inside the call that causes it; the scenario
//   controls (ringIncoming, remoteAnswer, remoteHangup...) act at once, for predictable tests.
// - After a call ends the agent goes to ACW, once no call is left (acwAfterCall: false turns
//   it off). Hang-up causes: 3 when the caller ends it, 4 when the called party ends an
//   answered call, 5 (rejected) when the called party ends it still ringing, 8 on transfer.
// - Optional parameters accept undefined and null alike; arguments past the documented ones
//   are refused unless undefined (a CRM passing extra arguments has a bug worth hearing).
// - Methods newer than `version` (selectRingingSound 4.43.5, testRingingSound and
//   stopRingingSoundTest 4.55.0, setTheme 6.18.0) are not installed on an older component,
//   and state() carries ringingSound from 4.55.0 and theme from 6.18.0 only.
(function () {
  "use strict";

  // ---- The vendor's table, enums and parameter lists ------------------------------------

  // Described once, in bridge/testing/behaviour.py (the README's simulator tables and the tests
  // use the same rows); bridge.testing.simulator_script() writes it here when it serves this file.
  const BEHAVIOUR = /*@behaviour@*/ null;
  if (!BEHAVIOUR) throw new Error("ucs-simulator.js is served by bridge.testing.simulator_script(), which fills in its behaviour table");

  const COMPONENT_STATES = freeze(BEHAVIOUR.states.filter((s) => s !== "INIT"));
  // Allowed states of each method: "any", or the list.
  const STATE_TABLE = Object.freeze(Object.fromEntries(
    BEHAVIOUR.methods.map((m) => [m.name, m.states === "any" ? "any" : freeze(m.states)])));
  // Positional parameters, in the document's order (for arity checks and messages).
  const PARAMS = Object.fromEntries(BEHAVIOUR.methods.map((m) => [m.name, m.params]));
  // The version that introduced each method, and the state each one leads to.
  const SINCE = Object.fromEntries(BEHAVIOUR.methods.map((m) => [m.name, m.since]));
  const ENTERS = Object.fromEntries(BEHAVIOUR.methods.map((m) => [m.name, m.enters]));
  const STATE_CALLBACKS = BEHAVIOUR.stateCallbacks;
  // The callbacks the vendor document names (onConnect, onCredentials, onReady): all a
  // component with `callbackSet: "documented"` calls.
  const DOCUMENTED_CALLBACKS = new Set(BEHAVIOUR.callbacks.filter((c) => c.source === "document").map((c) => c.name));
  const CALLBACK_SETS = freeze(["all", "documented"]);

  const STATUSES = freeze(BEHAVIOUR.enums.status);
  const NOTIFICATION_TYPES = freeze(BEHAVIOUR.enums.notificationType);
  const RINGING_SOUNDS = freeze(BEHAVIOUR.enums.ringingSound);
  const THEMES = freeze(BEHAVIOUR.enums.theme);
  const CALL_STATE = Object.freeze(BEHAVIOUR.enums.callState);
  const CALL_STATE_NAMES = freeze(["new", "connecting", "ringing", "connected", "suspended", "on hold"]);
  const CAUSE = Object.freeze(BEHAVIOUR.enums.hangupCause);
  const QUEUE_TYPE = Object.freeze(BEHAVIOUR.enums.queueType);

  // The options, their defaults and what they mean are declared with the bridge's own options
  // (bridge/component/options.py, SIMULATOR_OPTIONS); the checks below are the simulator's.
  const DEFAULTS = Object.freeze(Object.fromEntries(BEHAVIOUR.options.map((o) => [o.name, o.default])));

  // ---- Small helpers ----------------------------------------------------------------------

  function freeze(array) { return Object.freeze(array); }

  // Deep JSON copy: what crosses to callbacks, inspection and the log is plain data that
  // cannot reach back into the simulator. (undefined inside arrays becomes null, as in JSON.)
  function copy(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  // The log keeps whatever the caller passed, even what JSON cannot hold.
  function safeCopy(value) {
    try { return copy(value); } catch (e) { return `[unserialisable: ${e.message}]`; }
  }

  const now = () => Math.floor(Date.now() / 1000);
  const absent = (value) => value === undefined || value === null;

  function kindOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    return typeof value;
  }

  function isPlainObject(value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  }

  function parseVersion(version) {
    const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(String(version));
    if (!match) throw new Error(`UcsSimulator: version must look like "6.18.0", got ${JSON.stringify(version)}`);
    return match.slice(1).map(Number);
  }

  function atLeast(version, since) {
    const [a, b] = [parseVersion(version), parseVersion(since)];
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return true;
  }

  // ---- Argument checks: a refusal names the method, the parameter and what was wrong ---------

  function argError(method, message) { return new Error(`ucsOperator.${method}: ${message}`); }

  function text(method, name, value, { optional = false, allowEmpty = false } = {}) {
    if (absent(value)) {
      if (optional) return null;
      throw argError(method, `${name} is required`);
    }
    if (typeof value !== "string") throw argError(method, `${name} must be a string, got ${kindOf(value)}`);
    if (!allowEmpty && value.trim() === "") throw argError(method, `${name} must not be empty`);
    return value;
  }

  function integer(method, name, value, { optional = false } = {}) {
    if (absent(value)) {
      if (optional) return null;
      throw argError(method, `${name} is required`);
    }
    if (!Number.isInteger(value)) throw argError(method, `${name} must be an integer, got ${kindOf(value)} ${String(value)}`);
    return value;
  }

  function bool(method, name, value, { optional = false } = {}) {
    if (absent(value)) {
      if (optional) return null;
      throw argError(method, `${name} is required`);
    }
    if (typeof value !== "boolean") throw argError(method, `${name} must be true or false, got ${kindOf(value)}`);
    return value;
  }

  function oneOf(method, name, value, values, { optional = false } = {}) {
    if (absent(value)) {
      if (optional) return null;
      throw argError(method, `${name} is required (one of ${values.join(", ")})`);
    }
    if (!values.includes(value)) {
      throw argError(method, `${name} must be one of ${values.join(", ")}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  function object(method, name, value, { optional = false } = {}) {
    if (absent(value)) {
      if (optional) return null;
      throw argError(method, `${name} is required`);
    }
    if (!isPlainObject(value)) throw argError(method, `${name} must be a plain object, got ${kindOf(value)}`);
    try { return copy(value); } catch (e) { throw argError(method, `${name} is not JSON data (${e.message})`); }
  }

  // ---- SSO ---------------------------------------------------------------------------------

  const utf8 = (s) => new TextEncoder().encode(s);

  function subtle() {
    const s = globalThis.crypto && globalThis.crypto.subtle;
    if (!s) throw new Error("SSO needs crypto.subtle: serve the page from https:// or localhost (a secure context)");
    return s;
  }

  async function sha1(bytes) {
    return new Uint8Array(await subtle().digest("SHA-1", bytes));
  }

  function toBase64(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  // The vendor's formula:
  //   token = base64(sha1_raw(secret + username + timestamp) + username + timestamp)
  // the 20 raw digest bytes, then the UTF-8 bytes of username and timestamp (decimal Unix seconds).
  async function makeSsoToken(secret, username, timestamp) {
    if (typeof secret !== "string" || secret === "") throw new Error("makeSsoToken: secret must be a non-empty string");
    if (typeof username !== "string" || username === "") throw new Error("makeSsoToken: username must be a non-empty string");
    const ts = String(timestamp);
    if (!/^\d+$/.test(ts)) throw new Error("makeSsoToken: timestamp must be whole Unix seconds");
    const digest = await sha1(utf8(secret + username + ts));
    const tail = utf8(username + ts);
    const all = new Uint8Array(digest.length + tail.length);
    all.set(digest);
    all.set(tail, digest.length);
    return toBase64(all);
  }

  // ---- Users and queues --------------------------------------------------------------------

  function makeQueue(id, type, given) {
    return {
      answered: 0, priorities: 1, queue_id: id, ringtime: 0, supervisor: false, suspended: false,
      suspendtime: 0, talktime: 0, team_id: 1, transferred: 0, transferred_external: 0, type, unanswered: 0,
      ...given,
      queue_id: id, // the key is the truth
    };
  }

  function makeUser(username, index, given, identifiers) {
    const isDemo = username === "agent";
    const user = {
      // Not a User field: the simulator's own, never given out (see _publicUser).
      password: "demo",
      acwtime: 0, auxtime: 0, auxtimes: {}, data: {},
      displayname: isDemo ? "Ada Agent" : username,
      email: `${username.replace(/[^\w.-]/g, "_")}@example.com`,
      external_id: `crm-${username}`,
      firstname: isDemo ? "Ada" : username,
      group_id: 1,
      id: 101 + index,
      idletime: 0, in_calls_answered: 0, in_calls_unanswered: 0, in_ringtime: 0, in_talktime: 0,
      lastname: isDemo ? "Agent" : "",
      // A line per phone identifier UCS knows (dial's `line` is one of these ids).
      lines: identifiers.map((name, i) => ({ id: i + 1, name })),
      locale: "en",
      number: "+441632960" + String(100 + index).padStart(3, "0"),
      out_calls_answered: 0, out_calls_unanswered: 0, out_ringtime: 0, out_talktime: 0,
      primary_extension: 1001 + index,
      queues: null,
      readytime: 0, ringtime: 0,
      // UCS keeps the agent OFFLINE until a phone is provisioned (see _provision).
      status: "OFFLINE",
      superuser: false, talktime: 0, transferred: 0, transferred_external: 0,
      // Not in the document's User but what a component knows of its user; the bridge's
      // mirror also uses it to recognise User objects.
      username,
      ...given,
    };
    if (typeof user.password !== "string") throw new Error(`UcsSimulator: users.${username}.password must be a string`);
    if (!STATUSES.includes(user.status)) throw new Error(`UcsSimulator: users.${username}.status must be one of ${STATUSES.join(", ")}`);
    // Default: two queues, 5 incoming and 7 outgoing. Given queues are completed field by field.
    const queues = given && given.queues ? given.queues : { 5: { type: QUEUE_TYPE.INCOMING }, 7: { type: QUEUE_TYPE.OUTGOING } };
    user.queues = {};
    for (const [key, value] of Object.entries(queues)) {
      const id = Number(key);
      if (!Number.isInteger(id)) throw new Error(`UcsSimulator: users.${username}.queues: ${key} is not a queue id`);
      user.queues[id] = makeQueue(id, value && value.type === QUEUE_TYPE.OUTGOING ? 0 : 1, value);
    }
    return user;
  }

  // ---- The simulator -------------------------------------------------------------------------

  const installed = new WeakMap(); // target -> the simulator whose ucsOperator it holds

  function checkOptions(options) {
    if (options !== undefined && !isPlainObject(options)) throw new Error("UcsSimulator.install(options): options must be an object");
    const given = options || {};
    for (const key of Object.keys(given)) {
      if (!(key in DEFAULTS)) throw new Error(`UcsSimulator.install: unknown option "${key}"`);
    }
    const o = { ...DEFAULTS };
    for (const [key, value] of Object.entries(given)) if (value !== undefined) o[key] = value;
    o.target = given.target || (typeof window !== "undefined" ? window : globalThis);
    o.callbacks = given.callbacks || {};
    if (typeof o.callbacks !== "object" && typeof o.callbacks !== "function") {
      throw new Error("UcsSimulator.install: callbacks must be an object");
    }
    if (!Array.isArray(o.identifiers) || o.identifiers.some((i) => typeof i !== "string" || !i)) {
      throw new Error("UcsSimulator.install: identifiers must be an array of non-empty strings");
    }
    if (o.ssoSecret !== null && (typeof o.ssoSecret !== "string" || o.ssoSecret === "")) {
      throw new Error("UcsSimulator.install: ssoSecret must be a non-empty string or null");
    }
    if (o.ssoVerify !== null && typeof o.ssoVerify !== "function") {
      throw new Error("UcsSimulator.install: ssoVerify must be a function (username, token) => Promise<null | reason>, or null");
    }
    if (o.ssoVerify !== null && o.ssoSecret !== null) {
      throw new Error("UcsSimulator.install: give ssoSecret or ssoVerify, not both");
    }
    for (const key of ["ssoMaxAge", "delay"]) {
      if (typeof o[key] !== "number" || !(o[key] >= 0)) throw new Error(`UcsSimulator.install: ${key} must be a number >= 0`);
    }
    if (typeof o.acwAfterCall !== "boolean") throw new Error("UcsSimulator.install: acwAfterCall must be true or false");
    if (!CALLBACK_SETS.includes(o.callbackSet)) {
      throw new Error(`UcsSimulator.install: callbackSet must be one of ${CALLBACK_SETS.join(", ")}, got ${JSON.stringify(o.callbackSet)}`);
    }
    if (!/^\d{1,3}$/.test(String(o.countryCode))) throw new Error("UcsSimulator.install: countryCode must be 1-3 digits");
    parseVersion(o.version);
    if (o.users !== null && (!isPlainObject(o.users) || Object.keys(o.users).length === 0)) {
      throw new Error("UcsSimulator.install: users must be an object {username: {password, ...}} with at least one user");
    }
    return o;
  }

  class Simulator {
    constructor(options) {
      const o = checkOptions(options);
      this.callbacks = o.callbacks;
      this.target = o.target;
      this.identifiers = o.identifiers.slice();
      this.ssoSecret = o.ssoSecret;
      this.ssoVerify = o.ssoVerify;
      this.ssoMaxAge = o.ssoMaxAge;
      this.delay = o.delay;
      this.version = String(o.version).replace(/^v/, "");
      this.acwAfterCall = o.acwAfterCall;
      this.callbackSet = o.callbackSet;
      this.countryCode = String(o.countryCode);

      this._users = {};
      Object.entries(o.users || { agent: {} }).forEach(([name, data], index) => {
        this._users[name] = makeUser(name, index, data, this.identifiers);
      });

      // Inspection (read these; the scenario controls and ucsOperator change them).
      this.state = "INIT";
      this.identifier = null; // the phone paired (kept across identify(), so provision() in IDENTIFY re-pairs it)
      this.statusReason = null; // the AUX reason: the User object has no field for it
      this.notifications = []; // shown now, oldest first
      this.accountCodes = {}; // uniqueid -> [{accountCode, subAccountCode}]
      this.ringingSound = "default";
      this.testingRingingSound = false;
      this.theme = "default";
      this.rememberedUsername = null; // login(..., remember = true): the "cookie"
      this.ssoProvider = null; // provider of the last successful sso()
      this.log = []; // every ucsOperator invocation: {method, args, state, at, refused?, rejected?}
      this.removed = false;

      this._user = null; // the live User of the logged-in agent
      this._calls = []; // calls not ended, oldest first
      this._history = []; // every call, ended ones too (setAccountCode may name any)
      // A consultative transfer in progress: {original, consult}; consult null in "transfer
      // mode" (transfer() without a number: the next dial() is the consultation).
      this._consultation = null;
      this._failures = new Map(); // method -> {message, always}
      this._hanging = new Set();
      this._listeners = new Set();
      this._timers = new Set();
      this._pending = new Set(); // rejecters of login/sso promises still running
      this._suspendedSince = new Map(); // queue id -> Unix seconds
      this._callId = 0;
      this._callSeq = 0;
      this._notificationSeq = 0;

      this.operator = this._makeOperator();
      // A second install on the same target replaces the first component, which is removed.
      const previous = installed.get(this.target);
      if (previous && !previous.removed) previous.remove();
      // The document: the functionality exists at initialisation, before onConnect.
      this.target.ucsOperator = this.operator;
      installed.set(this.target, this);
      this._later(() => {
        this._callback("onConnect");
        this._enter("CREDENTIALS");
      });
    }

    // -- inspection --------------------------------------------------------------------------

    /** The logged-in agent's User object (a copy), or null. */
    get user() { return this._publicUser(); }

    /** Calls not yet ended (copies), oldest first. */
    get calls() { return copy(this._calls); }

    /** Every call since install, ended ones too (copies). */
    get history() { return copy(this._history); }

    /** A consultative transfer is under way (or transfer() without a number awaits dial()). */
    get transferMode() { return this._consultation !== null; }

    /** The state object: what onReady receives and state() returns. */
    stateObject() {
      const out = {
        state: this.state,
        status: this._user ? this._user.status : null,
        user: this._publicUser(),
        // The call the agent is on: the one not on hold, else the latest held one.
        call: this._activeCall() || this._calls[this._calls.length - 1] || null,
        calls: this._calls,
      };
      if (atLeast(this.version, "4.55.0")) out.ringingSound = this.ringingSound; // "added v4.55.0"
      if (atLeast(this.version, "6.18.0")) out.theme = this.theme; // with setTheme
      return copy(out);
    }

    /** Be told (listener(sim)) after every change; returns a function that stops it. */
    on(listener) {
      if (typeof listener !== "function") throw new Error("sim.on(listener): listener must be a function");
      this._listeners.add(listener);
      return () => this._listeners.delete(listener);
    }

    // -- plumbing ----------------------------------------------------------------------------

    _later(fn) {
      // delay 0 still means asynchronous: the caller always sees the old state first.
      const timer = setTimeout(() => {
        this._timers.delete(timer);
        if (this.removed) return;
        fn();
        this._changed();
      }, this.delay);
      this._timers.add(timer);
    }

    // A Promise settled by `work` after `delay`; rejected at once if the component is removed.
    _afterDelay(work) {
      return new Promise((resolve, reject) => {
        const pending = { reject };
        this._pending.add(pending);
        this._later(async () => {
          try { resolve(await work()); } catch (error) { reject(error); } finally { this._pending.delete(pending); }
        });
      });
    }

    _callback(name, ...args) {
      if (this.removed) return; // a removed component tells nobody anything
      if (this.callbackSet === "documented" && !DOCUMENTED_CALLBACKS.has(name)) return;
      let fn;
      try {
        fn = this.callbacks && this.callbacks[name]; // looked up at call time, every time
      } catch (error) {
        console.error(`UcsSimulator: reading callbacks.${name} threw`, error);
        return;
      }
      if (typeof fn !== "function") return;
      try {
        const result = fn.apply(this.callbacks, args.map(copy));
        if (result && typeof result.then === "function") {
          result.then(undefined, (error) => console.error(`UcsSimulator: callbacks.${name} rejected`, error));
        }
      } catch (error) {
        // The integrator's bug must not break the component.
        console.error(`UcsSimulator: callbacks.${name} threw`, error);
      }
    }

    _changed() {
      for (const listener of Array.from(this._listeners)) {
        try { listener(this); } catch (error) { console.error("UcsSimulator: a listener threw", error); }
      }
    }

    _enter(state) {
      this.state = state;
      const argument = { DEVICE: () => [{ identifier: this.identifier }], READY: () => [this.stateObject()] }[state];
      this._callback(STATE_CALLBACKS[state], ...(argument ? argument() : []));
      this._changed();
    }

    _makeOperator() {
      const operator = {};
      for (const method of Object.keys(STATE_TABLE)) {
        if (!atLeast(this.version, SINCE[method])) continue; // not in this version
        operator[method] = (...args) => this._invoke(method, args);
      }
      return operator;
    }

    _invoke(method, args) {
      const entry = { method, args: safeCopy(args), state: this.state, at: Date.now() };
      this.log.push(entry);
      try {
        if (this.removed) throw new Error(`ucsOperator.${method}: the component was removed`);
        // Injected failures come first: "the next invocation throws", whatever the state.
        const failure = this._failures.get(method);
        if (failure) {
          if (!failure.always) this._failures.delete(method);
          throw new Error(failure.message);
        }
        if (this._hanging.has(method)) return new Promise(() => {});
        const allowed = STATE_TABLE[method];
        if (allowed !== "any" && !allowed.includes(this.state)) {
          throw new Error(`ucsOperator.${method} is not allowed in state ${this.state}`);
        }
        const params = PARAMS[method];
        if (args.length > params.length && args.slice(params.length).some((a) => a !== undefined)) {
          const plural = params.length === 1 ? "" : "s";
          throw argError(method, `takes at most ${params.length} argument${plural} (${params.join(", ") || "none"}), got ${args.length}`);
        }
        const result = this["_" + method](...args);
        if (result && typeof result.then === "function") {
          result.then(undefined, (error) => { entry.rejected = error.message; this._changed(); });
        }
        return result;
      } catch (error) {
        entry.refused = error.message;
        throw error;
      } finally {
        this._changed();
      }
    }

    _publicUser() {
      if (!this._user) return null;
      const { password, ...user } = this._user;
      return copy(user);
    }

    // The agent's active call: the latest one not on hold (ringing ones included).
    _activeCall() {
      for (let i = this._calls.length - 1; i >= 0; i--) if (this._calls[i].state !== CALL_STATE.HELD) return this._calls[i];
      return null;
    }

    _pushUser() {
      // The document's User changes reach the integrator in READY only; onReady carries the
      // rest (e.g. ACW reached while re-pairing a phone).
      if (this.state === "READY") this._callback("onUser", this._publicUser());
      this._changed();
    }

    _pushCall(call) {
      call.now = now();
      // Calls are reported in every state: a call can end while the agent re-pairs a phone,
      // and onReady only lists calls still going.
      this._callback("onCall", call);
      this._changed();
    }

    // A notification shown by the component (its own, or through notify()).
    _show({ title, type = "info", unique = false, timeout = null, boundState = null, group = null, other = null }) {
      if (unique) this.notifications = this.notifications.filter((n) => n.title !== title);
      const notification = { id: ++this._notificationSeq, title, type, unique, timeout, boundState, group, other, at: Date.now() };
      this.notifications.push(notification);
      this._callback("onNotify", notification);
      if (timeout !== null) {
        // timeout is in milliseconds (the document gives no unit; every JS API uses ms).
        const timer = setTimeout(() => {
          this._timers.delete(timer);
          this.notifications = this.notifications.filter((n) => n !== notification);
          this._changed();
        }, timeout);
        this._timers.add(timer);
      }
      this._changed();
      return notification;
    }

    _requireUser() {
      if (!this._user) throw new Error("no agent is logged in");
      return this._user;
    }

    // -- ucsOperator methods (called through _invoke: state already checked) -----------------

    _login(username, password, remember) {
      text("login", "username", username);
      text("login", "password", password, { allowEmpty: true });
      bool("login", "remember", remember, { optional: true });
      return this._afterDelay(() => {
        // Two logins in flight: the first one won.
        if (this.state !== "CREDENTIALS") throw new Error(`ucsOperator.login is not allowed in state ${this.state}`);
        const user = this._users[username];
        // An unknown user gets the same answer as a wrong password: a login form says no more.
        if (!user || user.password !== password) {
          this._show({ title: "Bad password", type: "error", unique: true, boundState: "CREDENTIALS" });
          throw new Error("Bad password");
        }
        this.rememberedUsername = remember ? username : null;
        this._signIn(user);
        return undefined;
      });
    }

    _sso(username, token, provider) {
      text("sso", "username", username);
      text("sso", "token", token);
      text("sso", "provider", provider);
      return this._afterDelay(async () => {
        const why = await this._checkSsoToken(username, token);
        if (this.removed) throw new Error("ucsOperator.sso: the component was removed");
        if (this.state !== "CREDENTIALS") throw new Error(`ucsOperator.sso is not allowed in state ${this.state}`);
        if (why) {
          const message = `Invalid SSO token: ${why}`;
          this._show({ title: message, type: "error", unique: true, boundState: "CREDENTIALS" });
          throw new Error(message);
        }
        this.ssoProvider = provider;
        this._signIn(this._users[username]);
        return undefined;
      });
    }

    // Why the token is refused, or null when it is good.
    async _checkSsoToken(username, token) {
      if (this.ssoVerify !== null) {
        let why;
        try {
          why = await this.ssoVerify(username, token);
        } catch (e) {
          return `the token could not be checked (${e && e.message ? e.message : e})`;
        }
        if (why !== null && why !== undefined) return String(why);
        return this._users[username] ? null : `unknown user ${username}`;
      }
      if (this.ssoSecret === null) return "SSO is not configured (no ssoSecret or ssoVerify)";
      let bytes;
      try {
        bytes = Uint8Array.from(atob(token.trim()), (c) => c.charCodeAt(0));
      } catch (e) {
        return "not base64";
      }
      if (bytes.length <= 20) return "too short";
      let tail;
      try {
        tail = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(20));
      } catch (e) {
        return "username and timestamp are not UTF-8";
      }
      // The digest covers secret + tail, so the signature is checked on the whole tail first.
      if (!sameBytes(await sha1(utf8(this.ssoSecret + tail)), bytes.subarray(0, 20))) return "bad signature";
      // The formula joins username and timestamp with no separator, so the token alone cannot
      // tell "agent2" + "1732441200" from "agent" + "21732441200": the username argument
      // decides where the timestamp starts, and the age check refuses the misreading (a
      // timestamp centuries away).
      if (!tail.startsWith(username) || !/^\d+$/.test(tail.slice(username.length))) {
        return `the token is for another user (${tail.replace(/\d+$/, "")})`;
      }
      const age = now() - Number(tail.slice(username.length));
      // ssoMaxAge both ways: tokens older than that, and clocks ahead by more than that.
      if (age > this.ssoMaxAge) return `expired (${age} s old, at most ${this.ssoMaxAge} s)`;
      if (-age > this.ssoMaxAge) return `timestamp ${-age} s in the future (at most ${this.ssoMaxAge} s)`;
      if (!this._users[username]) return `unknown user ${username}`;
      return null;
    }

    _signIn(user) {
      this._user = user;
      this._enter(ENTERS.login); // sso too
    }

    _logout() {
      // Logging out forgets the calls without reporting each (onCredentials says it all).
      this._calls = [];
      this._consultation = null;
      // UCS logs the agent out of the queues.
      this._user.status = "OFFLINE";
      this.statusReason = null;
      this._user = null;
      this.identifier = null;
      this._enter(ENTERS.logout);
    }

    _selectIdentifier(identifier) {
      text("selectIdentifier", "identifier", identifier);
      if (!this.identifiers.includes(identifier)) {
        // The document's own example of a notification with values for formatting.
        this._show({ title: `Bad identifier: ${identifier}`, type: "error", unique: true, boundState: this.state,
          other: { values: { identifier } } });
        throw new Error(`Bad identifier: ${identifier}`);
      }
      this.identifier = identifier;
      this._enter(ENTERS.selectIdentifier);
    }

    _provision() {
      // provision is allowed in IDENTIFY too: it re-pairs the phone chosen before identify().
      if (!this.identifier) throw new Error("ucsOperator.provision: no phone selected (call selectIdentifier first)");
      // "get status from UCS": an agent coming in OFFLINE is logged into the queues, READY.
      if (this._user.status === "OFFLINE") {
        this._user.status = "READY";
        this.statusReason = null;
      }
      this._enter(ENTERS.provision);
    }

    _identify() {
      // Choosing another phone does not end calls: they go on on the phone; the next onReady
      // lists them again.
      this._enter(ENTERS.identify);
    }

    _changeStatus(status, reason) {
      oneOf("changeStatus", "status", status, STATUSES);
      text("changeStatus", "reason", reason, { optional: true });
      this._user.status = status;
      // The reason is for AUX only; with another status the component drops it.
      this.statusReason = status === "AUX" && !absent(reason) ? reason : null;
      this._pushUser(); // the component confirms even an unchanged status
    }

    _queue(method, id) {
      integer(method, "queue", id);
      const queue = this._user.queues[id];
      if (!queue) throw argError(method, `unknown queue ${id} (the agent's queues: ${Object.keys(this._user.queues).join(", ") || "none"})`);
      return queue;
    }

    _suspend(id) {
      const queue = this._queue("suspend", id);
      if (queue.suspended) return; // already: nothing changes, nothing to report
      queue.suspended = true;
      this._suspendedSince.set(id, now());
      this._pushUser();
    }

    _resume(id) {
      const queue = this._queue("resume", id);
      if (!queue.suspended) return;
      // suspendtime: seconds spent suspended, added up when service resumes.
      queue.suspendtime += now() - (this._suspendedSince.get(id) || now());
      this._suspendedSince.delete(id);
      queue.suspended = false;
      this._pushUser();
    }

    _answer() {
      const call = this._calls.find((c) => c.direction === "INCOMING" && c.state === CALL_STATE.INVITATION);
      if (!call) throw new Error("No ringing call");
      // Answering a waiting call holds the one the agent is on, as a phone does.
      const current = this._calls.find((c) => c !== call && c.state === CALL_STATE.CONNECTED);
      if (current) this._setState(current, CALL_STATE.HELD);
      this._connect(call);
    }

    _dial(number, queue, line, data) {
      text("dial", "number", number);
      if (!absent(queue) && queue !== "directCall" && queue !== "undefined") {
        integer("dial", "queue", queue);
        const q = this._user.queues[queue];
        if (!q) throw argError("dial", `unknown queue ${queue}`);
        if (q.type !== QUEUE_TYPE.OUTGOING) throw argError("dial", `queue ${queue} is not an outgoing queue`);
      }
      integer("dial", "line", line, { optional: true });
      if (!absent(line) && !this._user.lines.some((l) => l.id === line)) throw argError("dial", `unknown line ${line}`);
      const metadata = object("dial", "data", data, { optional: true });
      const consultation = this._consultation !== null && this._consultation.consult === null;
      if (this._activeCall()) throw new Error("A call is already in progress");
      // "undefined" (or no queue): UCS decides — the agent's first outgoing queue, if any.
      let outbound = null;
      if (Number.isInteger(queue)) outbound = queue;
      else if (queue !== "directCall") {
        const first = Object.values(this._user.queues).find((q) => q.type === QUEUE_TYPE.OUTGOING);
        outbound = first ? first.queue_id : null;
      }
      const lineId = absent(line) ? null : line;
      const call = this._newCall("OUTGOING", number, { data: metadata, outbound_id: outbound, line: lineId });
      if (consultation) this._consultation.consult = call;
      this._ringFarSide(call);
    }

    _hangup() {
      const call = this._activeCall();
      if (!call) throw new Error("No active call");
      let cause;
      if (call.direction === "OUTGOING") cause = CAUSE.CALLER_HUNG_UP; // the agent was the caller
      // The agent was the called party. Declining a call still ringing is the document's
      // cause 5 "rejected": "the called party hung up" needs a call that was picked up.
      else cause = call.state === CALL_STATE.INVITATION ? CAUSE.REJECTED : CAUSE.CALLED_HUNG_UP;
      this._end(call, cause);
    }

    _transfer(number) {
      const target = text("transfer", "number", number, { optional: true });
      if (this._consultation) throw new Error("A transfer is already in progress");
      const call = this._activeCall();
      if (!call || call.state !== CALL_STATE.CONNECTED) throw new Error("No connected call to transfer");
      this._setState(call, CALL_STATE.HELD);
      this._consultation = { original: call, consult: null };
      // Without a number: transfer mode, the next dial() makes the consultation call.
      if (target !== null) {
        const consult = this._newCall("OUTGOING", target, { data: null, outbound_id: null, line: null });
        this._consultation.consult = consult;
        this._ringFarSide(consult);
      }
    }

    _finishTransfer() {
      const t = this._consultation;
      if (!t || !t.consult) throw new Error("No consultation call to complete the transfer with");
      // Completing while the consulted party still rings is allowed (semi-attended transfer).
      this._consultation = null;
      this._end(t.original, CAUSE.TRANSFER);
      this._end(t.consult, CAUSE.TRANSFER);
    }

    _blindTransfer(number) {
      text("blindTransfer", "number", number);
      const call = this._activeCall();
      if (!call || call.state !== CALL_STATE.CONNECTED) throw new Error("No connected call to transfer");
      this._end(call, CAUSE.TRANSFER);
    }

    _tribute() {
      const call = this._activeCall();
      if (!call || call.state !== CALL_STATE.CONNECTED) throw new Error("No connected call to hold");
      this._setState(call, CALL_STATE.HELD);
    }

    _unhold() {
      const held = this._calls.filter((c) => c.state === CALL_STATE.HELD).pop();
      if (!held) throw new Error("No held call");
      const other = this._activeCall();
      if (other && other.state !== CALL_STATE.CONNECTED) throw new Error("Another call is in progress");
      // Resuming one call while on another swaps them, as a phone does.
      if (other) this._setState(other, CALL_STATE.HELD);
      // Resuming the caller in transfer mode (no consultation yet) gives up the transfer.
      if (this._consultation && this._consultation.original === held && !this._consultation.consult) this._consultation = null;
      this._setState(held, CALL_STATE.CONNECTED);
    }

    _mute() {
      const call = this._activeCall();
      if (!call) throw new Error("No active call");
      // The agent's side: the caller of an outgoing call, the called party of an incoming one.
      const side = call.direction === "OUTGOING" ? "caller_muted" : "connected_muted";
      call[side] = !call[side];
      this._pushCall(call);
    }

    _notify(title, type, unique, timeout, boundState, group, other) {
      text("notify", "title", title);
      oneOf("notify", "type", type, NOTIFICATION_TYPES, { optional: true });
      bool("notify", "unique", unique, { optional: true });
      integer("notify", "timeout", timeout, { optional: true });
      if (!absent(timeout) && timeout < 0) throw argError("notify", "timeout must be >= 0 (milliseconds) or null");
      oneOf("notify", "boundState", boundState, COMPONENT_STATES, { optional: true });
      text("notify", "group", group, { optional: true });
      const extra = object("notify", "other", other, { optional: true });
      this._show({
        title, type: absent(type) ? "info" : type, unique: unique === true, timeout: absent(timeout) ? null : timeout,
        boundState: absent(boundState) ? null : boundState, group: absent(group) ? null : group, other: extra,
      });
    }

    _state() {
      return this.stateObject();
    }

    _setAccountCode(uniqueid, accountCode, subAccountCode, override) {
      text("setAccountCode", "uniqueid", uniqueid);
      text("setAccountCode", "accountCode", accountCode);
      const sub = text("setAccountCode", "subAccountCode", subAccountCode, { optional: true });
      bool("setAccountCode", "override", override, { optional: true });
      if (!this._history.some((c) => c.uniqueid === uniqueid)) throw new Error(`Unknown call: ${uniqueid}`);
      const code = { accountCode, subAccountCode: sub };
      // override true replaces the codes, false (the default) adds one.
      this.accountCodes[uniqueid] = override === true ? [code] : (this.accountCodes[uniqueid] || []).concat([code]);
    }

    _selectRingingSound(sound) {
      this.ringingSound = oneOf("selectRingingSound", "ringingSound", sound, RINGING_SOUNDS);
    }

    _testRingingSound() { this.testingRingingSound = true; }

    _stopRingingSoundTest() { this.testingRingingSound = false; }

    _setTheme(theme) {
      this.theme = oneOf("setTheme", "theme", theme, THEMES);
    }

    // -- calls -------------------------------------------------------------------------------

    // E.164 for the *_norm fields: null for extensions and anything that is not a number.
    _normalise(number) {
      const n = String(number).replace(/[\s().\/-]/g, "");
      if (/^\+\d{6,}$/.test(n)) return n;
      if (/^00\d{6,}$/.test(n)) return "+" + n.slice(2);
      if (/^0\d{5,}$/.test(n)) return "+" + this.countryCode + n.slice(1);
      if (/^\d{6,}$/.test(n)) return "+" + this.countryCode + n;
      return null;
    }

    _newCall(direction, number, extra) {
      const user = this._user;
      this._callId = this._callId % 65535 + 1; // "rotates in the range 1-65535"
      const id = this._callId;
      const seq = ++this._callSeq;
      const channelSuffix = "-" + seq.toString(16).padStart(8, "0"); // Asterisk-style channel names
      const agentLine = extra.line !== null && extra.line !== undefined
        ? user.lines.find((l) => l.id === extra.line)
        : user.lines.find((l) => l.name === this.identifier) || null;
      const agent = {
        name: user.displayname, number: String(user.primary_extension), norm: null, extension: String(user.primary_extension),
        group_id: user.group_id, internal: true, line_id: agentLine ? agentLine.id : null, type: "line",
        user_id: user.id, username: user.username, channel: (agentLine ? agentLine.name : this.identifier) + channelSuffix,
      };
      // The far side: 2-5 digits is another extension of the PBX, anything else a trunk.
      const internal = /^\d{2,5}$/.test(number);
      const far = {
        name: extra.name || null, number, norm: this._normalise(number), extension: internal ? number : null,
        group_id: null, internal, line_id: null, type: internal ? "line" : "trunk", user_id: null, username: null,
        channel: (internal ? `SIP/${number}` : "SIP/trunk") + channelSuffix,
      };
      const [caller, called] = direction === "OUTGOING" ? [agent, far] : [far, agent];
      const created = now();
      const call = {
        called_name: called.name,
        called_number: called.number,
        called_number_norm: called.norm,
        caller_channel: caller.channel,
        caller_extension: caller.extension,
        caller_group_id: caller.group_id,
        caller_internal: caller.internal,
        caller_line_id: caller.line_id,
        caller_muted: false,
        caller_name: caller.name,
        caller_number: caller.number,
        caller_number_norm: caller.norm,
        caller_type: caller.type,
        caller_user_id: caller.user_id,
        caller_username: caller.username,
        cause: CAUSE.NOT_SET,
        connected: null, // Unix seconds once connected
        connected_channel: called.channel,
        connected_group_id: called.group_id,
        connected_internal: called.internal,
        connected_line_id: called.line_id,
        connected_muted: false,
        connected_name: called.name,
        connected_number: called.number,
        connected_number_norm: called.norm,
        connected_type: called.type,
        connected_user_id: called.user_id,
        connected_username: called.username,
        created,
        data: extra.data || {},
        direction,
        disconnected: null, // Unix seconds once hung up
        external_id: extra.external_id || null,
        id,
        name: extra.name || null, // what UCS found in an external system
        now: created,
        number, // the far side's number, both directions
        outbound_id: extra.outbound_id === undefined ? null : extra.outbound_id,
        recorded: false,
        // Outgoing calls start connecting (1) and ring at the far side (2) a moment later;
        // incoming ones arrive as an invitation (2).
        state: direction === "OUTGOING" ? CALL_STATE.CONNECTING : CALL_STATE.INVITATION,
        subcalls: direction === "INCOMING" ? 1 : 0,
        uniqueid: `${created}.${seq}`, // Asterisk style, e.g. "1732441200.17"
      };
      this._calls.push(call);
      this._history.push(call);
      this._pushCall(call);
      return call;
    }

    _ringFarSide(call) {
      this._later(() => {
        if (call.state === CALL_STATE.CONNECTING && this._calls.includes(call)) this._setState(call, CALL_STATE.INVITATION);
      });
    }

    _setState(call, state) {
      call.state = state;
      this._pushCall(call);
    }

    _connect(call) {
      call.state = CALL_STATE.CONNECTED;
      call.connected = now();
      this._pushCall(call);
    }

    _end(call, cause) {
      call.cause = cause;
      call.disconnected = now();
      this._calls = this._calls.filter((c) => c !== call);
      // A transfer loses its meaning when the caller or the consulted party goes.
      if (this._consultation && (this._consultation.original === call || this._consultation.consult === call)) this._consultation = null;
      this._pushCall(call);
      // ACW once the agent's last call ends (not while a held call waits).
      if (this._calls.length === 0 && this.acwAfterCall && this._user && this._user.status !== "ACW") {
        this._user.status = "ACW";
        this.statusReason = null;
        this._pushUser();
      }
    }

    _findCall(uniqueid, predicate, what) {
      if (!absent(uniqueid)) {
        const call = this._calls.find((c) => c.uniqueid === uniqueid);
        if (!call) throw new Error(`no call ${uniqueid} in progress`);
        if (!predicate(call)) throw new Error(`call ${uniqueid} is not ${what}`);
        return call;
      }
      const call = this._calls.filter(predicate).pop();
      if (!call) throw new Error(`no ${what}`);
      return call;
    }

    // -- scenario controls (the world around the component) ----------------------------------

    _alive() {
      if (this.removed) throw new Error("the simulated component was removed");
    }

    /** The far side calls the agent: a new INCOMING call ringing (state 2). Returns a copy. */
    ringIncoming({ number = "0800123456", name = null, queue = null, data = null, external_id = null } = {}) {
      this._alive();
      if (this.state !== "READY") throw new Error(`the agent's phone is not ready (state ${this.state})`);
      text("ringIncoming", "number", number);
      text("ringIncoming", "name", name, { optional: true });
      const metadata = object("ringIncoming", "data", data, { optional: true });
      if (!absent(queue)) {
        // UCS offers a queue call only to an agent READY and not suspended in that queue.
        integer("ringIncoming", "queue", queue);
        const q = this._user.queues[queue];
        if (!q || q.type !== QUEUE_TYPE.INCOMING) throw new Error(`queue ${queue} is not an incoming queue of the agent`);
        if (q.suspended) throw new Error(`the agent is suspended in queue ${queue}: UCS would not offer the call`);
        if (this._user.status !== "READY") throw new Error(`the agent is ${this._user.status}: UCS would not offer a queue call`);
      }
      const call = this._newCall("INCOMING", number, { name, data: metadata, external_id, outbound_id: null, line: null });
      this._changed();
      return copy(call);
    }

    /** The far side of an outgoing call picks up (state 3). Default: the latest one ringing. */
    remoteAnswer({ uniqueid } = {}) {
      this._alive();
      const call = this._findCall(uniqueid, (c) => c.direction === "OUTGOING"
        && (c.state === CALL_STATE.CONNECTING || c.state === CALL_STATE.INVITATION), "outgoing call ringing");
      this._connect(call);
      this._changed();
    }

    /** The far side hangs up. Default: the active call, else the latest held one. Cause: 3 (the
     * caller hung up) for an incoming call, 4 (the called party) for an outgoing one that was
     * answered, 5 (rejected) for one still ringing; or the `cause` given (e.g. 1 busy). */
    remoteHangup({ uniqueid, cause } = {}) {
      this._alive();
      const call = absent(uniqueid) ? this._activeCall() || this._calls[this._calls.length - 1] : this._findCall(uniqueid, () => true, "");
      if (!call) throw new Error("no call in progress");
      let reason = cause;
      if (absent(reason)) {
        if (call.direction === "INCOMING") reason = CAUSE.CALLER_HUNG_UP;
        else reason = call.connected === null ? CAUSE.REJECTED : CAUSE.CALLED_HUNG_UP;
      } else if (!Number.isInteger(reason) || reason < 0 || reason > 8) {
        throw new Error("cause must be an integer 0-8");
      }
      this._end(call, reason);
      this._changed();
    }

    /** The component changes the agent's status by itself (a supervisor, UCS). */
    pushStatus(status, reason) {
      this._alive();
      const user = this._requireUser();
      oneOf("pushStatus", "status", status, STATUSES);
      user.status = status;
      this.statusReason = status === "AUX" && !absent(reason) ? String(reason) : null;
      this._pushUser();
    }

    _checkMethod(what, method) {
      if (!Object.prototype.hasOwnProperty.call(STATE_TABLE, method)) {
        throw new Error(`sim.${what}: no ucsOperator method ${JSON.stringify(method)}`);
      }
    }

    /** The method's next invocation throws Error(message), whatever the state. */
    failNext(method, message) {
      this._checkMethod("failNext", method);
      this._failures.set(method, { message: message || `ucsOperator.${method} failed`, always: false });
      this._changed();
    }

    /** Every invocation of the method throws Error(message), until clearFailures(). */
    failAlways(method, message) {
      this._checkMethod("failAlways", method);
      this._failures.set(method, { message: message || `ucsOperator.${method} failed`, always: true });
      this._changed();
    }

    /** Every invocation of the method returns a Promise that never settles, until clearFailures(). */
    hang(method) {
      this._checkMethod("hang", method);
      this._hanging.add(method);
      this._changed();
    }

    /** Undo failNext, failAlways and hang. */
    clearFailures() {
      this._failures.clear();
      this._hanging.clear();
      this._changed();
    }

    /** The component disappears: window.ucsOperator is deleted, no more callbacks, pending
     * login/sso promises reject, the old operator object throws if still called. */
    remove() {
      if (this.removed) return;
      this.removed = true;
      if (this.target.ucsOperator === this.operator) delete this.target.ucsOperator;
      if (installed.get(this.target) === this) installed.delete(this.target);
      for (const timer of this._timers) clearTimeout(timer);
      this._timers.clear();
      for (const pending of this._pending) pending.reject(new Error("ucsOperator was removed"));
      this._pending.clear();
      this._changed();
    }

    /** CREDENTIALS -> READY through the public methods: login, selectIdentifier(first), provision. */
    async loginAs(username = "agent", password) {
      this._alive();
      if (this.state === "INIT") await this._until("CREDENTIALS");
      const user = this._users[username];
      const secret = password === undefined ? (user ? user.password : "") : password;
      await this.operator.login(username, secret);
      this.operator.selectIdentifier(this.identifiers[0]);
      this.operator.provision();
      return this.stateObject();
    }

    _until(state) {
      return new Promise((resolve, reject) => {
        const stop = this.on(() => {
          if (this.removed) { stop(); reject(new Error("the simulated component was removed")); }
          else if (this.state === state) { stop(); resolve(); }
        });
      });
    }
  }

  // ---- The panel -----------------------------------------------------------------------------

  const STYLE_ID = "ucs-sim-style";
  const STYLE = `
.ucs-sim { font: 13px/1.4 system-ui, sans-serif; color: #1f2933; display: grid; gap: 10px; }
.ucs-sim [hidden] { display: none !important; }
.ucs-sim-head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.ucs-sim-state { font-weight: 600; padding: 0 6px; border-radius: 3px; background: #e3f8ff; color: #0b69a3; }
.ucs-sim-state[data-state=REMOVED] { background: #ffe3e3; color: #b42318; }
.ucs-sim-dim { color: #627d98; font-size: 12px; }
.ucs-sim-section { display: grid; gap: 6px; }
.ucs-sim-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 0; }
.ucs-sim input:not([type=checkbox]), .ucs-sim select { font: inherit; width: 9.5em; padding: 2px 4px; }
.ucs-sim button { font: inherit; padding: 2px 8px; }
.ucs-sim-list { margin: 0; padding-left: 18px; }
.ucs-sim-empty { list-style: none; margin-left: -18px; color: #829ab1; }
.ucs-sim-note-error { color: #b42318; }
.ucs-sim-note-warning { color: #8d5b00; }
.ucs-sim-note-success { color: #1b7f3b; }
.ucs-sim-message { color: #b42318; min-height: 1.4em; }
.ucs-sim-scenario { border: 1px solid #d9e2ec; border-radius: 4px; padding: 6px 8px; margin: 0; display: grid; gap: 6px; }
.ucs-sim-scenario legend { font-size: 12px; color: #627d98; padding: 0 4px; }
`;

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === "testid") node.dataset.testid = value;
      else if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  /** Render the simulated component into `container`. Returns {unmount()}. */
  function mountPanel(container, sim) {
    if (!container || typeof container.append !== "function") throw new Error("UcsSimulator.mountPanel: container must be an element");
    if (!(sim instanceof Simulator)) throw new Error("UcsSimulator.mountPanel: sim must come from UcsSimulator.install");
    const doc = container.ownerDocument;
    if (!doc.getElementById(STYLE_ID)) {
      doc.head.append(el("style", { id: STYLE_ID, text: STYLE }));
    }

    const message = el("div", { className: "ucs-sim-message", testid: "sim-message", role: "status" });
    // Every action goes through sim.operator (the object at window.ucsOperator) or a scenario
    // control, exactly as a user of the real component or the CRM would; what it refuses is
    // shown, not hidden.
    const act = (fn) => {
      message.textContent = "";
      Promise.resolve().then(fn).catch((error) => { message.textContent = error.message; });
    };
    const button = (label, testid, fn) => el("button", { type: "button", testid, onclick: () => act(fn) }, label);
    const input = (testid, attributes = {}) => el("input", { testid, ...attributes });
    const form = (testid, onsubmit, ...children) => el("form", {
      className: "ucs-sim-row", testid,
      onsubmit: (event) => { event.preventDefault(); act(onsubmit); },
    }, ...children);

    const stateBadge = el("span", { className: "ucs-sim-state", testid: "sim-state" });

    // CREDENTIALS: the login form.
    const [firstUser, firstData] = Object.entries(sim._users)[0];
    // The demo credentials are the hint, as placeholders and a line below: typed, not prefilled,
    // so the form behaves like the real one (an empty username is refused).
    const username = input("sim-login-username", { placeholder: firstUser, autocomplete: "off", "aria-label": "username" });
    const password = input("sim-login-password", { type: "password", placeholder: firstData.password, "aria-label": "password" });
    const remember = input("sim-login-remember", { type: "checkbox" });
    const loginSection = el("div", { className: "ucs-sim-section", "data-when": "CREDENTIALS" },
      form("sim-login", () => sim.operator.login(username.value, password.value, remember.checked),
        username, password, el("label", {}, remember, " remember"),
        el("button", { testid: "sim-login-submit" }, "Log in")),
      el("div", { className: "ucs-sim-dim", testid: "sim-login-hint" }, `${firstUser} / ${firstData.password}`));

    // IDENTIFY: pair a phone.
    const listId = `ucs-sim-identifiers-${Math.random().toString(36).slice(2)}`;
    const identifier = input("sim-identifier", { list: listId, "aria-label": "phone identifier" });
    identifier.value = sim.identifiers[0] || "";
    const identifySection = el("div", { className: "ucs-sim-section", "data-when": "IDENTIFY" },
      form("sim-identify", () => sim.operator.selectIdentifier(identifier.value),
        identifier, el("button", { testid: "sim-identifier-submit" }, "Pair phone"),
        el("datalist", { id: listId }, ...sim.identifiers.map((i) => el("option", { value: i })))));

    // DEVICE: confirm the phone.
    const deviceName = el("b", { testid: "sim-device" });
    const deviceSection = el("div", { className: "ucs-sim-row", "data-when": "DEVICE" },
      el("span", {}, "Phone ", deviceName),
      button("Provision", "sim-provision", () => sim.operator.provision()),
      button("Choose another phone", "sim-identify-again", () => sim.operator.identify()));

    // READY: the agent, the calls, the softphone buttons.
    const status = el("b", { testid: "sim-status" });
    const statusSelect = el("select", { testid: "sim-status-select", "aria-label": "status" },
      ...["READY", "AUX", "ACW", "OFFLINE"].map((s) => el("option", { value: s }, s)));
    const reason = input("sim-status-reason", { placeholder: "AUX reason", "aria-label": "AUX reason" });
    const dialNumber = input("sim-dial-number", { placeholder: "number", "aria-label": "number to dial" });
    const calls = el("ol", { className: "ucs-sim-list", testid: "sim-calls" });
    const readySection = el("div", { className: "ucs-sim-section", "data-when": "READY" },
      el("div", { className: "ucs-sim-row" }, el("span", { testid: "sim-agent" }), status),
      el("div", { className: "ucs-sim-row" }, statusSelect, reason,
        button("Set status", "sim-status-apply", () => (reason.value && statusSelect.value === "AUX"
          ? sim.operator.changeStatus(statusSelect.value, reason.value)
          : sim.operator.changeStatus(statusSelect.value)))),
      calls,
      el("div", { className: "ucs-sim-row" },
        button("Answer", "sim-answer", () => sim.operator.answer()),
        button("Hang up", "sim-hangup", () => sim.operator.hangup()),
        button("Hold", "sim-hold", () => sim.operator.tribute()),
        button("Resume", "sim-unhold", () => sim.operator.unhold()),
        button("Mute", "sim-mute", () => sim.operator.mute())),
      form("sim-dial", () => sim.operator.dial(dialNumber.value), dialNumber,
        el("button", { testid: "sim-dial-submit" }, "Dial")),
      el("div", { className: "ucs-sim-row" },
        button("Change phone", "sim-identify", () => sim.operator.identify()),
        button("Log out", "sim-logout", () => sim.operator.logout())));

    const notes = el("ol", { className: "ucs-sim-list", testid: "sim-notifications" });

    // Scenario: the world around the component.
    const ringNumber = input("sim-ring-number", { "aria-label": "caller number" });
    ringNumber.value = "0800123456";
    const ringName = input("sim-ring-name", { "aria-label": "caller name" });
    ringName.value = "Alan Turing";
    const failMethod = el("select", { testid: "sim-fail-method", "aria-label": "method" },
      ...Object.keys(STATE_TABLE).map((m) => el("option", { value: m }, m)));
    failMethod.value = "dial";
    const scenario = el("fieldset", { className: "ucs-sim-scenario" }, el("legend", {}, "Scenario"),
      el("div", { className: "ucs-sim-row" }, ringNumber, ringName,
        button("Ring incoming call", "sim-ring", () => sim.ringIncoming({ number: ringNumber.value, name: ringName.value || null }))),
      el("div", { className: "ucs-sim-row" },
        button("Far side answers", "sim-remote-answer", () => sim.remoteAnswer()),
        button("Far side hangs up", "sim-remote-hangup", () => sim.remoteHangup())),
      el("div", { className: "ucs-sim-row" }, failMethod,
        button("Throw on next call", "sim-fail", () => sim.failNext(failMethod.value, "Simulated component failure"))),
      el("div", { className: "ucs-sim-row" }, button("Remove component", "sim-remove", () => sim.remove())));

    const root = el("div", { className: "ucs-sim", testid: "sim-panel" },
      el("div", { className: "ucs-sim-head" }, el("b", {}, "UCS"), stateBadge,
        el("span", { className: "ucs-sim-dim" }, `v${sim.version} · simulator`)),
      message, loginSection, identifySection, deviceSection, readySection,
      el("div", { className: "ucs-sim-section" }, el("b", {}, "Notifications"), notes),
      scenario);
    container.replaceChildren(root);

    let lastState = null;
    function render() {
      const shown = sim.removed ? "REMOVED" : sim.state;
      stateBadge.textContent = shown;
      stateBadge.dataset.state = shown;
      for (const section of root.querySelectorAll("[data-when]")) section.hidden = sim.removed || section.dataset.when !== sim.state;
      if (sim.state !== lastState) {
        if (lastState !== null) message.textContent = ""; // an old refusal is not news in a new state
        if (sim.state === "CREDENTIALS" && sim.rememberedUsername && !username.value) {
          username.value = sim.rememberedUsername; // the "cookie" of remember = true
        }
      }
      lastState = sim.state;
      deviceName.textContent = sim.identifier || "";
      const user = sim._user;
      root.querySelector("[data-testid=sim-agent]").textContent = user ? `${user.displayname}:` : "";
      status.textContent = user ? user.status + (sim.statusReason ? ` (${sim.statusReason})` : "") : "";
      const empty = (what) => el("li", { className: "ucs-sim-empty" }, what);
      const callItem = (c) => el("li", { testid: "sim-call", "data-uniqueid": c.uniqueid, "data-state": String(c.state) },
        `${c.direction === "INCOMING" ? "from" : "to"} ${c.number}${c.name ? ` (${c.name})` : ""} — ${CALL_STATE_NAMES[c.state]}`
        + (c.caller_muted || c.connected_muted ? " · muted" : ""));
      calls.replaceChildren(...(sim._calls.length ? sim._calls.map(callItem) : [empty("No calls")]));
      // A notification shows in its boundState only (null: any); the latest few.
      const visible = sim.notifications.filter((n) => n.boundState === null || n.boundState === sim.state).slice(-5);
      const noteItem = (n) => el("li", { className: `ucs-sim-note-${n.type}`, testid: "sim-notification" }, n.title);
      notes.replaceChildren(...(visible.length ? visible.map(noteItem) : [empty("None")]));
    }
    const stop = sim.on(render);
    render();
    // An object, not a bare function: tools that call a returned function (Playwright's
    // page.evaluate does) would otherwise unmount the panel at once.
    return {
      unmount() {
        stop();
        root.remove();
      },
    };
  }

  window.UcsSimulator = Object.freeze({
    BEHAVIOUR,
    STATE_TABLE,
    METHODS: freeze(Object.keys(STATE_TABLE)),
    CALL_STATE,
    CAUSE,
    install: (options) => new Simulator(options),
    mountPanel,
    makeSsoToken,
  });
})();
