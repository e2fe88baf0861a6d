import { resolveProperty } from './resolve-property';
import { searchError } from './search-limits';
import type { RawSortKey, TypedSortKey } from './search-types';

// Sort keys typed by the schema: scalars only (numbers numerically, versions by precedence,
// date-times as instants, strings in "C" order); an array or object property is a 400.
// No sort means newest first ($created_at desc), the list's order and idx_entities_list's.

export function typeSort(sort: RawSortKey[], schema: unknown): TypedSortKey[] {
  if (sort.length === 0) {
    return [{ prop: resolveProperty(schema, '$created_at', 'sort'), scalar: 'datetime', order: 'desc' }];
  }
  const seen = new Set<string>();
  return sort.map((key) => {
    const prop = resolveProperty(schema, key.property, `${key.path}.property`);
    if (prop.type.kind !== 'scalar')
      throw searchError(
        `${key.path}.property`,
        `cannot sort by ${key.property.slice(0, 80)}: only numbers, strings, booleans, dates and versions sort`,
      );
    if (seen.has(key.property)) throw searchError(`${key.path}.property`, `sorts by ${key.property.slice(0, 80)} twice`);
    seen.add(key.property);
    return { prop, scalar: prop.type.scalar, order: key.order };
  });
}
