// Acme CRM's page: the bridge signs the agent in to the phone with a token from the CRM's server
// (single sign-on), then pairs the phone of the agent's CRM profile.
(function () {
  "use strict";
  const TOKEN_URL = "/crm/sso-token";
  const $ = (selector) => document.querySelector(selector);
  const csrf = $('meta[name="csrf-token"]').content;

  // The bridge POSTs to the token endpoint itself (JSON, with the session cookie). The CRM's CSRF
  // check also wants the session's token in a header, as for any script's POST: this page adds it
  // to its own POSTs to the token endpoint, and to nothing else.
  const nativeFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const method = String((init && init.method) || (input instanceof Request ? input.method : "GET")).toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (method !== "POST" || url.origin !== location.origin || url.pathname !== TOKEN_URL) return nativeFetch(input, init);
    const request = new Request(input, init);
    request.headers.set("X-CSRFToken", csrf);
    return nativeFetch(request);
  };

  function log(text) {
    const item = document.createElement("li");
    item.textContent = text;
    $("[data-testid=log]").prepend(item);
  }

  const bridge = AgentBridge.start({ sso: { tokenUrl: TOKEN_URL, provider: "Acme CRM" } });
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
