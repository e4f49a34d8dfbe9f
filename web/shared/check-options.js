// The one checker of the options of AgentBridge.start(config) and AgentBridgeFrame.connect(options).
// It knows the kinds of bridge/component/optiontypes.py and nothing else: which option has which
// kind, default and range is declared once, in bridge/component/options.py, and reaches this
// code as the schemas in the generated constants. So a wrong value throws at once, naming the
// option and what it accepts, and no option has a hand-written check of its own.

/**
 * Fill in and check `given` against `declared` ([{name, kind, default, required, describe}]).
 * @param {Array<{name: string, kind: any, default: unknown, required: boolean, describe: string}>} declared
 * @param {unknown} given - the caller's object (null or undefined: all defaults)
 * @param {{where: string, noun: string, fail: (message: string) => Error, defaults?: object, base?: string}} how
 *   where: the name in messages ("config"); noun: what an unknown key is called ("config option");
 *   fail: makes the error to throw; defaults: values that
 *   are not JSON (a function) by option name; base: the URL relative ones are resolved against.
 */
export function checkOptions(declared, given, how) {
  return checkRecord(declared, given == null ? {} : given, how.where, how, how.defaults || {}, "an object");
}

// What a value must be is said once per option or field (its describe); a value inside a list
// or an object that fails is named by its path, and described by the field that holds it.
function checkRecord(fields, value, where, how, defaults, describe) {
  if (!isPlainObject(value)) throw refuse(where, describe, value, how);
  var known = fields.map(function (f) { return f.name; });
  Object.keys(value).forEach(function (key) {
    if (known.indexOf(key) < 0) {
      throw how.fail("unknown " + (where === how.where ? how.noun + " " : "field of " + where + ": ")
        + JSON.stringify(key) + " (known: " + known.join(", ") + ")");
    }
  });
  var out = {};
  fields.forEach(function (f) {
    var v = value[f.name], path = where + "." + f.name;
    if (v !== undefined) out[f.name] = checkValue(f.kind, v, path, how, f.describe);
    else if (f.required) throw how.fail(path + " is required: " + f.describe);
    else out[f.name] = Object.prototype.hasOwnProperty.call(defaults, f.name) ? defaults[f.name] : copy(f.default);
  });
  return out;
}

function checkValue(kind, value, where, how, describe) {
  var ok = false;
  switch (kind.kind) {
    case "nullable":
      return value === null ? null : checkValue(kind.of, value, where, how, describe);
    case "record":
      return checkRecord(kind.fields, value, where, how, {}, describe);
    case "list":
      if (!Array.isArray(value) || value.length > kind.maxItems) break;
      return value.map(function (item, i) { return checkValue(kind.of, item, where + "[" + i + "]", how, describe); });
    case "boolean":
      ok = typeof value === "boolean";
      break;
    case "number":
      ok = typeof value === "number" && isFinite(value) && (!kind.integer || Number.isInteger(value))
        && (kind.exclusiveMin ? value > kind.min : value >= kind.min) && value <= kind.max;
      break;
    case "oneOf":
      ok = kind.values.indexOf(value) >= 0;
      break;
    case "function":
      ok = typeof value === "function";
      break;
    case "string":
      if (typeof value !== "string" || !value) break;
      return kind.url ? checkUrl(kind, value, where, how, describe) : value;
    case "headers":
      return checkHeaders(kind, value, where, how, describe);
    case "origin":
      if (value instanceof RegExp && kind.regexp) return checkPattern(value, where, how);
      var parts = typeof value === "string" ? new RegExp(kind.pattern).exec(value) : null;
      ok = parts !== null || (kind.opaque && value === "null");
      if (parts) checkPort(value, parts, where, how);
      break;
    default:
      throw how.fail(where + ": unknown kind " + kind.kind + " (a bug in the build)");
  }
  if (!ok) throw refuse(where, describe, value, how);
  return value;
}

function refuse(where, describe, value, how) {
  return how.fail(where + " must be " + describe + "; got " + got(value));
}

