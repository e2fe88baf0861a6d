import { AppError } from '@/lib/errors';
import type { LinksView } from '@/lib/relations/entity-links';
import { singleTarget, type RelationDef } from '@/lib/relations/relation-types';
import type { BulkPatch } from './bulk-edit-schemas';
import { applyMergePatch, type Json } from './merge-patch';

// The links a bulk patch asks of one entity: `relations` merged over its current links (as PATCH
// does), then `relations_add` and `relations_remove`. Relation ids are user-chosen names, so the
// objects are built with Object.fromEntries / applyMergePatch (own data members, `__proto__` too).

/** 422 when relations_add / relations_remove name a relation the blueprint lacks, or add to one that holds one target. */
export function checkTargetLists(patch: BulkPatch, defs: RelationDef[]): void {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const faults: Array<{ path: string; message: string }> = [];
  for (const key of ['relations_add', 'relations_remove'] as const) {
    for (const name of Object.keys(patch[key] ?? {})) {
      const def = byId.get(name);
      if (!def) faults.push({ path: `/patch/${key}/${name}`, message: `the blueprint has no relation "${name}"` });
      else if (key === 'relations_add' && singleTarget(def.type))
        faults.push({ path: `/patch/${key}/${name}`, message: `"${name}" holds one target: set it with relations instead` });
    }
  }
  if (faults.length) throw new AppError('validation_failed', 'the patch is not valid', faults);
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);

/** The links `patch` leaves on an entity that has `current`, or null when the patch does not touch links. */
export function wantedRelations(current: LinksView, patch: BulkPatch, defs: RelationDef[]): Record<string, unknown> | null {
  const { relations, relations_add: add, relations_remove: remove } = patch;
  if (relations === undefined && add === undefined && remove === undefined) return null;
  let wanted = applyMergePatch(current as Json, (relations ?? {}) as Json) as Record<string, Json>;
  const single = new Set(defs.filter((d) => singleTarget(d.type)).map((d) => d.id));
  const changes: Array<[string, Json]> = [];
  for (const name of new Set([...Object.keys(add ?? {}), ...Object.keys(remove ?? {})])) {
    const now = Object.hasOwn(wanted, name) ? wanted[name] : null;
    const adding = add && Object.hasOwn(add, name) ? add[name] : [];
    const removing = new Set(remove && Object.hasOwn(remove, name) ? remove[name] : []);
    const next = [...new Set([...asList(now), ...adding])].filter((t) => !removing.has(t));
    if (single.has(name)) changes.push([name, next.length ? next[0] : null]);
    else changes.push([name, next.length ? next : null]);
  }
  if (changes.length) wanted = applyMergePatch(wanted, Object.fromEntries(changes)) as Record<string, Json>;
  return wanted;
}
