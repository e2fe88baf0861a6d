import { db } from './api';

// A scorecard with live results written straight into the database: setup the API does not
// offer yet (the scorecard routes and their evaluator are built beside these specs; once they are
// in, the specs can create the scorecard through POST .../scorecards and let it compute). The rows
// have the shape of migration 0015: the scorecard with its live definition, its rules, and one
// result per scored entity (level rank, passed bits).

export type SeededScorecard = {
  identifier: string;
  title: string;
  levels: Array<{ name: string; color: string }>;
  /** In bit order, each with its level's rank. */
  rules: Array<{ identifier: string; title: string; level: number }>;
  /** By entity identifier: level rank and passed bits; entities left out are not scored. */
  results: Record<string, { level: number; passed: number }>;
};

export async function seedLiveScorecard(teamId: string, blueprintId: string, sc: SeededScorecard): Promise<void> {
  const empty = { combinator: 'and', rules: [] };
  const definition = {
    levels: sc.levels.map((l) => l.name),
    filter: null,
    rules: sc.rules.map((r) => ({ identifier: r.identifier, level: r.level, query: empty })),
  };
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO scorecards (team_id, blueprint_id, identifier, title, levels, live_generation, live_definition, computed_at)
     VALUES ($1, $2, $3, $4, $5, 1, $6, now()) RETURNING id::text`,
    [teamId, blueprintId, sc.identifier, sc.title, JSON.stringify(sc.levels), JSON.stringify(definition)],
  );
  const scorecardId = rows[0].id;
  for (const [position, rule] of sc.rules.entries()) {
    await db().query(
      `INSERT INTO scorecard_rules (team_id, scorecard_id, identifier, title, level, value, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [teamId, scorecardId, rule.identifier, rule.title, sc.levels[rule.level].name, JSON.stringify(empty), position],
    );
  }
  const entries = Object.entries(sc.results);
  await db().query(
    `INSERT INTO scorecard_results (team_id, scorecard_id, generation, entity_id, level, passed)
     SELECT $1, $2, 1, e.id, r.level, r.passed
       FROM unnest($4::text[], $5::int[], $6::bigint[]) AS r(identifier, level, passed)
       JOIN entities e ON e.team_id = $1 AND e.blueprint_id = $3 AND e.identifier = r.identifier`,
    [teamId, scorecardId, blueprintId, entries.map(([e]) => e), entries.map(([, r]) => r.level), entries.map(([, r]) => String(r.passed))],
  );
}
