// Names chosen by users (properties, relations, blueprint ids) are never looked up on a plain
// object with `obj[name]`: `constructor`, `toString` or `__proto__` would answer from
// Object.prototype (a function where a value was expected: a 500, or a value silently taken from
// the prototype). Read them with ownValue, collect them in a Map, and turn the Map into a plain
// object with recordOf only at the edge (JSON, React props: React refuses null-prototype objects
// between server and client components, and Object.fromEntries defines even `__proto__` as an own key).

/** The value of an own property of `record`, never one inherited from its prototype. */
export function ownValue<T = unknown>(record: unknown, key: string): T | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  return Object.hasOwn(record, key) ? ((record as Record<string, unknown>)[key] as T) : undefined;
}

/** Whether `record` is an object with its own property `key`. */
export function hasOwnKey(record: unknown, key: string): boolean {
  return typeof record === 'object' && record !== null && Object.hasOwn(record, key);
}

/** A plain object with the map's entries as own properties, in the map's order (`__proto__` included). */
export function recordOf<T>(map: Map<string, T> | Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(map) as Record<string, T>;
}

/** The own entries of a plain object as a Map (user-chosen keys, then read with get/has). */
export function mapOf<T>(record: Record<string, T> | null | undefined): Map<string, T> {
  return new Map(record ? Object.entries(record) : []);
}
