import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';
import { compileWhere } from '@/lib/search/compile-where.sql';
import type { TypedDefinition } from './type-definition';

// The evaluator: ONE set-based statement per scorecard and generation, over `entities e`, through
// the search compiler (compile-where.sql.ts). Rule i passing sets bit i of `passed` (a BIGINT: at
// most 63 rules); the level is the highest rank whose cumulative mask (the bits of every rule of
// that level and below) `passed` covers, the same rule as levelReached in
// lib/domain/scorecard-rules.ts (a level without rules is reached as soon as those below are).
//
// Scope: a list of entity ids (a write's entities and their neighbours; a recompute's chunk, whose
// rows the job locked FOR SHARE in its own statement before, so this statement's snapshot sees
// every write that committed before the lock). Entities of the scope that the filter matches are
// upserted (a row is rewritten only when its level or bits changed); those it no longer matches
// lose their row; and, for the live generation, every level change is a history row, from the
// old level read in `scope` (all parts of the statement see the snapshot before its writes).
// Rows are upserted in entity id order, so two transactions rescoring overlapping entities (a
// shared neighbour) queue on their first shared row instead of deadlocking.
// Served by: entities' primary key (team_id, id) for the scope, scorecard_results' primary key for
// the old rows, the upsert and the delete.

const bit = (i: number) => (1n << BigInt(i)).toString();

/** Cumulative masks: masks[k] holds the bits of every rule of level 1..k. */
export function levelMasks(def: Pick<TypedDefinition, 'levels' | 'ruleLevels'>): bigint[] {
  const masks: bigint[] = [0n];
  for (let level = 1; level < def.levels.length; level++) {
    let mask = masks[level - 1];
    def.ruleLevels.forEach((l, i) => {
      if (l === level) mask |= 1n << BigInt(i);
    });
    masks.push(mask);
  }
  return masks;
}

/** `passed` of entity `e`: the sum of the bits of the rules it passes. */
export function passedSql(def: TypedDefinition): Prisma.Sql {
  if (def.rules.length === 0) return Prisma.sql`0::bigint`;
  const budget = { inlined: 0 };
  const terms = def.rules.map((rule, i) => Prisma.sql`CASE WHEN ${compileWhere(rule, budget)} THEN ${bit(i)}::bigint ELSE 0 END`);
  return Prisma.sql`(${Prisma.join(terms, ' + ')})`;
}

/** The level rank of a `passed` value (the expression `passed`). */
export function levelSql(def: TypedDefinition, passed: Prisma.Sql): Prisma.Sql {
  const masks = levelMasks(def);
  const top = Math.max(0, def.levels.length - 1);
  if (top === 0) return Prisma.sql`0::smallint`;
  const whens = masks
    .slice(1)
    .map((mask, i) => Prisma.sql`WHEN (${passed} & ${mask.toString()}::bigint) <> ${mask.toString()}::bigint THEN ${i}`);
  return Prisma.sql`(CASE ${Prisma.join(whens, ' ')} ELSE ${top} END)::smallint`;
}

/** Every entity of the blueprint the filter matches, with `passed` and `level` (no writes). */
export function scoredEntitiesSql(scope: { teamId: string; blueprintId: string }, def: TypedDefinition, ids?: string[]): Prisma.Sql {
  const only = ids ? Prisma.sql`AND e.id = ANY(${ids}::uuid[])` : Prisma.empty;
  return Prisma.sql`
    SELECT s.id, s.passed, ${levelSql(def, Prisma.sql`s.passed`)} AS level FROM (
      SELECT e.id, ${passedSql(def)} AS passed FROM entities e
       WHERE e.team_id = ${scope.teamId}::uuid AND e.blueprint_id = ${scope.blueprintId} ${only}
         AND ${compileWhere(def.filter)}) s`;
}

export type HistoryOptions = {
  /** Each written entity's cause; the others (neighbours) get `otherCause`. */
  causes: Array<{ id: string; cause: string }>;
  otherCause: string;
  actorId: string | null;
  requestId: string | null;
};

export type ScoreTarget = { teamId: string; blueprintId: string; scorecardId: string; generation: number };

