import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// What a write needs to keep scorecard results live (rescore-entities.ts).

/**
 * The team's scorecards that have results to keep (a live generation, or a recompute under way),
 * with what their live results mean, their current definition when a recompute is under way, and
 * their blueprint's schema: ONE query per write transaction (scorecards by team_id, their rules by
 * idx_scorecard_rules_position, the blueprint by its key).
 */
export function loadTeamScorecardsSql(teamId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id::text AS id, s.blueprint_id, s.live_generation, s.target_generation, s.live_definition, b.schema,
           (s.target_generation > s.live_generation AND s.recompute_started_at IS NOT NULL) AS pending,
           CASE WHEN s.target_generation > s.live_generation AND s.recompute_started_at IS NOT NULL THEN
             jsonb_build_object('levels', s.levels, 'filter', s.filter, 'rules', COALESCE((
               SELECT jsonb_agg(jsonb_build_object('identifier', r.identifier, 'level', r.level, 'query', r.value) ORDER BY r.position)
                 FROM scorecard_rules r WHERE r.team_id = s.team_id AND r.scorecard_id = s.id), '[]'::jsonb))
           END AS current
      FROM scorecards s JOIN blueprints b ON b.team_id = s.team_id AND b.id = s.blueprint_id
     WHERE s.team_id = ${teamId}::uuid AND (s.live_generation > 0 OR s.recompute_started_at IS NOT NULL)`;
}
export const teamScorecardRow = rowDecoder({
  id: 'text',
  blueprint_id: 'text',
  live_generation: 'int',
  target_generation: 'int',
  live_definition: 'json',
  schema: 'json',
  pending: 'bool',
  current: 'json',
});

/**
 * Entities within `hops` links of the seeds, either direction, in the team (seeds excluded unless
 * reached through a cycle): a breadth-first walk like related-to.sql.ts, each entity once, one
 * scan of idx_entity_relations_source and one of idx_entity_relations_target per level.
 */
export function neighboursSql(teamId: string, seeds: string[], hops: number): Prisma.Sql {
  const team = Prisma.sql`${teamId}::uuid`;
  return Prisma.sql`
    WITH RECURSIVE walk(depth, frontier, seen) AS (
      SELECT 0, ${seeds}::uuid[], ${seeds}::uuid[]
      UNION ALL
      SELECT w.depth + 1, n.ids, w.seen || n.ids
        FROM walk w CROSS JOIN LATERAL (
          SELECT array_agg(DISTINCT x.id) AS ids FROM (
            SELECT r.target_entity_id AS id FROM entity_relations r WHERE r.team_id = ${team} AND r.source_entity_id = ANY(w.frontier)
            UNION ALL
            SELECT r.source_entity_id FROM entity_relations r WHERE r.team_id = ${team} AND r.target_entity_id = ANY(w.frontier)) x
           WHERE NOT (x.id = ANY(w.seen))) n
       WHERE w.depth < ${hops}::int AND n.ids IS NOT NULL
    )
    SELECT DISTINCT unnest(frontier)::text AS id FROM walk WHERE depth >= 1`;
}
export const idRow = rowDecoder({ id: 'text' });

/**
 * Before entities are deleted: a history row (to nothing, entity_deleted) for each of their live
 * results, every scorecard at once (idx_scorecard_results_entity), since the cascade removes the
 * results with them.
 */
export function recordDeparturesSql(teamId: string, entityIds: string[], actorId: string | null, requestId: string | null): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, from_rank, from_level, to_rank, to_level, cause, actor_id, request_id)
    SELECT r.team_id, r.scorecard_id, r.entity_id, e.identifier, r.level, s.live_definition->'levels'->>r.level::int, NULL, NULL,
           'entity_deleted', ${actorId}::uuid, ${requestId}
      FROM scorecard_results r
      JOIN scorecards s ON s.team_id = r.team_id AND s.id = r.scorecard_id AND s.live_generation = r.generation
      JOIN entities e ON e.team_id = r.team_id AND e.id = r.entity_id
     WHERE r.team_id = ${teamId}::uuid AND r.entity_id = ANY(${entityIds}::uuid[])`;
}
