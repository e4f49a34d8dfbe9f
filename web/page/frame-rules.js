// config.frames read on the page: each rule as data for the runtime (bridge/frames/rules.py,
// which checks it in full at boot) and as a matcher for the page's first check of a message.
// Both give a rule one meaning: an exact origin is compared as a string, and a pattern must
// match the whole origin. A RegExp's ^ and $ bind to its first and last alternative only
// (/^https:\/\/a\.com|https:\/\/b\.com$/ finds "https://a.com" in "https://a.com.evil.net"),
// so the page tests the source between them wrapped as ^(?:...)$, which is what Python's
// fullmatch of that same text does.
import { fail } from "./errors.js";

function readFrameRules(frames) {
  var rules = [], matchers = [];
  frames.forEach(function (rule, i) {
    if (!rule || typeof rule !== "object") throw fail("INVALID_ARGUMENT", "config.frames[" + i + "] must be an object");
    var pattern = rule.origin instanceof RegExp ? rule.origin : null;
    if (!pattern && typeof rule.origin !== "string") throw fail("INVALID_ARGUMENT", "config.frames[" + i + "].origin must be a string or a RegExp");
    if (pattern && pattern.flags) throw fail("INVALID_ARGUMENT", "config.frames[" + i + "].origin: RegExp flags are not supported");
    var out = { allow: rule.allow || [], events: rule.events || false };
    out[pattern ? "pattern" : "origin"] = pattern ? pattern.source : rule.origin;
    rules.push(out);
    matchers.push(pattern ? wholeOrigin(pattern.source) : exactly(rule.origin));
  });
  return { rules: rules, matchers: matchers };
}

function exactly(expected) {
  return function (origin) { return origin === expected; };
}

// A source not anchored at both ends never matches here; the runtime refuses it at boot with
// the reason. A pattern never admits the opaque origin "null": that needs a rule of its own.
function wholeOrigin(source) {
  var anchored = source.length >= 2 && source[0] === "^" && source[source.length - 1] === "$" && source[source.length - 2] !== "\\";
  var whole = anchored ? new RegExp("^(?:" + source.slice(1, -1) + ")$") : null;
  return function (origin) { return whole !== null && origin !== "null" && whole.test(origin); };
}

export { readFrameRules };
