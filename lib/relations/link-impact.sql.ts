import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';
import type { RelationType } from './relation-types';

// What changing a relation definition does to its existing links. Every statement is bounded to
// one team's links of one definition: the unique key (team_id, relation_id, source_entity_id,
// target_entity_id) leads with exactly those two columns.

/**
 * The links that would break a tighter cardinality: for a single-target type, every link of a
 * source but its earliest; for a single-source type, every link to a target but its earliest.
 * (The earliest is kept when the change is forced, so a tightened relation keeps one link each.)
 */
function violatingWhere(teamId: string, relationUuid: string, type: RelationType): Prisma.Sql {
  const earlier = (column: 'source_entity_id' | 'target_entity_id') => Prisma.sql`EXISTS (
    SELECT 1 FROM entity_relations o
     WHERE o.team_id = r.team_id AND o.relation_id = r.relation_id AND o.${Prisma.raw(column)} = r.${Prisma.raw(column)}
       AND (o.created_at, o.id) < (r.created_at, r.id))`;
  const parts: Prisma.Sql[] = [];
  if (type === 'one-to-one' || type === 'many-to-one') parts.push(earlier('source_entity_id'));
  if (type === 'one-to-one' || type === 'one-to-many') parts.push(earlier('target_entity_id'));
  const cond = parts.length ? Prisma.join(parts, ' OR ') : Prisma.sql`FALSE`;
  return Prisma.sql`r.team_id = ${teamId}::uuid AND r.relation_id = ${relationUuid}::uuid AND (${cond})`;
}

export function countLinksSql(teamId: string, relationUuid: string): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM entity_relations r WHERE r.team_id = ${teamId}::uuid AND r.relation_id = ${relationUuid}::uuid`;
}

export function countViolatingSql(teamId: string, relationUuid: string, type: RelationType): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM entity_relations r WHERE ${violatingWhere(teamId, relationUuid, type)}`;
}

export function deleteLinksSql(teamId: string, relationUuid: string): Prisma.Sql {
  return Prisma.sql`DELETE FROM entity_relations r WHERE r.team_id = ${teamId}::uuid AND r.relation_id = ${relationUuid}::uuid`;
}

export function deleteViolatingSql(teamId: string, relationUuid: string, type: RelationType): Prisma.Sql {
  return Prisma.sql`DELETE FROM entity_relations r WHERE ${violatingWhere(teamId, relationUuid, type)}`;
}

/** The row of every count statement here: `n`. */
export const countRow = rowDecoder({ n: 'int' });

/** Counting stops here: "10,000+" says enough about how many entities lack a link. */
export const UNLINKED_COUNT_CAP = 10_000;

/**
 * The blueprint's entities with no link of a relation (null: a relation not saved yet, which
 * none has), counted up to UNLINKED_COUNT_CAP + 1: what making the relation required leaves behind.
 */
export function countUnlinkedSql(teamId: string, blueprintId: string, relationUuid: string | null): Prisma.Sql {
  const linked = relationUuid
    ? Prisma.sql`EXISTS (SELECT 1 FROM entity_relations r WHERE r.team_id = e.team_id AND r.source_entity_id = e.id AND r.relation_id = ${relationUuid}::uuid)`
    : Prisma.sql`FALSE`;
  return Prisma.sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM entities e WHERE e.team_id = ${teamId}::uuid AND e.blueprint_id = ${blueprintId} AND NOT ${linked} LIMIT ${UNLINKED_COUNT_CAP + 1}
    ) unlinked`;
}
