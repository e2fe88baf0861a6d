import type pg from 'pg';

// Scorecards with live results made in SQL, for the tests of what reads them (search, include):
// the evaluator that fills scorecard_results in production is another module's (lib/scorecards/
// evaluate); these tests only need rows of the shape migration 0015 defines.

export type SeedScorecard = {
  teamId: string;
  blueprintId: string;
  identifier: string;
  /** Level names, lowest first (colours are made up). */
  levels: string[];
  /** Rules in bit order, each with its level's rank. */
  rules: Array<{ identifier: string; level: number }>;
  /** 0: never computed (no live definition, no results). */
  generation?: number;
};

const COLORS = ['#94a3b8', '#b45309', '#64748b', '#ca8a04', '#16a34a', '#2563eb'];
const EMPTY = { combinator: 'and', rules: [] };

/** The scorecard, its rules and its live definition; returns its id. */
export async function insertScorecard(pool: pg.Pool, sc: SeedScorecard): Promise<string> {
  const generation = sc.generation ?? 1;
  const definition = {
    levels: sc.levels,
    filter: null,
    rules: sc.rules.map((r) => ({ identifier: r.identifier, level: r.level, query: EMPTY })),
  };
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO scorecards (team_id, blueprint_id, identifier, title, levels, target_generation, live_generation, live_definition, computed_at)
     VALUES ($1, $2, $3, $3, $4, GREATEST($5::int, 1), $5::int, $6, CASE WHEN $5::int > 0 THEN now() END) RETURNING id::text`,
    [
      sc.teamId,
      sc.blueprintId,
      sc.identifier,
      JSON.stringify(sc.levels.map((name, i) => ({ name, color: COLORS[i % COLORS.length] }))),
      generation,
      generation > 0 ? JSON.stringify(definition) : null,
    ],
  );
  const id = rows[0].id;
  for (const [position, rule] of sc.rules.entries()) {
    await pool.query(
      `INSERT INTO scorecard_rules (team_id, scorecard_id, identifier, title, level, value, position) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
      [sc.teamId, id, rule.identifier, sc.levels[rule.level], JSON.stringify(EMPTY), position],
    );
  }
  return id;
}

/** Results of the scorecard's generation for entities by identifier: level rank and passed bits. */
export async function insertResults(
  pool: pg.Pool,
  scope: { teamId: string; blueprintId: string; scorecardId: string; generation?: number },
  results: Array<{ entity: string; level: number; passed: number }>,
): Promise<void> {
  await pool.query(
    `INSERT INTO scorecard_results (team_id, scorecard_id, generation, entity_id, level, passed)
     SELECT $1, $2, $3, e.id, r.level, r.passed
       FROM unnest($5::text[], $6::int[], $7::bigint[]) AS r(identifier, level, passed)
       JOIN entities e ON e.team_id = $1 AND e.blueprint_id = $4 AND e.identifier = r.identifier`,
    [
      scope.teamId,
      scope.scorecardId,
      scope.generation ?? 1,
      scope.blueprintId,
      results.map((r) => r.entity),
      results.map((r) => r.level),
      results.map((r) => String(r.passed)),
    ],
  );
}
