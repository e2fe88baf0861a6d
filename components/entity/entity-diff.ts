// What changed between two versions of an entity, field by field, as a person reads it: one line
// per leaf that was added, removed or changed, named by its path ("owner.email", "endpoints[1].url").
// Nested objects and arrays of objects are walked; a list of plain values is one line that says
// which values came and went.

import { ownValue } from '@/lib/domain/own-keys';

export type DiffLine =
  | { path: string; kind: 'added'; after: unknown }
  | { path: string; kind: 'removed'; before: unknown }
  | { path: string; kind: 'changed'; before: unknown; after: unknown }
  | { path: string; kind: 'list'; added: unknown[]; removed: unknown[]; before: unknown[]; after: unknown[] };

export type VersionSnapshot = { title: string | null; data: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

function walk(path: string, before: unknown, after: unknown, out: DiffLine[]): void {
  if (same(before, after)) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      walk(join(path, key), ownValue(before, key), ownValue(after, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.every(isScalar) && after.every(isScalar)) {
      const has = (list: unknown[], v: unknown) => list.some((x) => same(x, v));
      out.push({
        path,
        kind: 'list',
        added: after.filter((v) => !has(before, v)),
        removed: before.filter((v) => !has(after, v)),
        before,
        after,
      });
      return;
    }
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(join(path, i), before[i], after[i], out);
    return;
  }
  out.push({ path, kind: 'changed', before, after });
}

/** The lines that turn `older` into `newer` (the title first, then data in key order). */
export function diffVersions(older: VersionSnapshot, newer: VersionSnapshot): DiffLine[] {
  const out: DiffLine[] = [];
  walk('title', older.title ?? undefined, newer.title ?? undefined, out);
  walk('', isObject(older.data) ? older.data : {}, isObject(newer.data) ? newer.data : {}, out);
  return out;
}
