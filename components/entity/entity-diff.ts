// What changed between two versions of an entity, field by field, as a person reads it: one line
// per leaf that was added, removed or changed, named by its path ("owner.email", "endpoints[1].url").
// Nested objects and arrays of objects are walked; a list of plain values is one line that says
// which values came and went.

import { ownValue } from '@/lib/domain/own-keys';

/** `scope`: the entity's title, or one of its relations (`path` is then the relation's id); absent for data. */
export type DiffLine = { scope?: 'title' | 'relation' } & (
  | { path: string; kind: 'added'; after: unknown }
  | { path: string; kind: 'removed'; before: unknown }
  | { path: string; kind: 'changed'; before: unknown; after: unknown }
  | { path: string; kind: 'list'; added: unknown[]; removed: unknown[]; before: unknown[]; after: unknown[] }
);

/** `relations`: the links by relation id, where the record holds them (null or absent: not compared). */
export type VersionSnapshot = { title: string | null; data: unknown; relations?: Record<string, unknown> | null };

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

const asList = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]);

/** The lines that turn `older` into `newer` (the title first, then data in key order, then relations). */
export function diffVersions(older: VersionSnapshot, newer: VersionSnapshot): DiffLine[] {
  const out: DiffLine[] = [];
  const title: DiffLine[] = [];
  walk('title', older.title ?? undefined, newer.title ?? undefined, title);
  out.push(...title.map((l) => ({ ...l, scope: 'title' as const })));
  walk('', isObject(older.data) ? older.data : {}, isObject(newer.data) ? newer.data : {}, out);
  // Links only where both records hold them: an absent record says nothing about a change.
  if (isObject(older.relations) && isObject(newer.relations)) {
    const links: DiffLine[] = [];
    for (const id of new Set([...Object.keys(older.relations), ...Object.keys(newer.relations)])) {
      const before = asList(ownValue(older.relations, id));
      const after = asList(ownValue(newer.relations, id));
      walk(id, before?.length ? before : undefined, after?.length ? after : undefined, links);
    }
    out.push(...links.map((l) => ({ ...l, scope: 'relation' as const })));
  }
  return out;
}

type SchemaNode = { title?: unknown; properties?: unknown; items?: unknown };
const nodeAt = (parent: unknown, key: string): SchemaNode | undefined => {
  const properties = isObject(parent) ? (parent as SchemaNode).properties : undefined;
  const node = isObject(properties) ? ownValue(properties, key) : undefined;
  return isObject(node) ? node : undefined;
};

/**
 * A line's name as the person knows it: the schema's titles along its path ("Owner › Email",
 * "Endpoints › 2 › URL"), a relation's title, or "Title"; an id where no title is given.
 */
export function diffLabel(line: DiffLine, schema: unknown, relationTitles: ReadonlyMap<string, string> = new Map()): string {
  if (line.scope === 'title') return 'Title';
  if (line.scope === 'relation') return relationTitles.get(line.path) || line.path;
  const parts: string[] = [];
  let node: unknown = schema;
  for (const m of line.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) {
      parts.push(String(Number(m[2]) + 1));
      const items = isObject(node) ? (node as SchemaNode).items : undefined;
      node = isObject(items) ? items : undefined;
      continue;
    }
    const next = nodeAt(node, m[1]);
    parts.push(typeof next?.title === 'string' && next.title ? next.title : m[1]);
    node = next;
  }
  return parts.join(' › ');
}
