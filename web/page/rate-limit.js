// How many messages one frame origin may send, counted on the page's main thread before a
// message crosses to the worker: over the rate, a message costs the page a map lookup, not a
// copy to the worker, Python's checks and an answer posted back. This is the only limiter
// (the runtime keeps none): a second bucket in the worker would see the same messages later,
// bunched by the boot queue and by delivery jitter, and refuse some that this one admitted.

var G = globalThis;

// Buckets kept at most: origins are chosen by whoever controls a frame matching a pattern
// rule. The least recently used is forgotten first; a forgotten origin starts again with a
// full bucket, exactly as an origin never seen does, so forgetting admits nothing a fresh
// origin would not get anyway.
var MAX_ORIGINS = 1000;

// config.frameRate messages per second and origin, twice that at once (at least one).
// check(origin) says what to do with one more message: "admit" it; "answer" it with
// RATE_LIMITED (the first message refused since this origin's last admitted one); "drop" it
// unanswered (the rest: answering a flood would cost the page one postMessage per message,
// so answers are bounded by the rate too). now: milliseconds, performance.now by default.
function makeRateLimiter(rate, now) {
  var clock = now || function () { return G.performance.now(); };
  var burst = Math.max(1, Math.floor(rate * 2)), perMs = rate / 1000;
  var buckets = new Map();  // origin -> {tokens, at (ms), answered}, least recently used first
  function check(origin) {
    var t = clock(), bucket = buckets.get(origin);
    if (bucket) buckets.delete(origin);
    else bucket = { tokens: burst, at: t, answered: false };
    bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    buckets.set(origin, bucket);
    if (buckets.size > MAX_ORIGINS) buckets.delete(buckets.keys().next().value);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.answered = false;
      return "admit";
    }
    if (bucket.answered) return "drop";
    bucket.answered = true;
    return "answer";
  }
  return { check: check, size: function () { return buckets.size; } };
}

export { MAX_ORIGINS, makeRateLimiter };
