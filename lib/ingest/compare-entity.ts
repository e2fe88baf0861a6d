import type { EntityChange, MappedEntity } from './mapped-entity';

// Whether a mapped record would change the stored entity, and how: the sync engine writes only
// the records that differ (an unchanged one writes nothing: no version, no audit row, no event),
// and a dry run lists each difference. JSONB keeps no key order, so values are compared in a
// (object keys in any order); relations as sets of target identifiers per relation.

export type StoredEntity = { title: string | null; data: unknown; owners?: string[]; relations?: Record<string, string | string[]> };

/**
 * Whether two JSON values are equal as JSONB compares them (object key order ignored), without
 * building strings: most values of an unchanged item are equal scalars, compared at once.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Relations as relation -> sorted targets; empty ones left out (null, [] and absent are alike). */
function relationSets(relations: Record<string, string | string[] | null> | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(relations ?? {})) {
    const targets = value === null ? [] : Array.isArray(value) ? [...new Set(value)].sort() : [value];
    if (targets.length) out.set(name, targets);
  }
  return out;
}

/** The fields of `stored` that `record` changes (title, each property, relations), or null when none. */
export function diffEntity(stored: StoredEntity, record: MappedEntity): EntityChange['diff'] | null {
  const diff = new Map<string, { from: unknown; to: unknown }>();
  const title = record.title ?? null;
  if (title !== stored.title) diff.set('title', { from: stored.title, to: title });
  const before = (stored.data ?? {}) as Record<string, unknown>;
  const after = record.properties;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = Object.hasOwn(before, key) ? before[key] : undefined;
    const to = Object.hasOwn(after, key) ? after[key] : undefined;
    if (!sameJson(from, to)) diff.set(`properties/${key}`, { from: from ?? null, to: to ?? null });
  }
  if (record.owners !== undefined && !sameJson(stored.owners ?? [], record.owners)) {
    diff.set('owners', { from: stored.owners ?? [], to: record.owners });
  }
  if (record.relations !== undefined) {
    const from = relationSets(stored.relations);
    const to = relationSets(record.relations);
    for (const name of new Set([...from.keys(), ...to.keys()])) {
      const a = from.get(name) ?? [];
      const b = to.get(name) ?? [];
      if (!sameJson(a, b)) diff.set(`relations/${name}`, { from: a, to: b });
    }
  }
  // A plain object whose keys are user-chosen names: built by defineProperty, so "__proto__" stays data.
  if (!diff.size) return null;
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of diff) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
