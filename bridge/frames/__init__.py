"""CRM iframes on other origins: which may talk to the bridge and what they may do
(:mod:`~bridge.frames.rules`), how much (:mod:`~bridge.frames.ratelimit`), and uContact's
CrossDomain messages (:mod:`~bridge.frames.ucontact`). Runs in the browser, with the core."""
