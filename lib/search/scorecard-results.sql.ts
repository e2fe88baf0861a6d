import { Prisma } from '@/lib/generated/prisma/client';
import type { ScorecardResults, TypedRule } from './search-types';

// Scorecard rules and the level sort key as SQL over `entities e`, read from the live generation
// of scorecard_results (migration 0015). Both rule kinds are POSITIVE conditions on a result row:
// an entity the scorecard does not apply to (its filter) has no row, so it matches no level rule,
// not even `!=` (the typer turns `!=` and notIn into the complementary ranks), and no rule result.
//
// Filters are an uncorrelated semi-join `e.id IN (SELECT entity_id ...)` on
// idx_scorecard_results_level (team_id, scorecard_id, generation, level, entity_id) INCLUDE
// (passed): an index-only scan of the matching ranks (a rule's bit is read from the INCLUDE
// column), hashed or merged with the blueprint's rows, as fast as an indexed property
// (search-indexes.int.test.ts checks the plan). The sort key is the entity's rank, one primary-key
// probe (team_id, scorecard_id, generation, entity_id) per row, NULL where it has none.

const FALSE = Prisma.sql`FALSE`;

function resultsOf(r: ScorecardResults, condition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`e.id IN (SELECT sr.entity_id FROM scorecard_results sr
     WHERE sr.team_id = ${r.teamId}::uuid AND sr.scorecard_id = ${r.scorecardId}::uuid AND sr.generation = ${r.generation}::int
       AND ${condition})`;
}

/** A scorecard rule as a boolean (never computed, or no rank left: FALSE). */
export function scorecardRuleSql(rule: Extract<TypedRule, { op: 'scorecardLevel' | 'scorecardRule' }>): Prisma.Sql {
  if (rule.results.generation === 0) return FALSE;
  if (rule.op === 'scorecardLevel') {
    if (rule.ranks.length === 0) return FALSE;
    return resultsOf(rule.results, Prisma.sql`sr.level = ANY(${rule.ranks}::smallint[])`);
  }
  // An equality either way (never `<> 0`): the planner has no statistics for the expression and
  // prices `=` as rare and `<>` as nearly every row, which would turn a rare rule's semi-join
  // into a probe per entity of the blueprint.
  const mask = Prisma.sql`(1::bigint << ${rule.bit}::int)`;
  return resultsOf(rule.results, Prisma.sql`(sr.passed & ${mask}) = ${rule.passes ? mask : Prisma.sql`0`}`);
}

/** The entity's level rank as numeric (the sort's number kind), NULL without a live result. */
export function scorecardLevelSql(r: ScorecardResults): Prisma.Sql {
  if (r.generation === 0) return Prisma.sql`NULL::numeric`;
  return Prisma.sql`(SELECT sr.level::numeric FROM scorecard_results sr
     WHERE sr.team_id = ${r.teamId}::uuid AND sr.scorecard_id = ${r.scorecardId}::uuid AND sr.generation = ${r.generation}::int
       AND sr.entity_id = e.id)`;
}