/** Evaluates `ids` into the generation's results; with `history`, level changes become history rows. */
export function scoreEntitiesSql(target: ScoreTarget, def: TypedDefinition, ids: string[], history: HistoryOptions | null): Prisma.Sql {
  const { teamId, scorecardId, generation } = target;
  const unique = [...new Set(ids)];
  const causeOf = new Map((history?.causes ?? []).map((c) => [c.id, c.cause]));
  const results = Prisma.sql`r.team_id = ${teamId}::uuid AND r.scorecard_id = ${scorecardId}::uuid AND r.generation = ${generation}::int`;
  const changes = history
    ? Prisma.sql`, changed AS (
      INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, from_rank, from_level, to_rank, to_level, cause, actor_id, request_id)
      SELECT ${teamId}::uuid, ${scorecardId}::uuid, s.id, s.identifier, s.old_level, (${def.levels}::text[])[s.old_level + 1],
             s.level, (${def.levels}::text[])[s.level + 1], COALESCE(s.cause, ${history.otherCause}), ${history.actorId}::uuid, ${history.requestId}
        FROM scope s WHERE s.old_level IS DISTINCT FROM s.level
      RETURNING 1)`
    : Prisma.sql`, changed AS (SELECT 1 WHERE false)`;
  // No part joins another CTE, and `scope` is driven by the ids (unnest: an exact estimate), each
  // probing the entities' primary key (LATERAL ... LIMIT 1, the blueprint checked outside it so
  // that no other index fits) and looking its old level up in ONE object built from one read of
  // the old rows (`old`: one row, whatever the estimates). While a bulk load outruns the
  // statistics a new team's rows are estimated at 1: the planner then joined CTEs by nested loops
  // (1000 x 1000 comparisons per part: 0.25 s of a 0.35 s statement at 1000 entities), hashed the
  // whole blueprint, or probed the results per id through idx_scorecard_results_level (whose
  // entity_id, after level, bounds nothing: a walk of the generation per id).
  return Prisma.sql`
    WITH old AS (
      SELECT COALESCE(jsonb_object_agg(r.entity_id::text, r.level), '{}'::jsonb) AS levels FROM scorecard_results r
       WHERE ${results} AND r.entity_id = ANY(${unique}::uuid[])
    ), raw AS (
      SELECT e.id, e.identifier, i.cause, (old.levels ->> i.id::text)::smallint AS old_level,
             CASE WHEN ${compileWhere(def.filter)} THEN ${passedSql(def)} END AS passed
        FROM unnest(${unique}::uuid[], ${unique.map((id) => causeOf.get(id) ?? null)}::text[]) AS i(id, cause)
        CROSS JOIN old
        CROSS JOIN LATERAL (SELECT x.* FROM entities x WHERE x.team_id = ${teamId}::uuid AND x.id = i.id LIMIT 1) e
       WHERE e.blueprint_id = ${target.blueprintId}
    ), scope AS (
      SELECT r.*, CASE WHEN r.passed IS NOT NULL THEN ${levelSql(def, Prisma.sql`r.passed`)} END AS level FROM raw r
    ), upserted AS (
      INSERT INTO scorecard_results (team_id, scorecard_id, generation, entity_id, level, passed)
      SELECT ${teamId}::uuid, ${scorecardId}::uuid, ${generation}::int, s.id, s.level, s.passed FROM scope s
       WHERE s.passed IS NOT NULL ORDER BY s.id
      ON CONFLICT (team_id, scorecard_id, generation, entity_id) DO UPDATE
         SET level = EXCLUDED.level, passed = EXCLUDED.passed, updated_at = CURRENT_TIMESTAMP
       WHERE (scorecard_results.level, scorecard_results.passed) IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.passed)
      RETURNING 1
    ), removed AS (
      DELETE FROM scorecard_results r WHERE ${results}
         AND r.entity_id = ANY(ARRAY(SELECT s.id FROM scope s WHERE s.passed IS NULL AND s.old_level IS NOT NULL))
      RETURNING 1
    )${changes}
    SELECT (SELECT count(*) FROM upserted)::int AS upserted, (SELECT count(*) FROM removed)::int AS removed,
           (SELECT count(*) FROM changed)::int AS changed`;
}
export const scoreCountsRow = rowDecoder({ upserted: 'int', removed: 'int', changed: 'int' });

/**
 * The distribution per level and the passes per rule of (level, passed) rows: one row per level
 * reached, `passes` the count of rows passing each rule (in bit order). The rows are first
 * grouped by (level, passed), of which there are few (entities share their rule results), so the
 * per-rule bit tests run once per group, not once per entity.
 */
export function distributionSql(rows: Prisma.Sql, ruleCount: number): Prisma.Sql {
  const passes = Array.from(
    { length: ruleCount },
    (_, i) => Prisma.sql`COALESCE(sum(x.n) FILTER (WHERE x.passed & ${bit(i)}::bigint <> 0), 0)`,
  );
  const list = passes.length ? Prisma.join(passes, ', ') : Prisma.empty;
  return Prisma.sql`SELECT x.level::int AS level, sum(x.n)::int AS n, to_jsonb(ARRAY[${list}]::int[]) AS passes
    FROM (SELECT y.level, y.passed, count(*) AS n FROM (${rows}) y GROUP BY y.level, y.passed) x GROUP BY x.level`;
}
export const distributionRow = rowDecoder({ level: 'int', n: 'int', passes: 'json' });
