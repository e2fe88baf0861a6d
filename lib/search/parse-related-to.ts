import { isBlueprintId } from '@/lib/blueprints/schemas';
import { checkText, SEARCH_LIMITS, searchError } from './search-limits';
import type { RelatedToSpec } from './search-types';

// The relatedTo rule (API.md "Search body", the relations issue):
// {"operator": "relatedTo", "blueprint": "<blueprint of the given entities>", "value": "<identifier>" | [...],
//  "direction": "upstream" | "downstream", "max_hops": 1..15 (default 1)}.
// It has no `property`: it filters by links, not by a value.

export const MAX_HOPS = 15;
const KEYS = ['operator', 'blueprint', 'value', 'direction', 'max_hops'];

type Json = Record<string, unknown>;

export function parseRelatedTo(value: Json, path: string): RelatedToSpec {
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key))
      throw searchError(path, `unknown field "${key.slice(0, 50)}" of a relatedTo rule (allowed: ${KEYS.join(', ')})`);
  }
  if (typeof value.blueprint !== 'string' || !isBlueprintId(value.blueprint))
    throw searchError(`${path}.blueprint`, "must be the id of the given entities' blueprint");
  const raw = typeof value.value === 'string' ? [value.value] : value.value;
  if (!Array.isArray(raw) || raw.length === 0)
    throw searchError(`${path}.value`, 'must be an entity identifier or a non-empty array of them');
  if (raw.length > SEARCH_LIMITS.maxInValues) throw searchError(`${path}.value`, `holds at most ${SEARCH_LIMITS.maxInValues} identifiers`);
  const identifiers = raw.map((v, i) => {
    const at = Array.isArray(value.value) ? `${path}.value[${i}]` : `${path}.value`;
    if (typeof v !== 'string' || v === '') throw searchError(at, 'must be an entity identifier');
    return checkText(v, at, 255);
  });
  if (value.direction !== 'upstream' && value.direction !== 'downstream') {
    throw searchError(`${path}.direction`, 'must be "upstream" (what the given entities depend on) or "downstream" (what depends on them)');
  }
  const hops = value.max_hops ?? 1;
  if (typeof hops !== 'number' || !Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS)
    throw searchError(`${path}.max_hops`, `must be an integer from 1 to ${MAX_HOPS}`);
  return { blueprint: value.blueprint, identifiers: [...new Set(identifiers)], direction: value.direction, maxHops: hops };
}