// Request headers (optiontypes.RequestHeaders, whose docstring says which names are refused and
// why). The values are CSRF tokens and the like: no message says one, nor what it contains. What
// is used is a copy made now, so a page changing its object later changes nothing unchecked.
function checkHeaders(kind, value, where, how, describe) {
  if (!isPlainObject(value)) throw how.fail(where + " must be " + describe + "; got " + kindOf(value));
  var names = Object.keys(value);
  if (names.length > kind.maxItems) throw how.fail(where + " must be " + describe + "; got " + names.length + " headers");
  var nameRe = new RegExp(kind.name), valueRe = new RegExp(kind.value), seen = {}, out = {};
  names.forEach(function (name) {
    var quoted = name.length <= 40 ? JSON.stringify(name) : "a name", lower = name.toLowerCase();
    if (!nameRe.test(name)) {
      throw how.fail(where + ": " + quoted + " is not a header name (an HTTP token: letters, digits and !#$%&'*+-.^_`|~)");
    }
    if (kind.forbidden.indexOf(lower) >= 0 || kind.forbiddenPrefixes.some(function (p) { return lower.indexOf(p) === 0; })) {
      throw how.fail(where + ": " + quoted + " is not a header the page may set (the browser's or the bridge's own)");
    }
    if (Object.prototype.hasOwnProperty.call(seen, lower)) {
      throw how.fail(where + ": " + quoted + " is given twice (header names are case-insensitive)");
    }
    seen[lower] = true;
    var text = value[name], at = where + "[" + quoted + "]";
    if (typeof text !== "string") throw how.fail(at + " must be a string; got " + kindOf(text));
    if (text.length > kind.maxLength) {
      throw how.fail(at + " must be at most " + kind.maxLength.toLocaleString("en-US") + " characters; got "
        + text.length.toLocaleString("en-US"));
    }
    if (!valueRe.test(text)) {
      throw how.fail(at + " must be printable ASCII (no CR, LF, NUL or other control characters); got a string that is not");
    }
    out[name] = text;
  });
  return Object.freeze(out);
}

// What a value is, never what it says (for values that may be secrets).
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return { string: "a string", number: "a number", boolean: "a boolean", "function": "a function", undefined: "undefined" }[typeof value] || "an object";
}

// A relative URL is resolved against the page now, so what is used later is what was checked.
function checkUrl(kind, value, where, how, describe) {
  var url;
  try { url = new URL(value, how.base); } catch (e) { throw refuse(where, describe, value, how); }
  var own = how.base ? new URL(how.base).origin : null;
  if (kind.sameOrigin && own && url.origin !== own) {
    throw how.fail(where + " must be on this page's origin (" + own + "): the request carries the CRM's session cookie; got " + url.origin);
  }
  return url.href;
}

// event.origin never spells a scheme's default port, nor a port's leading zeros: a rule that
// does would never match. parts: the origin pattern's groups (1 scheme, 3 port).
function checkPort(origin, parts, where, how) {
  if (parts[3] === undefined) return;
  if (Number(parts[3]) > 65535) throw how.fail(where + " must be an origin: port " + parts[3] + " is above 65535");
  var port = String(Number(parts[3]));
  var written = origin.slice(0, origin.length - parts[3].length - 1)
    + (port === { https: "443", http: "80" }[parts[1]] ? "" : ":" + port);
  if (written !== origin) {
    throw how.fail(where + " can never match: browsers write " + JSON.stringify(origin) + " as "
      + JSON.stringify(written) + " (no default port, no leading zeros)");
  }
}

// A pattern must be anchored at both ends, so that it is read as matching the whole origin.
function checkPattern(pattern, where, how) {
  if (pattern.flags) throw how.fail(where + ": RegExp flags are not supported (got /" + pattern.flags + ")");
  var source = pattern.source;
  if (source.charAt(0) !== "^" || source.slice(-1) !== "$" || source.slice(-2) === "\\$") {
    throw how.fail(where + " must be anchored: a RegExp that starts with ^ and ends with $; got /" + source + "/");
  }
  return pattern;
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  var proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function got(value) {
  if (value === null) return "null";
  if (typeof value === "string") return value.length <= 40 ? JSON.stringify(value) : "a string";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "function") return "a function";
  if (value instanceof RegExp) return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

function copy(value) {
  return value === null || typeof value !== "object" ? value : JSON.parse(JSON.stringify(value));
}
