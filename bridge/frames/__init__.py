"""CRM iframes on other origins: which may talk to the bridge and what they may do
(:mod:`~bridge.frames.rules`) and uContact's CrossDomain messages
(:mod:`~bridge.frames.ucontact`). Runs in the browser, with the core. How much a frame may
send is counted on the page's main thread (web/page/rate-limit.js), before the core."""
