import { Prisma } from '@/lib/generated/prisma/client';

// The graph around one entity in ONE statement: a recursive walk from the root over
// entity_relations (upstream: the links it holds, source -> target, on idx_entity_relations_source;
// downstream: the links to it, on idx_entity_relations_target; both: both), every step bounded to
// the team and by max_hops (UNION drops repeated (entity, depth) rows, so cycles end at the
// depth bound). The nearest `limit` entities are kept (by hops, then id), with the links among
// them, at most EDGE_CAP of those. Node and edge lists come back as JSON arrays.

export const EDGE_CAP = 5000;

export type GraphDirection = 'upstream' | 'downstream' | 'both';
export type GraphRow = {
  reached: number;
  nodes: Array<{ id: string; blueprint: string; identifier: string; title: string | null; depth: number }>;
  edges: Array<{ source: string; target: string; relation: string }>;
};

export function entityGraphSql(teamId: string, rootId: string, direction: GraphDirection, maxHops: number, limit: number): Prisma.Sql {
  const team = Prisma.sql`${teamId}::uuid`;
  const up = Prisma.sql`SELECT r.target_entity_id AS id FROM entity_relations r WHERE r.team_id = ${team} AND r.source_entity_id = w.id`;
  const down = Prisma.sql`SELECT r.source_entity_id AS id FROM entity_relations r WHERE r.team_id = ${team} AND r.target_entity_id = w.id`;
  const step = direction === 'upstream' ? up : direction === 'downstream' ? down : Prisma.sql`${up} UNION ALL ${down}`;
  return Prisma.sql`
    WITH RECURSIVE walk(id, depth) AS (
      SELECT ${rootId}::uuid, 0
      UNION
      SELECT n.id, w.depth + 1 FROM walk w CROSS JOIN LATERAL (${step}) AS n WHERE w.depth < ${maxHops}
    ), nearest AS (
      SELECT id, min(depth) AS depth FROM walk GROUP BY id
    ), kept AS (
      SELECT id, depth FROM nearest ORDER BY depth, id LIMIT ${limit}
    ), links AS (
      SELECT r.source_entity_id, r.target_entity_id, d.identifier AS relation
        FROM entity_relations r
        JOIN kept s ON s.id = r.source_entity_id
        JOIN kept t ON t.id = r.target_entity_id
        JOIN blueprint_relations d ON d.team_id = r.team_id AND d.id = r.relation_id
       WHERE r.team_id = ${team}
       ORDER BY r.source_entity_id, r.target_entity_id, d.identifier
       LIMIT ${EDGE_CAP + 1}
    )
    SELECT (SELECT count(*) FROM nearest)::int AS reached,
           COALESCE((SELECT json_agg(json_build_object('id', e.id, 'blueprint', e.blueprint_id, 'identifier', e.identifier, 'title', e.title, 'depth', k.depth) ORDER BY k.depth, e.id)
                       FROM kept k JOIN entities e ON e.team_id = ${team} AND e.id = k.id), '[]'::json) AS nodes,
           COALESCE((SELECT json_agg(json_build_object('source', source_entity_id, 'target', target_entity_id, 'relation', relation)) FROM links), '[]'::json) AS edges`;
}
