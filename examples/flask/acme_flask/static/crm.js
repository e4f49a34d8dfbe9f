// Acme CRM's page: the bridge signs the agent in to the phone with a token from the CRM's server
// (single sign-on), then pairs the phone of the agent's CRM profile.
(function () {
  "use strict";
  const TOKEN_URL = "/crm/sso-token";
  const $ = (selector) => document.querySelector(selector);
  // The bridge POSTs to the token endpoint itself (JSON, with the session cookie). The CRM's CSRF
  // check also wants the session's token in a header, as for any script's POST: sso.headers adds
  // it to the token request, and to nothing else.
  const csrf = $('meta[name="csrf-token"]').content;

  function log(text) {
    const item = document.createElement("li");
    item.textContent = text;
    $("[data-testid=log]").prepend(item);
  }

  const bridge = AgentBridge.start({ sso: { tokenUrl: TOKEN_URL, provider: "Acme CRM", headers: { "X-CSRFToken": csrf } } });
  window.bridge = bridge;

  const phone = document.body.dataset.phone;
  bridge.on("state", ({ state }) => {
    $("[data-testid=phone]").textContent = state;
    if (state === "IDENTIFY" && phone) bridge.selectIdentifier(phone).catch((e) => log(`pair ${phone}: ${e.code}`));
    if (state === "DEVICE") bridge.provision().catch((e) => log(`confirm phone: ${e.code}`));
  });
  bridge.on("error", ({ code, message }) => log(`bridge error ${code}: ${message}`));

  // A call that ended: its record, read by the CRM's server through the UCS REST client.
  bridge.on("call", async ({ change, call }) => {
    if (change !== "ended") return;
    const response = await fetch(`/crm/api/call-record/${encodeURIComponent(call.uniqueid)}`);
    const answer = await response.json();
    log(response.ok ? `call ${answer.uniqueid}: ${answer.duration} s` : `call record: ${answer.error}`);
  });
})();
