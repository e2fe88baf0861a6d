// JSON Merge Patch (RFC 7396), as the RFC's pseudo-code in section 2 defines it: an object patch
// merges key by key (null removes a key), anything else replaces the target whole. Pure: neither
// argument is changed.
//
// Every member name is an ordinary member, `__proto__` included (RFC 7396 knows no special
// names): JSON.parse gives a body's `__proto__` as an own property, so the merge must read and
// write it as one too. `result[key] = value` would instead set the result's prototype, hiding the
// member from the schema's validation (maxProperties, additionalProperties: false) while it is
// still carried along; a POST and a PATCH of the same data would then be judged differently.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key] = value` as an own data property, whatever the key (as JSON.parse does). */
function setMember(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = {};
  if (isObject(target)) for (const [key, value] of Object.entries(target)) setMember(result, key, value);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setMember(result, key, applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}
