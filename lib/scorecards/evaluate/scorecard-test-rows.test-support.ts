import type pg from 'pg';
import { DEFAULT_LEVELS, type QueryTree, type ScorecardLevel } from '@/lib/domain/scorecard-rules';

// Scorecards inserted as rows (what helper B's CRUD writes: a new scorecard wants generation 1,
// nothing live), and the definition changes B makes (target_generation + 1), for the evaluator's
// tests. Plain SQL over pg: tests are outside the raw-SQL placement rule.

export type TestRule = { identifier: string; level: string; query: QueryTree };
export type TestScorecard = { identifier: string; levels?: ScorecardLevel[]; filter?: QueryTree | null; rules: TestRule[] };

export async function insertScorecard(pool: pg.Pool, teamId: string, blueprintId: string, sc: TestScorecard): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO scorecards (team_id, blueprint_id, identifier, title, levels, filter) VALUES ($1, $2, $3, $3, $4::jsonb, $5::jsonb) RETURNING id::text`,
    [teamId, blueprintId, sc.identifier, JSON.stringify(sc.levels ?? DEFAULT_LEVELS), sc.filter ? JSON.stringify(sc.filter) : null],
  );
  await insertRules(pool, teamId, rows[0].id, sc.rules);
  return rows[0].id;
}

async function insertRules(pool: pg.Pool, teamId: string, scorecardId: string, rules: TestRule[]): Promise<void> {
  for (const [position, r] of rules.entries()) {
    await pool.query(
      `INSERT INTO scorecard_rules (team_id, scorecard_id, identifier, title, level, value, position) VALUES ($1, $2, $3, $3, $4, $5::jsonb, $6)`,
      [teamId, scorecardId, r.identifier, r.level, JSON.stringify(r.query), position],
    );
  }
}

/** B's definition change: new rules (and filter), target_generation + 1; returns the new generation. */
export async function changeScorecard(
  pool: pg.Pool,
  teamId: string,
  scorecardId: string,
  change: { rules: TestRule[]; filter?: QueryTree | null },
): Promise<number> {
  await pool.query(`DELETE FROM scorecard_rules WHERE team_id = $1 AND scorecard_id = $2`, [teamId, scorecardId]);
  await insertRules(pool, teamId, scorecardId, change.rules);
  const { rows } = await pool.query<{ g: number }>(
    `UPDATE scorecards SET filter = $3::jsonb, version = version + 1, target_generation = target_generation + 1, recompute_done = 0,
            recompute_total = 0, recompute_started_at = NULL WHERE team_id = $1 AND id = $2 RETURNING target_generation AS g`,
    [teamId, scorecardId, change.filter ? JSON.stringify(change.filter) : null],
  );
  return rows[0].g;
}

/** Each entity's live level name on the scorecard (identifier -> name), read as the API would. */
export async function liveLevels(pool: pg.Pool, teamId: string, scorecardId: string): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ identifier: string; name: string }>(
    `SELECT e.identifier, s.live_definition->'levels'->>r.level::int AS name
       FROM scorecard_results r JOIN scorecards s ON s.team_id = r.team_id AND s.id = r.scorecard_id AND r.generation = s.live_generation
       JOIN entities e ON e.team_id = r.team_id AND e.id = r.entity_id
      WHERE r.team_id = $1 AND r.scorecard_id = $2`,
    [teamId, scorecardId],
  );
  return new Map(rows.map((r) => [r.identifier, r.name]));
}

export const rule = (property: string, operator: string, value?: unknown) => ({
  property,
  operator,
  ...(value !== undefined && { value }),
});
export const all = (...rules: unknown[]): QueryTree => ({ combinator: 'and', rules });
