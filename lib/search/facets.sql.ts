import { rowDecoderFor } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';
import { jsonAt } from './typed-expression.sql';
import type { Scope } from './search-entities.sql';

// Facet counts under a filter (plain SQL over the pool: a catalog page asks for several at once): how many matching entities hold each value of one property,
// most frequent first (ties by value), top `limit`. The blueprint's rows come from
// idx_entities_list (team_id, blueprint_id leading) or from the filter's own index; the grouping
// reads each matching row once and hashes the values.
// Only strings, numbers and booleans are counted (not null, objects or missing keys): that type
// test runs on the groups, after grouping, behind an OFFSET 0 fence. Inside the WHERE it made the
// planner expect a handful of rows (it cannot estimate jsonb_typeof) and sort 30,000 rows to group
// them, at twice the time of hashing.

export type FacetValue = { value: string | number | boolean; count: number };
/** `value` is a jsonb scalar (the statements keep strings, numbers and booleans only). */
const facetRow = rowDecoderFor<FacetValue>()({ value: 'json', count: 'int' });

const COUNTABLE = Prisma.sql`('string', 'number', 'boolean')`;

/** A scalar property: one count per distinct JSON value. */
export function scalarFacets(db: Db, scope: Scope, where: Prisma.Sql, path: string[], limit: number) {
  return runSql(
    db,
    Prisma.sql`
    SELECT value, count FROM (
      SELECT ${jsonAt(path)} AS value, count(*)::int AS count
        FROM entities e
       WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}
       GROUP BY 1
      OFFSET 0) AS groups
     WHERE jsonb_typeof(value) IN ${COUNTABLE}
     ORDER BY count DESC, value
     LIMIT ${limit}`,
    facetRow,
  );
}

/** An array property: per element, how many matching entities hold it (an entity counts once: distinct (entity, element) pairs, hashed, then counted). */
export function arrayFacets(db: Db, scope: Scope, where: Prisma.Sql, path: string[], limit: number) {
  const array = jsonAt(path);
  return runSql(
    db,
    Prisma.sql`
    SELECT value, count FROM (
      SELECT value, count(*)::int AS count FROM (
        SELECT DISTINCT e.id, el AS value
          FROM entities e
         CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) AS el
         WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}) AS pairs
       GROUP BY value
      OFFSET 0) AS groups
     WHERE jsonb_typeof(value) IN ${COUNTABLE}
     ORDER BY count DESC, value
     LIMIT ${limit}`,
    facetRow,
  );
}
