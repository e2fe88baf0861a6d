import { rowDecoder, rowDecoderFor, type RowDecoder, type RowShape } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql, runSqlWithinOrNull } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';
import type { EntityRow } from '@/lib/entities/entity-row';
import { afterCursor, cursorColumns, orderBy } from './compile-sort.sql';
import type { CursorValues } from './search-cursor';
import type { TypedSortKey } from './search-types';

// The statements of a search, over one team's blueprint (team_id and blueprint_id lead every
// WHERE: the keyset B-tree idx_entities_list and the tenant boundary). `where` is the compiled
// query and `q` (compile-where.sql.ts, compile-q.sql.ts); the indexes serving them are named there.

export type Scope = { teamId: string; blueprintId: string };
export type SearchRow = EntityRow & Record<`k${number}`, string | null>;

const entityRow = rowDecoderFor<EntityRow>()({
  id: 'text',
  identifier: 'text',
  title: 'text?',
  data: 'json',
  owners: 'text[]',
  createdAt: 'date',
  updatedAt: 'date',
  createdBy: 'text?',
  updatedBy: 'text?',
});
/** The page's rows: the entity, then one text column per sort key (k0, k1...: the cursor's values). */
function searchRow(sortKeys: number): RowDecoder<SearchRow> {
  const cursor: RowShape = {};
  for (let i = 0; i < sortKeys; i++) cursor[`k${i}`] = 'text?';
  const keys = rowDecoder(cursor);
  return (row) => {
    keys(row);
    return entityRow(row) as SearchRow; // both decode the same row in place
  };
}
const countRow = rowDecoder({ n: 'int' });
const planRow = rowDecoder({ 'QUERY PLAN': 'json' });

/** One page: `limit + 1` rows in the sort's order after the cursor (the extra one says "more"). */
export function selectPage(db: Db, scope: Scope, where: Prisma.Sql, sort: TypedSortKey[], cursor: CursorValues | null, limit: number) {
  return runSql(db, pageStatement(scope, where, sort, cursor, limit), searchRow(sort.length));
}

/** The statement of selectPage (EXPLAIN tests read its plan). */
export function pageStatement(
  scope: Scope,
  where: Prisma.Sql,
  sort: TypedSortKey[],
  cursor: CursorValues | null,
  limit: number,
): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id, e.identifier, e.title, e.data, e.owners, e.created_at AS "createdAt", e.updated_at AS "updatedAt",
           e.created_by::text AS "createdBy", e.updated_by::text AS "updatedBy"${cursorColumns(sort)}
      FROM entities e
     WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId}
       AND ${where} AND ${afterCursor(sort, cursor)}
     ORDER BY ${orderBy(sort)}
     LIMIT ${limit + 1}`;
}

export type Total = { total: number; relation: 'eq' | 'gte' | 'estimate' };

/**
 * How many entities match: counted up to `cap + 1` (a huge match costs at most that many rows),
 * within `timeoutMs`. A filter no index serves that matches few rows of a huge blueprint would
 * have the count read the whole blueprint: past the time limit the count is cancelled and the
 * planner's estimate answers instead (`estimate`), so the total never makes a search slow.
 */
export async function countUpTo(db: Db, scope: Scope, where: Prisma.Sql, cap: number, timeoutMs: number): Promise<Total> {
  const counted = await runSqlWithinOrNull(db, countStatement(scope, where, cap), countRow, timeoutMs);
  if (counted) {
    const [{ n }] = counted;
    return n > cap ? { total: cap, relation: 'gte' } : { total: n, relation: 'eq' };
  }
  const [plan] = await runSql(db, estimateStatement(scope, where), planRow);
  const [{ Plan }] = plan['QUERY PLAN'] as Array<{ Plan: { 'Plan Rows': number } }>;
  return { total: Math.round(Plan['Plan Rows']), relation: 'estimate' };
}

/** The planner's estimate of the matches (EXPLAIN plans and runs nothing). */
export function estimateStatement(scope: Scope, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM entities e
     WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}`;
}

export function countStatement(scope: Scope, where: Prisma.Sql, cap: number): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM entities e
       WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}
       LIMIT ${cap + 1}) AS matched`;
}
