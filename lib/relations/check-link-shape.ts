import { isIdentifier } from '@/lib/entities/schemas';
import type { RelationDef } from './relation-types';
import { singleTarget } from './relation-types';

// An entity's `relations` body ({"<relation id>": "<identifier>" | ["<identifier>", ...]}) checked
// against its blueprint's definitions, without the database: unknown relations, a list where the
// type allows one target, identifiers that cannot exist, and (`requireAll`: create, PUT, PATCH's
// result) required relations left empty. What comes out names each relation's wanted targets.

export type Fault = { path: string; message: string };
export const MAX_TARGETS_PER_RELATION = 1000;

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
export const relationPath = (id: string, index?: number) => `/relations/${escapeToken(id)}${index === undefined ? '' : `/${index}`}`;

/** Wanted targets per relation (deduplicated, in the order given); a relation absent has none. */
export type WantedLinks = Map<RelationDef, string[]>;

export function checkLinkShape(
  defs: RelationDef[],
  relations: Record<string, unknown>,
  requireAll: boolean,
): { faults: Fault[]; wanted: WantedLinks } {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const faults: Fault[] = [];
  const wanted: WantedLinks = new Map();
  for (const [key, value] of Object.entries(relations)) {
    const def = byId.get(key);
    if (!def) {
      const known = defs.map((d) => d.id).join(', ') || 'none';
      faults.push({ path: relationPath(key), message: `unknown relation "${key.slice(0, 100)}" (relations of this blueprint: ${known})` });
      continue;
    }
    if (value === null) continue;
    if (Array.isArray(value)) {
      if (singleTarget(def.type)) {
        faults.push({ path: relationPath(key), message: `a ${def.type} relation takes one target: an identifier string, not an array` });
        continue;
      }
      if (value.length > MAX_TARGETS_PER_RELATION) {
        faults.push({ path: relationPath(key), message: `at most ${MAX_TARGETS_PER_RELATION} targets` });
        continue;
      }
      const bad = value.findIndex((v) => typeof v !== 'string' || !isIdentifier(v));
      if (bad >= 0) {
        faults.push({ path: relationPath(key, bad), message: 'must be an entity identifier' });
        continue;
      }
      wanted.set(def, [...new Set(value as string[])]);
      continue;
    }
    if (typeof value !== 'string' || !isIdentifier(value)) {
      faults.push({
        path: relationPath(key),
        message: `must be an entity identifier${singleTarget(def.type) ? '' : ' or an array of them'}`,
      });
      continue;
    }
    wanted.set(def, [value]);
  }
  if (requireAll) {
    for (const def of defs) {
      if (def.required && !wanted.get(def)?.length && !faults.some((f) => f.path === relationPath(def.id))) {
        faults.push({ path: relationPath(def.id), message: `the relation "${def.id}" is required (a "${def.target}" entity)` });
      }
    }
  }
  return { faults, wanted };
}
