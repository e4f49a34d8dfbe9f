// UCS component simulator: a test double of the vendor's agent-desktop component
// (window.ucsOperator), after the vendor document shared/seeds/002_... ("Component control",
// "Structure of objects"). Demo and test tooling: the bridge never loads it.
//
// Where the document is silent the simulator chooses, and says so here:
// - Callback names beyond onConnect, onCredentials and onReady(state) are ours: onIdentify(),
//   onDevice({identifier}), onUser(user), onCall(call), onNotify(notification).
// - Methods without a row in the state table (finishTransfer, blindTransfer, mute,
//   setAccountCode, testRingingSound, stopRingingSoundTest) are READY only; setTheme and notify
//   work in any state, even before onConnect (the document: the methods exist before it).
// - A refused call throws an Error synchronously; login and sso return Promises.
// - notify's timeout is in milliseconds.
(function () {
  "use strict";

  const STATE_TABLE = {
    login: ["CREDENTIALS"], sso: ["CREDENTIALS"], logout: ["IDENTIFY", "DEVICE", "READY"],
    // The document's row "identifier" is this method.
    selectIdentifier: ["IDENTIFY", "DEVICE"], provision: ["IDENTIFY", "DEVICE"], identify: ["DEVICE", "READY"],
    changeStatus: ["READY"], suspend: ["READY"], resume: ["READY"], answer: ["READY"], dial: ["READY"],
    hangup: ["READY"], transfer: ["READY"], finishTransfer: ["READY"], blindTransfer: ["READY"],
    tribute: ["READY"], unhold: ["READY"], mute: ["READY"], notify: "any", state: ["READY"],
    setAccountCode: ["READY"], selectRingingSound: ["READY"], testRingingSound: ["READY"],
    stopRingingSoundTest: ["READY"], setTheme: "any",
  };
  const STATUSES = ["OFFLINE", "READY", "AUX", "ACW"];
  const NOTIFICATION_TYPES = ["error", "warning", "success", "info"];
  const RINGING_SOUNDS = ["default", "christmas", "lovingYou", "quest", "rush"];
  const THEMES = ["default", "dark"];
  const CALL = { NEW: 0, CONNECTING: 1, RINGING: 2, CONNECTED: 3, SUSPENDED: 4, HELD: 5 };
  const CAUSE = { NOT_SET: -1, CALLER_HUNG_UP: 3, CALLED_HUNG_UP: 4, TRANSFER: 8 };

  const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const now = () => Math.floor(Date.now() / 1000);

  function queue(id, type) {
    return { answered: 0, priorities: 1, queue_id: id, ringtime: 0, supervisor: false, suspended: false,
      suspendtime: 0, talktime: 0, team_id: 1, transferred: 0, transferred_external: 0, type, unanswered: 0 };
  }

  function defaultUser(username) {
    return {
      password: "demo", acwtime: 0, auxtime: 0, auxtimes: {}, data: {}, displayname: "Ada Agent",
      email: "ada@example.com", external_id: "crm-ada", firstname: "Ada", group_id: 1, id: 101, idletime: 0,
      in_calls_answered: 0, in_calls_unanswered: 0, in_ringtime: 0, in_talktime: 0, lastname: "Agent",
      lines: [{ id: 1, name: "SIP/1001" }], locale: "en", number: "+15550100", out_calls_answered: 0,
      out_calls_unanswered: 0, out_ringtime: 0, out_talktime: 0, primary_extension: 1001,
      queues: { 5: queue(5, 1), 7: queue(7, 0) }, readytime: 0, ringtime: 0, status: "OFFLINE",
      superuser: false, talktime: 0, transferred: 0, transferred_external: 0, username,
    };
  }

  function requireType(method, name, value, type, optional) {
    if (value === undefined && optional) return;
    const ok = type === "int" ? Number.isInteger(value)
      : type === "object" ? value !== null && typeof value === "object" && !Array.isArray(value)
        : typeof value === type;
    if (!ok) throw new Error(`ucsOperator.${method}: ${name} must be ${type === "int" ? "an integer" : "a " + type}`);
    if (type === "string" && !optional && value === "") throw new Error(`ucsOperator.${method}: ${name} is required`);
  }

  function requireOneOf(method, name, value, values, optional) {
    if (value === undefined && optional) return;
    if (!values.includes(value)) throw new Error(`ucsOperator.${method}: ${name} must be one of ${values.join(", ")}`);
  }

  async function sha1(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
  }

  // token = base64(sha1_raw(secret + username + timestamp) + username + timestamp)
  async function makeSsoToken(secret, username, timestamp) {
    const encoder = new TextEncoder();
    const tail = encoder.encode(String(username) + String(timestamp));
    const digest = await sha1(encoder.encode(String(secret) + String(username) + String(timestamp)));
    const all = new Uint8Array(digest.length + tail.length);
    all.set(digest);
    all.set(tail, digest.length);
    return btoa(String.fromCharCode(...all));
  }

  class Simulator {
    constructor(options) {
      const o = options || {};
      this.callbacks = o.callbacks || {};
      this.target = o.target || window;
      this.users = {};
      for (const [name, data] of Object.entries(o.users || { agent: {} })) this.users[name] = { ...defaultUser(name), ...data };
      this.identifiers = o.identifiers || ["SIP/1001", "SIP/1002"];
      this.ssoSecret = o.ssoSecret == null ? null : o.ssoSecret;
      this.ssoMaxAge = o.ssoMaxAge == null ? 300 : o.ssoMaxAge;
      this.delay = o.delay || 0;
      this.acwAfterCall = o.acwAfterCall !== false;
      this.version = o.version || "6.18.0";
      this.state = "INIT";
      this.user = null;
      this.identifier = null;
      this.calls = [];          // calls not ended yet, oldest first
      this.history = [];        // every call, ended ones too (setAccountCode looks here)
      this.transferMode = false;
      this.statusReason = null;
      this.notifications = [];
      this.accountCodes = {};
      this.ringingSound = "default";
      this.testingRingingSound = false;
      this.theme = "default";
      this.log = [];
      this._failures = {};      // method -> {message, always}
      this._hanging = new Set();
      this._listeners = new Set();
      this._nextCallId = 1;
      this._uniqueSeq = 0;
      this.operator = this._makeOperator();
      this.target.ucsOperator = this.operator;
      this._later(() => { this._callback("onConnect"); this._enter("CREDENTIALS"); });
    }

    // -- plumbing ---------------------------------------------------------------------------

    _later(fn) { setTimeout(fn, this.delay); }

    _callback(name, ...args) {
      const fn = this.callbacks && this.callbacks[name];
      if (typeof fn !== "function") return;
      try { fn.apply(this.callbacks, args.map(copy)); } catch (e) { console.error(`ucs simulator: ${name} threw`, e); }
    }

    _changed() { for (const listener of this._listeners) { try { listener(this); } catch (e) { console.error(e); } } }

    on(listener) { this._listeners.add(listener); return () => this._listeners.delete(listener); }

    _enter(state) {
      this.state = state;
      if (state === "CREDENTIALS") this._callback("onCredentials");
      else if (state === "IDENTIFY") this._callback("onIdentify");
      else if (state === "DEVICE") this._callback("onDevice", { identifier: this.identifier });
      else if (state === "READY") this._callback("onReady", this.stateObject());
      this._changed();
    }

    _makeOperator() {
      const operator = {};
      for (const method of Object.keys(STATE_TABLE)) {
        operator[method] = (...args) => {
          const entry = { method, args: copy(args), state: this.state, at: Date.now() };
          this.log.push(entry);
          try {
            const allowed = STATE_TABLE[method];
            if (allowed !== "any" && !allowed.includes(this.state)) {
              throw new Error(`ucsOperator.${method} is not allowed in state ${this.state}`);
            }
            const failure = this._failures[method];
            if (failure) {
              if (!failure.always) delete this._failures[method];
              throw new Error(failure.message);
            }
            if (this._hanging.has(method)) return new Promise(() => {});
            return this["_" + method](...args);
          } catch (error) {
            entry.refused = error.message;
            throw error;
          } finally {
            this._changed();
          }
        };
      }
      return operator;
    }

    notify(title, type, extra) {
      const notification = { title, type: type || "info", unique: false, timeout: null, boundState: null,
        group: null, other: null, ...extra, at: Date.now() };
      if (notification.unique) this.notifications = this.notifications.filter((n) => n.title !== title);
      this.notifications.push(notification);
      this._callback("onNotify", notification);
      if (typeof notification.timeout === "number") {
        setTimeout(() => { this.notifications = this.notifications.filter((n) => n !== notification); this._changed(); },
          notification.timeout);
      }
      this._changed();
    }

    _pushUser() { this._callback("onUser", this.user); this._changed(); }

    _pushCall(call) { call.now = now(); this._callback("onCall", call); this._changed(); }

    stateObject() {
      return copy({
        state: this.state, status: this.user && this.user.status, user: this._publicUser(),
        call: this.activeCall() || null, calls: this.calls, ringingSound: this.ringingSound, theme: this.theme,
      });
    }

    _publicUser() {
      if (!this.user) return null;
      const { password, ...user } = this.user;
      return user;
    }

    activeCall() {
      return this.calls.slice().reverse().find((c) => c.state !== CALL.HELD) || null;
    }

    // -- component methods ------------------------------------------------------------------

    _login(username, password, remember) {
      requireType("login", "username", username, "string");
      requireType("login", "password", password, "string");
      requireType("login", "remember", remember, "boolean", true);
      return new Promise((resolve, reject) => this._later(() => {
        const user = this.users[username];
        if (!user || user.password !== password) {
          this.notify("Bad password", "error", { boundState: "CREDENTIALS" });
          return reject(new Error("Bad password"));
        }
        this._signIn(user);
        resolve();
      }));
    }

    async _sso(username, token, provider) {
      requireType("sso", "username", username, "string");
      requireType("sso", "token", token, "string");
      requireType("sso", "provider", provider, "string", true);
      await new Promise((r) => this._later(r));
      const refuse = (why) => {
        this.notify(`SSO login failed: ${why}`, "error", { boundState: "CREDENTIALS" });
        throw new Error(`Invalid SSO token: ${why}`);
      };
      if (this.ssoSecret == null) refuse("SSO is not configured");
      let bytes;
      try { bytes = Uint8Array.from(atob(token), (c) => c.charCodeAt(0)); } catch (e) { refuse("not base64"); }
      const tail = new TextDecoder().decode(bytes.slice(20));
      if (!tail.startsWith(username)) refuse("the token is for another user");
      const timestamp = tail.slice(username.length);
      if (!/^\d+$/.test(timestamp)) refuse("no timestamp");
      if (Math.abs(now() - Number(timestamp)) > this.ssoMaxAge) refuse("expired");
      const expected = await makeSsoToken(this.ssoSecret, username, timestamp);
      if (expected !== token) refuse("bad signature");
      const user = this.users[username];
      if (!user) refuse("unknown user");
      this._signIn(user);
    }

    _signIn(user) {
      this.user = user;
      this._enter("IDENTIFY");
    }

    _logout() {
      this.calls = [];
      this.transferMode = false;
      this.user.status = "OFFLINE";
      this.user = null;
      this.identifier = null;
      this._enter("CREDENTIALS");
    }

    _selectIdentifier(identifier) {
      requireType("selectIdentifier", "identifier", identifier, "string");
      if (!this.identifiers.includes(identifier)) throw new Error(`Bad identifier: ${identifier}`);
      this.identifier = identifier;
      this._enter("DEVICE");
    }

    _provision() {
      if (!this.identifier) throw new Error("No phone selected");
      if (this.user.status === "OFFLINE") this.user.status = "READY";
      this._enter("READY");
    }

    _identify() { this._enter("IDENTIFY"); }

    _changeStatus(status, reason) {
      requireOneOf("changeStatus", "status", status, STATUSES);
      requireType("changeStatus", "reason", reason, "string", true);
      this.user.status = status;
      this.statusReason = status === "AUX" ? reason || null : null;
      this._pushUser();
    }

    _queue(method, id) {
      requireType(method, "queue", id, "int");
      const entry = this.user.queues[id];
      if (!entry) throw new Error(`Unknown queue: ${id}`);
      return entry;
    }

    _suspend(id) {
      const entry = this._queue("suspend", id);
      entry.suspended = true;
      entry.suspended_since = now();
      this._pushUser();
    }

    _resume(id) {
      const entry = this._queue("resume", id);
      if (entry.suspended_since) entry.suspendtime += now() - entry.suspended_since;
      delete entry.suspended_since;
      entry.suspended = false;
      this._pushUser();
    }

    _newCall(direction, number, extra) {
      const id = this._nextCallId;
      this._nextCallId = this._nextCallId % 65535 + 1;  // "rotates in the range 1-65535"
      const agent = this.user;
      const us = { name: agent.displayname, number: String(agent.primary_extension), user_id: agent.id,
        username: agent.username, group_id: agent.group_id, internal: true, type: "line", channel: `${this.identifier}-${id}` };
      const them = { name: extra.name || "", number, user_id: null, username: null, group_id: null,
        internal: /^\d{3,4}$/.test(number), type: /^\d{3,4}$/.test(number) ? "line" : "trunk", channel: `SIP/trunk-${id}` };
      const [caller, called] = direction === "OUTGOING" ? [us, them] : [them, us];
      const norm = (n) => (n && /^\+?\d[\d ]*$/.test(n) ? "+" + n.replace(/\D/g, "").replace(/^0+/, "") : null);
      const call = {
        called_name: called.name, called_number: called.number, called_number_norm: norm(called.number),
        caller_channel: caller.channel, caller_extension: caller.internal ? caller.number : null,
        caller_group_id: caller.group_id, caller_internal: caller.internal, caller_line_id: caller.internal ? 1 : null,
        caller_muted: false, caller_name: caller.name, caller_number: caller.number, caller_number_norm: norm(caller.number),
        caller_type: caller.type, caller_user_id: caller.user_id, caller_username: caller.username,
        cause: CAUSE.NOT_SET, connected: null, connected_channel: called.channel, connected_group_id: called.group_id,
        connected_internal: called.internal, connected_line_id: called.internal ? 1 : null, connected_muted: false,
        connected_name: called.name, connected_number: called.number, connected_number_norm: norm(called.number),
        connected_type: called.type, connected_user_id: called.user_id, connected_username: called.username,
        created: now(), data: extra.data || {}, direction, disconnected: null, external_id: extra.external_id || null,
        id, name: extra.name || "", now: now(), number, outbound_id: typeof extra.queue === "number" ? extra.queue : null,
        recorded: false, state: direction === "OUTGOING" ? CALL.CONNECTING : CALL.RINGING, subcalls: 1,
        uniqueid: `${now()}.${++this._uniqueSeq}`,
      };
      this.calls.push(call);
      this.history.push(call);
      this._pushCall(call);
      return call;
    }

    _end(call, cause) {
      call.cause = cause;
      call.disconnected = now();
      this.calls = this.calls.filter((c) => c !== call);
      this._pushCall(call);
      if (this.calls.length === 0) {
        this.transferMode = false;
        if (this.acwAfterCall && this.user) {
          this.user.status = "ACW";
          this._pushUser();
        }
      }
    }

    _dial(number, queueId, line, data) {
      requireType("dial", "number", number, "string");
      if (queueId !== undefined && !Number.isInteger(queueId) && queueId !== "directCall" && queueId !== "undefined") {
        throw new Error('ucsOperator.dial: queue must be an integer, "directCall" or "undefined"');
      }
      requireType("dial", "line", line, "int", true);
      requireType("dial", "data", data, "object", true);
      if (this.activeCall() && !this.transferMode) throw new Error("A call is already in progress");
      this.transferMode = false;
      const call = this._newCall("OUTGOING", number, { queue: queueId, data });
      this._later(() => {
        if (call.state === CALL.CONNECTING && this.calls.includes(call)) { call.state = CALL.RINGING; this._pushCall(call); }
      });
      return undefined;
    }

    _answer() {
      const call = this.calls.find((c) => c.direction === "INCOMING" && c.state === CALL.RINGING);
      if (!call) throw new Error("No ringing call");
      this._connect(call);
    }

    _connect(call) {
      call.state = CALL.CONNECTED;
      call.connected = now();
      this._pushCall(call);
    }

    _requireActive() {
      const call = this.activeCall();
      if (!call) throw new Error("No active call");
      return call;
    }

    _hangup() {
      const call = this._requireActive();
      // The agent hung up: the caller on an outgoing call, the called party on an incoming one.
      this._end(call, call.direction === "OUTGOING" ? CAUSE.CALLER_HUNG_UP : CAUSE.CALLED_HUNG_UP);
    }

    _transfer(number) {
      requireType("transfer", "number", number, "string", true);
      const call = this._requireActive();
      if (call.state !== CALL.CONNECTED) throw new Error("Only a connected call can be transferred");
      call.state = CALL.HELD;
      this._pushCall(call);
      if (number === undefined) { this.transferMode = true; return; }
      this.transferMode = true;
      this._dial(number);
    }

    _finishTransfer() {
      const held = this.calls.find((c) => c.state === CALL.HELD);
      const consult = this.calls.find((c) => c !== held && c.direction === "OUTGOING");
      if (!held || !consult) throw new Error("No consultation in progress");
      this._end(held, CAUSE.TRANSFER);
      this._end(consult, CAUSE.TRANSFER);
    }

    _blindTransfer(number) {
      requireType("blindTransfer", "number", number, "string");
      this._end(this._requireActive(), CAUSE.TRANSFER);
    }

    _tribute() {
      const call = this._requireActive();
      if (call.state !== CALL.CONNECTED) throw new Error("Only a connected call can be held");
      call.state = CALL.HELD;
      this._pushCall(call);
    }

    _unhold() {
      const call = this.calls.find((c) => c.state === CALL.HELD);
      if (!call) throw new Error("No held call");
      call.state = CALL.CONNECTED;
      this._pushCall(call);
    }

    _mute() {
      const call = this._requireActive();
      const side = call.direction === "OUTGOING" ? "caller_muted" : "connected_muted";
      call[side] = !call[side];
      this._pushCall(call);
    }

    _notify(title, type, unique, timeout, boundState, group, other) {
      requireType("notify", "title", title, "string");
      requireOneOf("notify", "type", type, NOTIFICATION_TYPES, true);
      requireType("notify", "unique", unique, "boolean", true);
      if (timeout !== undefined && timeout !== null) requireType("notify", "timeout", timeout, "int");
      this.notify(title, type, { unique: !!unique, timeout: timeout == null ? null : timeout,
        boundState: boundState == null ? null : boundState, group: group || null, other: other || null });
    }

    _state() { return this.stateObject(); }

    _setAccountCode(uniqueid, accountCode, subAccountCode, override) {
      requireType("setAccountCode", "uniqueid", uniqueid, "string");
      requireType("setAccountCode", "accountCode", accountCode, "string");
      if (!this.history.some((c) => c.uniqueid === uniqueid)) throw new Error(`Unknown call: ${uniqueid}`);
      const code = { accountCode, subAccountCode: subAccountCode == null ? null : subAccountCode };
      this.accountCodes[uniqueid] = override ? [code] : (this.accountCodes[uniqueid] || []).concat([code]);
    }

    _selectRingingSound(sound) {
      requireOneOf("selectRingingSound", "ringingSound", sound, RINGING_SOUNDS);
      this.ringingSound = sound;
    }

    _testRingingSound() { this.testingRingingSound = true; }

    _stopRingingSoundTest() { this.testingRingingSound = false; }

    _setTheme(theme) {
      requireOneOf("setTheme", "theme", theme, THEMES);
      this.theme = theme;
    }

    // -- scenario controls ------------------------------------------------------------------

    ringIncoming(options) {
      const o = options || {};
      if (this.state !== "READY") throw new Error("the agent is not READY");
      return copy(this._newCall("INCOMING", o.number || "0800123456", { name: o.name, data: o.data, queue: o.queue }));
    }

    remoteAnswer() {
      const call = this.calls.find((c) => c.direction === "OUTGOING" && (c.state === CALL.CONNECTING || c.state === CALL.RINGING));
      if (!call) throw new Error("no outgoing call is ringing");
      this._connect(call);
    }

    remoteHangup() {
      const call = this.activeCall() || this.calls[0];
      if (!call) throw new Error("no call");
      // The far side hung up: the caller of an incoming call, the called party of an outgoing one.
      this._end(call, call.direction === "INCOMING" ? CAUSE.CALLER_HUNG_UP : CAUSE.CALLED_HUNG_UP);
    }

    pushStatus(status, reason) {
      if (!STATUSES.includes(status)) throw new Error(`unknown status ${status}`);
      this.user.status = status;
      this.statusReason = reason || null;
      this._pushUser();
    }

    failNext(method, message) { this._failures[method] = { message: message || `${method} failed`, always: false }; }

    failAlways(method, message) { this._failures[method] = { message: message || `${method} failed`, always: true }; }

    clearFailures() { this._failures = {}; this._hanging.clear(); }

    hang(method) { this._hanging.add(method); }

    remove() {
      if (this.target.ucsOperator === this.operator) delete this.target.ucsOperator;
      this.removed = true;
      this._changed();
    }

    async loginAs(username, password) {
      await this.operator.login(username || "agent", password || "demo");
      this.operator.selectIdentifier(this.identifiers[0]);
      this.operator.provision();
    }
  }

  // -- panel ------------------------------------------------------------------------------

  const STYLE = `
    .ucs-sim { font: 13px/1.4 system-ui, sans-serif; display: grid; gap: 8px; }
    .ucs-sim-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
    .ucs-sim-state { font-weight: 600; }
    .ucs-sim input, .ucs-sim select { width: 9em; }
    .ucs-sim-list { margin: 0; padding-left: 18px; }
    .ucs-sim-muted { color: #627d98; }
    .ucs-sim fieldset { border: 1px solid #d9e2ec; border-radius: 4px; }`;
  const CALL_STATE_NAMES = ["new", "connecting", "ringing", "connected", "suspended", "held"];

  function mountPanel(container, sim) {
    if (!document.getElementById("ucs-sim-style")) {
      const style = document.createElement("style");
      style.id = "ucs-sim-style";
      style.textContent = STYLE;
      document.head.append(style);
    }
    container.classList.add("ucs-sim");
    container.innerHTML = `
      <div class="ucs-sim-row">State: <span class="ucs-sim-state" data-testid="sim-state"></span>
        <span class="ucs-sim-muted" data-testid="sim-status"></span></div>
      <form class="ucs-sim-row" data-when="CREDENTIALS" data-testid="sim-login">
        <input name="username" placeholder="agent" data-testid="sim-login-username">
        <input name="password" type="password" placeholder="demo" data-testid="sim-login-password">
        <button data-testid="sim-login-submit">Log in</button></form>
      <form class="ucs-sim-row" data-when="IDENTIFY" data-testid="sim-identify">
        <input name="identifier" value="${sim.identifiers[0]}" data-testid="sim-identifier">
        <button data-testid="sim-identifier-submit">Pair</button></form>
      <div class="ucs-sim-row" data-when="DEVICE"><button data-testid="sim-provision">Provision</button></div>
      <div data-when="READY"><b>Calls</b><ol class="ucs-sim-list" data-testid="sim-calls"></ol></div>
      <div><b>Notifications</b><ol class="ucs-sim-list" data-testid="sim-notifications"></ol></div>
      <fieldset><legend>Scenario</legend>
        <div class="ucs-sim-row">
          <input value="0800123456" data-testid="sim-ring-number" aria-label="caller number">
          <input value="Alan Turing" data-testid="sim-ring-name" aria-label="caller name">
          <button type="button" data-testid="sim-ring">Ring incoming call</button></div>
        <div class="ucs-sim-row">
          <button type="button" data-testid="sim-remote-answer">Far side answers</button>
          <button type="button" data-testid="sim-remote-hangup">Far side hangs up</button></div>
        <div class="ucs-sim-row">
          <select data-testid="sim-fail-method">${Object.keys(STATE_TABLE).map((m) => `<option>${m}</option>`).join("")}</select>
          <button type="button" data-testid="sim-fail">Throw on next call</button>
          <button type="button" data-testid="sim-remove">Remove component</button></div>
        <div class="ucs-sim-muted" data-testid="sim-message"></div>
      </fieldset>`;
    const q = (id) => container.querySelector(`[data-testid=${id}]`);
    const attempt = (fn) => {
      q("sim-message").textContent = "";
      Promise.resolve().then(fn).catch((e) => { q("sim-message").textContent = e.message; });
    };
    q("sim-login").addEventListener("submit", (e) => {
      e.preventDefault();
      attempt(() => sim.operator.login(e.target.username.value || "agent", e.target.password.value));
    });
    q("sim-identify").addEventListener("submit", (e) => {
      e.preventDefault();
      attempt(() => sim.operator.selectIdentifier(e.target.identifier.value));
    });
    q("sim-provision").addEventListener("click", () => attempt(() => sim.operator.provision()));
    q("sim-ring").addEventListener("click", () => attempt(() => sim.ringIncoming({ number: q("sim-ring-number").value, name: q("sim-ring-name").value })));
    q("sim-remote-answer").addEventListener("click", () => attempt(() => sim.remoteAnswer()));
    q("sim-remote-hangup").addEventListener("click", () => attempt(() => sim.remoteHangup()));
    q("sim-fail").addEventListener("click", () => attempt(() => sim.failNext(q("sim-fail-method").value, "Simulated component failure")));
    q("sim-remove").addEventListener("click", () => attempt(() => sim.remove()));

    function render() {
      q("sim-state").textContent = sim.removed ? "REMOVED" : sim.state;
      q("sim-status").textContent = sim.user ? `${sim.user.username}: ${sim.user.status}${sim.statusReason ? " (" + sim.statusReason + ")" : ""}` : "";
      for (const el of container.querySelectorAll("[data-when]")) el.hidden = el.dataset.when !== sim.state;
      q("sim-calls").replaceChildren(...sim.calls.map((c) => {
        const li = document.createElement("li");
        li.textContent = `${c.direction === "INCOMING" ? "from" : "to"} ${c.number}: ${CALL_STATE_NAMES[c.state]}`;
        return li;
      }));
      q("sim-notifications").replaceChildren(...sim.notifications.slice(-5).map((n) => {
        const li = document.createElement("li");
        li.textContent = `[${n.type}] ${n.title}`;
        return li;
      }));
    }
    sim.on(render);
    render();
  }

  window.UcsSimulator = {
    STATE_TABLE,
    install: (options) => new Simulator(options),
    mountPanel,
    makeSsoToken,
  };
})();
