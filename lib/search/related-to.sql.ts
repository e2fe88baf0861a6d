import { Prisma } from '@/lib/generated/prisma/client';
import type { RelationHop, TypedRule } from './search-types';

// Relations in a search, as SQL over `entities e`.
//
// relatedTo: a recursive walk over entity_relations from the given entities (the seeds, looked up
// on the unique key (team_id, blueprint_id, identifier)), one hop per step, every step bounded
// to the team (team_id = $team in the join, so the walk can never leave it) and served by
// idx_entity_relations_target (downstream: who links TO the walked entity) or
// idx_entity_relations_source (upstream: what the walked entity links to). Safe on cycles: UNION
// (not UNION ALL) drops repeated (entity, depth) rows and the depth stops at max_hops, so a cycle
// adds at most max_hops rows per entity on it. An entity matches when it is reached in 1..max_hops
// hops (a seed matches itself only through a cycle). The walk is uncorrelated: PostgreSQL runs it
// once per statement, then probes e.id against its result.

type RelatedTo = Extract<TypedRule, { op: 'relatedTo' }>;

export function relatedToSql(rule: RelatedTo): Prisma.Sql {
  const team = Prisma.sql`${rule.teamId}::uuid`;
  const step =
    rule.direction === 'downstream'
      ? Prisma.sql`SELECT r.source_entity_id, w.depth + 1 FROM walk w JOIN entity_relations r ON r.team_id = ${team} AND r.target_entity_id = w.id`
      : Prisma.sql`SELECT r.target_entity_id, w.depth + 1 FROM walk w JOIN entity_relations r ON r.team_id = ${team} AND r.source_entity_id = w.id`;
  return Prisma.sql`e.id IN (
    WITH RECURSIVE walk(id, depth) AS (
      SELECT s.id, 0 FROM entities s
       WHERE s.team_id = ${team} AND s.blueprint_id = ${rule.blueprint} AND s.identifier = ANY(${rule.identifiers}::text[])
      UNION
      ${step} WHERE w.depth < ${rule.maxHops}
    )
    SELECT id FROM walk WHERE depth >= 1)`;
}

/**
 * A rule on a related entity's property: `inner` is compiled over `e` as usual, and here `e`
 * becomes the TARGET of the relation (the inner subquery's own alias shadows the outer one), so
 * the rule's SQL is reused unchanged. True when at least one target of the relation satisfies it.
 * Correlated on the outer entity through r (the outer EXISTS has only `r` in scope, so its `e.id`
 * is the searched entity): idx_entity_relations_source per row, then the target by primary key.
 */
export function viaRelationSql(hop: RelationHop, inner: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM entity_relations r
     WHERE r.team_id = ${hop.teamId}::uuid AND r.source_entity_id = e.id AND r.relation_id = ${hop.relationUuid}::uuid
       AND EXISTS (SELECT 1 FROM entities e WHERE e.team_id = r.team_id AND e.id = r.target_entity_id AND ${inner}))`;
}
