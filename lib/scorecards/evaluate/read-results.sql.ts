import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Reads of a scorecard's live results and history (summary, trend).

/**
 * The live generation's (level, passed) rows, optionally only of the entities `where` (a compiled
 * search query over `e`) matches: an index-only scan of idx_scorecard_results_level
 * (team_id, scorecard_id, generation, level, entity_id) INCLUDE (passed), semi-joined to the
 * matching entities (checked with EXPLAIN in scorecard-reads.int.test.ts).
 */
export function liveRowsSql(
  scope: { teamId: string; blueprintId: string; scorecardId: string; generation: number },
  where: Prisma.Sql | null,
): Prisma.Sql {
  const matching = where
    ? Prisma.sql`AND r.entity_id IN (SELECT e.id FROM entities e WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} AND ${where})`
    : Prisma.empty;
  return Prisma.sql`SELECT r.level, r.passed FROM scorecard_results r
     WHERE r.team_id = ${scope.teamId}::uuid AND r.scorecard_id = ${scope.scorecardId}::uuid AND r.generation = ${scope.generation}::int ${matching}`;
}

type GenerationScope = { teamId: string; scorecardId: string; generation: number };
const countsOf = (s: GenerationScope) =>
  Prisma.sql`c.team_id = ${s.teamId}::uuid AND c.scorecard_id = ${s.scorecardId}::uuid AND c.generation = ${s.generation}::int`;

/**
 * The summary without a query in ONE round trip: the scorecard (by its unique key (team_id,
 * blueprint_id, identifier)), its rules (idx_scorecard_rules_position) and its live generation's
 * counts summed per key (a range scan of idx_scorecard_counts_generation: a few rows per key,
 * never one per entity), with how many delta rows were read (the cue to compact). No row: no such scorecard (or blueprint) in the team.
 */
export function summaryWithCountsSql(teamId: string, blueprintId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id::text AS id, s.levels, s.live_generation, s.target_generation, s.live_definition, s.computed_at,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('identifier', r.identifier, 'level', r.level) ORDER BY r.position)
                       FROM scorecard_rules r WHERE r.team_id = s.team_id AND r.scorecard_id = s.id), '[]'::jsonb) AS rules,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('level', k.level, 'passed', k.passed::text, 'n', k.n))
                       FROM (SELECT c.level, c.passed, sum(c.n)::int AS n FROM scorecard_counts c
                              WHERE c.team_id = s.team_id AND c.scorecard_id = s.id AND c.generation = s.live_generation
                              GROUP BY c.level, c.passed HAVING sum(c.n) <> 0) k), '[]'::jsonb) AS counts,
           (SELECT count(*)::int FROM scorecard_counts c
             WHERE c.team_id = s.team_id AND c.scorecard_id = s.id AND c.generation = s.live_generation) AS deltas
      FROM scorecards s
     WHERE s.team_id = ${teamId}::uuid AND s.blueprint_id = ${blueprintId} AND s.identifier = ${identifier}`;
}
export const summaryWithCountsRow = rowDecoder({
  id: 'text',
  levels: 'json',
  live_generation: 'int',
  target_generation: 'int',
  live_definition: 'json',
  computed_at: 'date?',
  rules: 'json',
  counts: 'json',
  deltas: 'int',
});

/**
 * Folds a generation's deltas into one row per key. Rows a concurrent writer appends meanwhile
 * are not in this statement's snapshot, so they stay; two compactions at once each sum only the
 * rows their DELETE really removed (the second skips those the first removed). Served by
 * idx_scorecard_counts_generation.
 */
export function compactCountsSql(scope: GenerationScope): Prisma.Sql {
  return Prisma.sql`
    WITH gone AS (DELETE FROM scorecard_counts c WHERE ${countsOf(scope)} RETURNING c.level, c.passed, c.n)
    INSERT INTO scorecard_counts (team_id, scorecard_id, generation, level, passed, n)
    SELECT ${scope.teamId}::uuid, ${scope.scorecardId}::uuid, ${scope.generation}::int, g.level, g.passed, sum(g.n)
      FROM gone g GROUP BY g.level, g.passed HAVING sum(g.n) <> 0 ORDER BY g.level, g.passed`;
}

/**
 * The end-of-day distribution (UTC) of the last `days` days, walked back from the live one: a
 * level's count at the end of day d is its count now (scorecard_counts), plus the changes after that moment that
 * left it, minus those that entered it (history rows by idx_scorecard_level_changes_at, only
 * those since the first day). Level names as they were: a renamed level's days carry the old name.
 */
export function trendSql(scope: { teamId: string; scorecardId: string; generation: number }, levels: string[], days: number): Prisma.Sql {
  const { teamId, scorecardId } = scope;
  return Prisma.sql`
    WITH day AS (
      SELECT d::date AS day, (d::date + 1)::timestamp AT TIME ZONE 'UTC' AS day_end
        FROM generate_series((now() AT TIME ZONE 'UTC')::date - (${days}::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') d
    ), live AS (
      SELECT (${levels}::text[])[c.level + 1] AS name, sum(c.n)::int AS n FROM scorecard_counts c
       WHERE ${countsOf(scope)} GROUP BY c.level HAVING sum(c.n) <> 0
    ), since AS (
      SELECT c.from_level, c.to_level, c.at FROM scorecard_level_changes c
       WHERE c.team_id = ${teamId}::uuid AND c.scorecard_id = ${scorecardId}::uuid
         AND c.at >= ((now() AT TIME ZONE 'UTC')::date - (${days}::int - 1) + 1)::timestamp AT TIME ZONE 'UTC'
    ), moves AS (
      SELECT from_level AS name, at, 1 AS delta FROM since WHERE from_level IS NOT NULL
      UNION ALL
      SELECT to_level, at, -1 FROM since WHERE to_level IS NOT NULL
    ), names AS (SELECT name FROM live UNION SELECT name FROM moves)
    SELECT to_char(day.day, 'YYYY-MM-DD') AS date, names.name,
           (COALESCE((SELECT live.n FROM live WHERE live.name = names.name), 0)
            + COALESCE((SELECT sum(m.delta) FROM moves m WHERE m.name = names.name AND m.at >= day.day_end), 0))::int AS n
      FROM day CROSS JOIN names ORDER BY day.day`;
}
export const trendRow = rowDecoder({ date: 'text', name: 'text', n: 'int' });
