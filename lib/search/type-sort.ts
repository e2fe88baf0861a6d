import { resolveProperty } from './resolve-property';
import { searchError } from './search-limits';
import { SCORECARD_SORT_PREFIX, type SearchScorecards } from './search-scorecards';
import type { RawSortKey, ResolvedProperty, TypedSortKey } from './search-types';

// Sort keys typed by the schema: scalars only (numbers numerically, versions by precedence,
// date-times as instants, strings in "C" order); an array or object property is a 400.
// No sort means newest first ($created_at desc), the list's order and idx_entities_list's.
// `$scorecard.<sc>` sorts by the entity's level rank in the scorecard's live results (a number;
// entities without a level last, as missing values), with a scorecards context only.

/** The level of `$scorecard.<sc>` as a sort key's property. */
function scorecardLevel(key: RawSortKey, scorecards: SearchScorecards | undefined): ResolvedProperty {
  const at = `${key.path}.property`;
  const name = key.property.slice(SCORECARD_SORT_PREFIX.length);
  if (!scorecards) throw searchError(at, 'cannot sort by a scorecard here');
  const sc = scorecards.byIdentifier.get(name);
  if (!sc) throw searchError(at, `the blueprint has no scorecard "${name.slice(0, 100)}"`);
  return { name: key.property, target: { source: 'scorecard', results: sc.results }, type: { kind: 'scalar', scalar: 'number' } };
}

export function typeSort(sort: RawSortKey[], schema: unknown, scorecards?: SearchScorecards): TypedSortKey[] {
  if (sort.length === 0) {
    return [{ prop: resolveProperty(schema, '$created_at', 'sort'), scalar: 'datetime', order: 'desc' }];
  }
  const seen = new Set<string>();
  return sort.map((key) => {
    const prop = key.property.startsWith(SCORECARD_SORT_PREFIX)
      ? scorecardLevel(key, scorecards)
      : resolveProperty(schema, key.property, `${key.path}.property`);
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
