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

// Rules that can never admit a message, and why: one shadowed by an earlier rule (the first
// rule that matches decides), an http: origin on an https: page (the browser blocks such a
// frame as mixed content), or one that allows nothing. Told to the console with config.debug.
function unreachableRules(frames, matchers, pageOrigin) {
  var found = [];
  frames.forEach(function (rule, i) {
    var where = "config.frames[" + i + "]";
    if (rule.origin instanceof RegExp) {
      if (!rule.allow.length && !rule.events) found.push(where + " allows nothing (no allow, no events)");
      return;
    }
    for (var j = 0; j < i; j++) {
      if (matchers[j](rule.origin)) return void found.push(where + " can never match: config.frames[" + j + "] matches " + rule.origin + " first");
    }
    if (/^https:/.test(pageOrigin || "") && /^http:/.test(rule.origin)) {
      return void found.push(where + " can never match: this page is https and a browser blocks an http frame (" + rule.origin + ")");
    }
    if (!rule.allow.length && !rule.events) found.push(where + " allows nothing (no allow, no events)");
  });
  return found;
}

export { readFrameRules, unreachableRules };
