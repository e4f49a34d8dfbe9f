// What may cross to the runtime: arguments as they were given, component data made plain.

// Arguments must be plain JSON data: JSON.stringify would silently drop a function, turn a
// DOM node or a Map into {} and a Date into a string, and the component would get something
// other than what the caller passed.
function isPlainData(value, depth) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return isFinite(value);
  if (typeof value !== "object" || depth > 32) return false;
  if (Array.isArray(value)) return value.every(function (item) { return isPlainData(item, depth + 1); });
  var proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.keys(value).every(function (key) { return isPlainData(value[key], depth + 1); });
}

// Component data (callback arguments, state()) as plain data for the mirror: lossy where it
// must be (functions dropped, non-finite numbers and anything nested deeper than 32 levels
// become null), so no value from the component can exhaust the runtime's stack.
function toData(value, depth) {
  depth = depth || 0;
  if (value === null || value === undefined || depth > 32) return null;
  if (typeof value === "number") return isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value !== "object") return null;
  if (typeof value.toJSON === "function") { try { value = value.toJSON(); } catch (e) { return null; } if (typeof value !== "object") return toData(value, depth); }
  if (Array.isArray(value)) return value.map(function (item) { return toData(item, depth + 1); });
  var out = {};
  Object.keys(value).forEach(function (key) {
    if (typeof value[key] !== "function" && value[key] !== undefined) out[key] = toData(value[key], depth + 1);
  });
  return out;
}

export { isPlainData, toData };
