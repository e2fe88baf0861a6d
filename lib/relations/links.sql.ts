import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL over entity_relations. Values are parameters, always; arrays go in as one parameter each
// and are unnested. Every statement carries the team.

/**
 * Target identifiers -> entity ids, in the team, each in its relation's target blueprint, read
 * FOR KEY SHARE (a concurrent delete of a target waits for this transaction). The unique key
 * (team_id, blueprint_id, identifier) serves each probe.
 */
export function resolveTargetsSql(teamId: string, pairs: Array<{ blueprint: string; identifier: string }>): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id::text AS id, e.blueprint_id, e.identifier
      FROM entities e
      JOIN unnest(${pairs.map((p) => p.blueprint)}::text[], ${pairs.map((p) => p.identifier)}::text[]) AS w(blueprint_id, identifier)
        ON e.blueprint_id = w.blueprint_id AND e.identifier = w.identifier
     WHERE e.team_id = ${teamId}::uuid
       FOR KEY SHARE OF e`;
}
export const resolvedTargetRow = rowDecoder({ id: 'text', blueprint_id: 'text', identifier: 'text' });
export const lockedRow = rowDecoder({ locked: 'int' });

/** One transaction-scoped advisory lock per (team, relation, target), taken in key order. */
export function lockTargetsSql(teamId: string, links: Array<{ relationUuid: string; targetId: string }>): Prisma.Sql {
  const keys = links.map((l) => `relation-target:${teamId}:${l.relationUuid}:${l.targetId}`);
  return Prisma.sql`
    SELECT count(pg_advisory_xact_lock(k))::int AS locked
      FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(${keys}::text[]) AS key ORDER BY 1) AS ordered`;
}

/** The links that already point at these (relation, target) pairs, with their sources' identifiers (idx_entity_relations_target). */
export function existingTargetLinksSql(teamId: string, links: Array<{ relationUuid: string; targetId: string }>): Prisma.Sql {
  return Prisma.sql`
    SELECT r.relation_id::text AS relation_id, r.target_entity_id::text AS target_entity_id,
           r.source_entity_id::text AS source_entity_id, s.identifier AS source_identifier
      FROM entity_relations r
      JOIN unnest(${links.map((l) => l.relationUuid)}::uuid[], ${links.map((l) => l.targetId)}::uuid[]) AS w(relation_id, target_entity_id)
        ON r.relation_id = w.relation_id AND r.target_entity_id = w.target_entity_id
      JOIN entities s ON s.team_id = r.team_id AND s.id = r.source_entity_id
     WHERE r.team_id = ${teamId}::uuid`;
}
export const targetLinkRow = rowDecoder({
  relation_id: 'text',
  target_entity_id: 'text',
  source_entity_id: 'text',
  source_identifier: 'text',
});

/**
 * Sets the links of `sources` to exactly `links`: links not wanted any more are deleted, new ones
 * inserted, the ones kept stay as they are (their created_at too). One statement.
 */
export function replaceLinksSql(
  teamId: string,
  sources: string[],
  links: Array<{ relationUuid: string; sourceId: string; targetId: string }>,
): Prisma.Sql {
  return Prisma.sql`
    WITH wanted AS (
      SELECT * FROM unnest(${links.map((l) => l.relationUuid)}::uuid[], ${links.map((l) => l.sourceId)}::uuid[], ${links.map((l) => l.targetId)}::uuid[])
        AS w(relation_id, source_entity_id, target_entity_id)
    ), removed AS (
      DELETE FROM entity_relations r
       WHERE r.team_id = ${teamId}::uuid AND r.source_entity_id = ANY(${sources}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.relation_id = r.relation_id AND w.source_entity_id = r.source_entity_id AND w.target_entity_id = r.target_entity_id)
      RETURNING 1
    )
    INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
    SELECT ${teamId}::uuid, relation_id, source_entity_id, target_entity_id FROM wanted
    ON CONFLICT (team_id, relation_id, source_entity_id, target_entity_id) DO NOTHING`;
}

/**
 * The outgoing links of a page of entities in ONE query (idx_entity_relations_source), with each
 * relation's id and type and each target's identifier and title.
 */
export function outgoingLinksSql(teamId: string, sourceIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.source_entity_id::text AS source_id, d.identifier AS relation, d.relation_type AS type,
           t.identifier AS target, t.title AS target_title, t.blueprint_id AS target_blueprint
      FROM entity_relations r
      JOIN blueprint_relations d ON d.team_id = r.team_id AND d.id = r.relation_id
      JOIN entities t ON t.team_id = r.team_id AND t.id = r.target_entity_id
     WHERE r.team_id = ${teamId}::uuid AND r.source_entity_id = ANY(${sourceIds}::uuid[])
     ORDER BY r.source_entity_id, d.identifier, t.identifier COLLATE "C"`;
}
export const outgoingLinkRow = rowDecoder({
  source_id: 'text',
  relation: 'text',
  type: 'text',
  target: 'text',
  target_title: 'text?',
  target_blueprint: 'text',
});

/** The links pointing at one entity (idx_entity_relations_target), at most `limit`, and their number. */
export function incomingLinksSql(teamId: string, targetId: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT s.blueprint_id AS blueprint, s.identifier, s.title, d.identifier AS relation, count(*) OVER ()::int AS total
      FROM entity_relations r
      JOIN blueprint_relations d ON d.team_id = r.team_id AND d.id = r.relation_id
      JOIN entities s ON s.team_id = r.team_id AND s.id = r.source_entity_id
     WHERE r.team_id = ${teamId}::uuid AND r.target_entity_id = ${targetId}::uuid
     ORDER BY s.blueprint_id, s.identifier COLLATE "C", d.identifier
     LIMIT ${limit}`;
}
export const incomingLinkRow = rowDecoder({ blueprint: 'text', identifier: 'text', title: 'text?', relation: 'text', total: 'int' });
