import type { Db } from '@/lib/db/prisma';
import { Prisma } from '@/lib/generated/prisma/client';
import { jsonAt } from './typed-expression.sql';
import type { Scope } from './search-entities.sql';

// Facet counts under a filter: how many matching entities hold each value of one property,
// most frequent first (ties by value), top `limit`. The blueprint's rows come from
// idx_entities_list (team_id, blueprint_id leading) or from the filter's own index; the grouping
// reads each matching row once.

export type FacetValue = { value: string | number | boolean; count: number };

/** A scalar property: one count per distinct JSON value (strings, numbers, booleans; not null). */
export function scalarFacets(db: Db, scope: Scope, where: Prisma.Sql, path: string[], limit: number) {
  const value = jsonAt(path);
  return db.$queryRaw<FacetValue[]>`
    SELECT ${value} AS value, count(*)::int AS count
      FROM entities e
     WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}
       AND jsonb_typeof(${value}) IN ('string', 'number', 'boolean')
     GROUP BY 1
     ORDER BY 2 DESC, 1
     LIMIT ${limit}`;
}

/** An array property: per element, how many matching entities hold it (an entity counts once: DISTINCT within its own array, so the outer count needs no sort). */
export function arrayFacets(db: Db, scope: Scope, where: Prisma.Sql, path: string[], limit: number) {
  const array = jsonAt(path);
  return db.$queryRaw<FacetValue[]>`
    SELECT el AS value, count(*)::int AS count
      FROM entities e
     CROSS JOIN LATERAL (SELECT DISTINCT x FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) AS x) AS elements(el)
     WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}
       AND jsonb_typeof(el) IN ('string', 'number', 'boolean')
     GROUP BY el
     ORDER BY 2 DESC, 1
     LIMIT ${limit}`;
}
