// config.frames read on the page, once start() has checked it (web/shared/check-options.js:
// each origin a string, or a RegExp anchored with ^ and $ and without flags): each rule as
// data for the runtime (bridge/frames/rules.py) and as a matcher for the page's first check
// of a message. Both give a rule one meaning: an exact origin is compared as a string, and a
// pattern must match the whole origin. A RegExp's ^ and $ bind to its first and last
// alternative only (/^https:\/\/a\.com|https:\/\/b\.com$/ finds "https://a.com" in
// "https://a.com.evil.net"), so the page tests the source between them wrapped as ^(?:...)$,
// which is what Python's fullmatch of that same text does.

function readFrameRules(frames) {
  var rules = [], matchers = [];
  frames.forEach(function (rule) {
    var pattern = rule.origin instanceof RegExp ? rule.origin.source : null;
    var out = { allow: rule.allow, events: rule.events };
    out[pattern ? "pattern" : "origin"] = pattern || rule.origin;
    rules.push(out);
    matchers.push(pattern ? wholeOrigin(pattern) : exactly(rule.origin));
  });
  return { rules: rules, matchers: matchers };
}

function exactly(expected) {
  return function (origin) { return origin === expected; };
}

// A pattern never admits the opaque origin "null": that needs a rule of its own.
function wholeOrigin(source) {
  var whole = new RegExp("^(?:" + source.slice(1, -1) + ")$");
  return function (origin) { return origin !== "null" && whole.test(origin); };
}

export { readFrameRules };
