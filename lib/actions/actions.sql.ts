import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';
import type { TypedNode } from '@/lib/search/search-types';
import { compileWhere } from '@/lib/search/compile-where.sql';

// Raw SQL of the actions: the row lock an If-Match is checked under, and the offered-actions
// check. Values are parameters, always; every statement leads with team_id.

/**
 * Locks one action until the transaction ends (unique key (team_id, identifier)): concurrent
 * writes of it queue, so the version checked is the version replaced.
 */
export function lockActionSql(teamId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, version FROM actions
    WHERE team_id = ${teamId}::uuid AND identifier = ${identifier} FOR UPDATE`;
}
export const lockedActionRow = rowDecoder({ id: 'text', version: 'int' });

/**
 * Which of the given conditions the entity matches, in one statement: one boolean column per
 * action over the one entity row, found by the unique key (team_id, blueprint_id, identifier) of
 * `entities` (entities_team_id_blueprint_id_identifier_key); the conditions are the search compiler's
 * (lib/search/compile-where.sql.ts), so an action is offered exactly where the same query finds
 * the entity in the catalog. At most ACTION_LIMITS.maxPerBlueprint columns. No row: no such entity.
 */
export function matchConditionsSql(
  teamId: string,
  blueprintId: string,
  identifier: string,
  conditions: Array<TypedNode | null>,
): Prisma.Sql {
  // NULL (a comparison with a missing value) is no match.
  const columns = conditions.map((c, i) => Prisma.sql`COALESCE((${compileWhere(c)}), false) AS ${Prisma.raw(`m${i}`)}`);
  return Prisma.sql`SELECT TRUE AS found${columns.length ? Prisma.sql`, ${Prisma.join(columns)}` : Prisma.empty}
    FROM entities e
    WHERE e.team_id = ${teamId}::uuid AND e.blueprint_id = ${blueprintId} AND e.identifier = ${identifier}`;
}

/** The row of matchConditionsSql for `count` conditions: `found`, then m0, m1... */
export function matchedRow(count: number) {
  const shape: Record<string, 'bool'> = { found: 'bool' };
  for (let i = 0; i < count; i++) shape[`m${i}`] = 'bool';
  return rowDecoder(shape);
}
