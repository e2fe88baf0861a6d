import { isQueryCanceled, queryRows, queryRowsWithin, type Db } from '@/lib/db/prisma';
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

/** One page: `limit + 1` rows in the sort's order after the cursor (the extra one says "more"). */
export function selectPage(db: Db, scope: Scope, where: Prisma.Sql, sort: TypedSortKey[], cursor: CursorValues | null, limit: number) {
  return queryRows<SearchRow>(db, pageStatement(scope, where, sort, cursor, limit));
}

/** The statement of selectPage (EXPLAIN tests read its plan). */
export function pageStatement(scope: Scope, where: Prisma.Sql, sort: TypedSortKey[], cursor: CursorValues | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id, e.identifier, e.title, e.data, e.created_at AS "createdAt", e.updated_at AS "updatedAt",
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
  try {
    const [{ n }] = await queryRowsWithin<{ n: number }>(db, countStatement(scope, where, cap), timeoutMs);
    return n > cap ? { total: cap, relation: 'gte' } : { total: n, relation: 'eq' };
  } catch (error) {
    if (!isQueryCanceled(error)) throw error;
  }
  const [plan] = await db.$queryRaw<Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM entities e
     WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}`;
  return { total: Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']), relation: 'estimate' };
}

export function countStatement(scope: Scope, where: Prisma.Sql, cap: number): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM entities e
       WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where}
       LIMIT ${cap + 1}) AS matched`;
}
