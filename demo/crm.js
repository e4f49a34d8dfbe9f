// The demo CRM page. It talks to the phone only through the bridge (window.bridge); the
// simulator stands in for the vendor's component script and is wired the way a real
// component would be: it gets bridge.callbacks.
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  const CONTACTS = [
    { name: "Grace Hopper", company: "Navy Labs", phone: "+1 202 555 0143" },
    { name: "Alan Turing", company: "Bletchley Ltd", phone: "0800123456" },
    { name: "Katherine Johnson", company: "NACA", phone: "+1 757 555 0199" },
    { name: "Edsger Dijkstra", company: "Mathematisch Centrum", phone: "+31 20 555 0101" },
  ];
  const CALL_STATES = ["new", "connecting", "ringing", "connected", "suspended", "on hold"];

  // The disposition form lives on another origin, as forms from other teams or vendors do;
  // only that origin may talk to the bridge, and only for these capabilities. Its origin comes
  // from the demo server (/crm/config.js), never from this page's URL: anyone can send a link,
  // and a link must not choose which origin gets dispositionCall, closeTab and call events.
  // Served as plain files there is no config: then no form, and no frame is trusted.
  const formOrigin = (window.CRM_CONFIG && window.CRM_CONFIG.formOrigin) || null;

  // Who is signed in to the CRM: set by /crm/session.js from the demo server, null when nobody
  // is (absent when the page is served as plain files: then the phone takes a password).
  const crmUser = window.CRM_SESSION || null;

  // Test and benchmark pages pass options in the query string; a real CRM writes them inline.
  const config = {
    frames: formOrigin ? [{ origin: formOrigin, allow: ["dispositionCall", "closeTab"], events: true }] : [],
    ucontact: {
      onCloseTab: () => { $("[data-testid=form-card]").hidden = true; },
      // A saved disposition is the call's reason in UCS (what the bridge does when the page has
      // no handler) and a ticket in the CRM, filed once the call has ended (fileTicket).
      onDisposition: async (d) => {
        await bridge.setAccountCode(d.guid, d.l1, d.l2 || null, true);
        fileTicket(d.guid, d.l1);
      },
    },
  };
  // Signed in to the CRM: the phone signs in too (single sign-on). The token is minted by the
  // CRM's server for the session's user; the page never sees the secret.
  if (crmUser) config.sso = { tokenUrl: "/crm/sso-token", provider: "Acme CRM" };
  if (params.has("runtime")) config.runtime = params.get("runtime");
  if (params.has("callTimeout")) config.callTimeout = Number(params.get("callTimeout"));
  if (params.has("queueLimit")) config.queueLimit = Number(params.get("queueLimit"));
  const bridge = AgentBridge.start(config);
  window.bridge = bridge;

  // The real component sends an SSO token to the UCS server, which holds the same secret; the
  // simulator does the same through the demo server's stand-in for it.
  async function askUcsServer(username, token) {
    const response = await fetch("/ucs/sso/verify", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, token }),
    });
    if (!response.ok) return `the UCS server answered HTTP ${response.status}`;
    const { valid, reason } = await response.json();
    return valid ? null : reason;
  }

  // The real component's calls happen on the UCS server, which writes each one's call record;
  // the simulator's happen in this page, so its wiring reports each call that ended to the demo
  // server's UCS stand-in, which writes the record into its UCS REST fake. The CRM below never
  // uses this: it reads records through its own server, as a real CRM does.
  function reportEndedCalls(sim) {
    const reported = new Set();
    sim.on(() => {
      for (const call of sim.history) {
        if (call.disconnected === null || reported.has(call.uniqueid)) continue;
        reported.add(call.uniqueid);
        fetch("/ucs/calls", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(call) })
          .then(async (response) => {
            const answer = await response.json();
            if (!response.ok) log(`UCS stand-in: call ${call.uniqueid} not recorded: ${answer.error}`, "error");
          });
      }
    });
  }

  if (params.get("component") !== "none") {
    window.sim = UcsSimulator.install({ callbacks: bridge.callbacks, ssoVerify: askUcsServer });
    UcsSimulator.mountPanel($("#simulator"), window.sim);
    reportEndedCalls(window.sim);
  }

  function renderAccount() {
    $("[data-testid=crm-user]").textContent = crmUser
      ? `${crmUser.name} (${crmUser.username})` : "Not signed in to the CRM";
    const signIn = $("[data-testid=crm-sign-in-link]");
    signIn.hidden = Boolean(crmUser);
    const here = location.pathname + location.search;
    signIn.href = `/crm/sign-in?next=${encodeURIComponent(here)}`;
    $("[data-testid=crm-sign-out-form]").next.value = here;
    $("[data-testid=crm-sign-out-form]").hidden = !crmUser;
  }

  function log(text, kind) {
    const item = document.createElement("li");
    $("[data-testid=log]").prepend(item);
    return relog(item, text, kind);
  }
  // An activity item whose text changes as it learns more (a call record once UCS answers).
  function relog(item, text, kind) {
    item.textContent = new Date().toLocaleTimeString() + "  " + text;
    item.className = kind || "";
    return item;
  }

  // Every button goes through here: the promise always settles, with a result or a coded error.
  function run(label, promise) {
    return promise.then(
      () => log(label + " ✓"),
      (error) => log(`${label} ✗ ${error.code}: ${error.message}`, "error"),
    );
  }

  const digits = (number) => String(number || "").replace(/\D/g, "").replace(/^0+/, "");
  const contactFor = (number) => CONTACTS.find((c) => digits(c.phone) && digits(c.phone) === digits(number));

  function renderContacts() {
    const body = $("[data-testid=contacts] tbody");
    for (const contact of CONTACTS) {
      const row = document.createElement("tr");
      for (const value of [contact.name, contact.company]) row.insertCell().textContent = value;
      const button = document.createElement("button");
      button.textContent = "Call " + contact.phone;
      button.dataset.testid = "dial-" + digits(contact.phone);
      button.addEventListener("click", () => {
        const queue = $("[data-testid=dial-queue]").value;
        const args = [contact.phone];
        if (queue) args.push(/^\d+$/.test(queue) ? Number(queue) : queue);
        run(`dial ${contact.phone}`, bridge.dial(...args));
      });
      row.insertCell().append(button);
      body.append(row);
    }
  }

  function render() {
    const { state, status, calls } = bridge.snapshot;
    $("[data-testid=component-state]").textContent = state;
    $("[data-testid=agent-status]").textContent = status || "—";
    for (const step of $$("[data-step]")) step.hidden = step.dataset.step !== state;
    $("[data-testid=call-summary]").textContent = calls.length
      ? calls.map((c) => `${c.direction === "INCOMING" ? "from" : "to"} ${c.number} — ${CALL_STATES[c.state] || c.state}${c.caller_muted || c.connected_muted ? " (muted)" : ""}`).join("; ")
      : "No call";
  }

  function screenPop({ change, call }) {
    const pop = $("[data-testid=screen-pop]");
    if (change === "ringing" && call.direction === "INCOMING") {
      const contact = contactFor(call.number);
      $("[data-testid=pop-name]").textContent = call.caller_name || call.name || (contact && contact.name) || "Unknown caller";
      $("[data-testid=pop-number]").textContent = call.number;
      $("[data-testid=pop-contact]").textContent = contact ? `${contact.name}, ${contact.company}` : "Not in your contacts";
      pop.hidden = false;
      pop.dataset.uniqueid = call.uniqueid;
    } else if (pop.dataset.uniqueid === call.uniqueid && change !== "updated") {
      pop.hidden = true;
    }
  }

  // ---- The CRM's own API (demo/crm_calls.py): the UCS REST client runs on the CRM's server ----

  // A call record appears once UCS has written it, a moment after the hang-up: ask a few times.
  const RECORD_TRIES = 10, RECORD_WAIT_MS = 300;
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const ended = new Set(); // uniqueids of the calls that ended on this page
  const waitingTickets = new Map(); // uniqueid -> outcome, for calls still going on

  async function crmApi(path, body) {
    const response = await fetch(`/crm/api/${path}`, body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const answer = await response.json();
    // The error, and what the CRM did before it (a disposition's ticket_id).
    if (!response.ok) throw Object.assign(new Error(answer.error.message), answer.error, { answer });
    return answer;
  }

  const seconds = (n) => `${n} s`;
  function describeRecord(r) {
    const recording = r.recording ? `yes (${seconds(r.recording_duration)})` : "no";
    return `duration ${seconds(r.duration)}, recording ${recording}, hang-up: ${r.cause_name || r.cause}`;
  }

  async function showCallRecord(uniqueid) {
    const item = log(`call record ${uniqueid}: asking UCS…`);
    item.dataset.testid = "call-record";
    item.dataset.uniqueid = uniqueid;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const record = await crmApi(`call-record/${encodeURIComponent(uniqueid)}`);
        relog(item, `call record ${uniqueid}: ${describeRecord(record)}`);
        return;
      } catch (error) {
        if (error.status === 404 && attempt < RECORD_TRIES) { await wait(RECORD_WAIT_MS); continue; }
        relog(item, `call record ${uniqueid} ✗ ${error.status} ${error.code}: ${error.message}`, "error");
        return;
      }
    }
  }

  async function writeTicket(uniqueid, outcome) {
    try {
      const { ticket_id: ticket, metadata } = await crmApi("disposition", { uniqueid, outcome });
      const item = log(`ticket ${ticket} for call ${uniqueid}; the call's metadata: ${JSON.stringify(metadata)}`);
      item.dataset.testid = "ticket";
    } catch (error) {
      const opened = error.answer && error.answer.ticket_id;
      const what = opened ? `ticket ${opened} for call ${uniqueid}: opened, not on the call's metadata`
        : `ticket for call ${uniqueid}`;
      log(`${what} ✗ ${error.status} ${error.code}: ${error.message}`, "error");
    }
  }

  // The ticket's id goes onto the call's metadata in UCS, which holds it once the call has ended.
  function fileTicket(uniqueid, outcome) {
    if (!crmUser) return log("no CRM ticket: not signed in to the CRM");
    if (ended.has(uniqueid)) return writeTicket(uniqueid, outcome);
    waitingTickets.set(uniqueid, outcome);
    log(`ticket for call ${uniqueid}: filed when the call ends`);
  }

  // `call` is the bridge's last view of it. Without a hang-up time the component did not see it
  // end: it forgot it (a logout), and UCS writes no record until the call really ends, which
  // this page will not hear of, so it asks for none. A waiting ticket is filed all the same.
  async function callEnded(call) {
    const uniqueid = call.uniqueid;
    ended.add(uniqueid);
    if (!crmUser) return log(`call record ${uniqueid}: sign in to the CRM to see it`);
    if (call.disconnected != null) await showCallRecord(uniqueid);
    else log(`call record ${uniqueid}: the phone no longer follows the call, none is asked for`);
    if (waitingTickets.has(uniqueid)) {
      const outcome = waitingTickets.get(uniqueid);
      waitingTickets.delete(uniqueid);
      await writeTicket(uniqueid, outcome);
    }
  }

  let lastCall = null;
  bridge.on("ready", ({ version }) => log(`bridge ${version} ready`));
  bridge.on("error", ({ code, message }) => log(`bridge error ${code}: ${message}`, "error"));
  bridge.on("state", ({ state }) => log(`phone: ${state}`));
  bridge.on("status", ({ status }) => log(`status: ${status}`));
  bridge.on("call", (event) => {
    lastCall = event.call;
    log(`call ${event.change}: ${event.call.number}`);
    screenPop(event);
    if (event.change === "ended") callEnded(event.call);
  });
  for (const name of ["ready", "state", "status", "call"]) bridge.on(name, render);

  // The phone of the agent's CRM profile is paired and confirmed for them once per page, so
  // single sign-on takes the agent to READY with nothing to type ("Change phone" afterwards is
  // theirs). Without a CRM session the agent does it.
  const profileSteps = new Set(crmUser && crmUser.phone ? ["IDENTIFY", "DEVICE"] : []);
  bridge.on("state", ({ state }) => {
    if (!profileSteps.delete(state)) return;
    if (state === "IDENTIFY") run(`pair ${crmUser.phone} (CRM profile)`, bridge.selectIdentifier(crmUser.phone));
    else run("confirm phone", bridge.provision());
  });

  $("[data-testid=login-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    run("login", bridge.login(form.username.value, form.password.value, form.remember.checked));
  });
  $("[data-testid=identifier-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    run("pair phone", bridge.selectIdentifier(event.target.identifier.value));
  });
  $("[data-testid=provision]").addEventListener("click", () => run("provision", bridge.provision()));
  for (const button of $$("[data-action]")) {
    button.addEventListener("click", () => run(button.dataset.action, bridge[button.dataset.action]()));
  }
  $("[data-testid=status-apply]").addEventListener("click", () => {
    const [status, reason] = $("[data-testid=status-select]").value.split(":");
    run(`status ${status}`, reason ? bridge.changeStatus(status, reason) : bridge.changeStatus(status));
  });
  $("[data-testid=ringtone]").addEventListener("change", (e) => run("ringtone", bridge.selectRingingSound(e.target.value)));
  $("[data-testid=theme]").addEventListener("change", (e) => run("theme", bridge.setTheme(e.target.value)));
  const transfer = $("[data-testid=transfer-form]");
  transfer.addEventListener("submit", (event) => {
    event.preventDefault();
    run("consult", bridge.transfer(transfer.number.value));
  });
  transfer.finish.addEventListener("click", () => run("complete transfer", bridge.finishTransfer()));
  transfer.blind.addEventListener("click", () => run("blind transfer", bridge.blindTransfer(transfer.number.value)));
  $("[data-testid=wrapup-form]").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    if (!lastCall) return log("no call to give a reason to", "error");
    run("call reason", bridge.setAccountCode(lastCall.uniqueid, form.code.value, form.sub.value || null, true));
  });

  // The form learns this page's origin from its own server, not from its URL.
  if (formOrigin) $("[data-testid=disposition-frame]").src = `${formOrigin}/forms/disposition.html`;
  else $("[data-testid=form-card]").hidden = true;

  renderContacts();
  renderAccount();
  render();
})();
