import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseGroup } from '@/lib/search/parse-search-body';
import type { RawGroup } from '@/lib/search/search-types';
import { typeQuery } from '@/lib/search/type-query';
import { loadDefinitionRelations } from './check-scorecard-definition';
import type { Bump } from './kick-after-commit';
import { bumpedRow, bumpGenerationSql, recheckRow, scorecardsToRecheckSql } from './scorecards.sql';

// What a blueprint change (its schema, its relations) does to the scorecards whose conditions it
// types: the blueprint's own, and those of blueprints that reach it by a relation. Run inside
// the blueprint's transaction after the change is written, so the conditions are typed against
// the new schema and relations exactly as a scorecard write would type them. A condition that no
// longer types refuses the whole change (409 scorecard_impact: a scorecard the evaluator cannot
// compile would stop scoring); there is no ?force, as the fix is to change the scorecard first.
// A change that breaks nothing gives those scorecards a new generation (their results may mean
// something else now: a property's type decides how it compares), kicked after commit.

export type ScorecardImpact = { scorecard: string; blueprint: string; rule: string | null; message: string };

type StoredRule = { identifier: string; query: unknown };

function faultOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  throw error;
}

async function impactsOf(
  tx: Prisma.TransactionClient,
  teamId: string,
  row: { identifier: string; blueprint: string; filter: unknown; schema: unknown; rules: StoredRule[] },
  now: Date,
): Promise<ScorecardImpact[]> {
  const out: ScorecardImpact[] = [];
  const at = (rule: string | null, error: unknown) =>
    out.push({ scorecard: row.identifier, blueprint: row.blueprint, rule, message: faultOf(error) });
  const counter = { rules: 0, values: 0 };
  let filter: RawGroup | null = null;
  const rules: Array<RawGroup | null> = [];
  try {
    filter = row.filter ? parseGroup(row.filter, 'filter', 1, counter) : null;
  } catch (error) {
    at(null, error);
  }
  for (const [i, rule] of row.rules.entries()) {
    try {
      rules.push(parseGroup(rule.query, `rules[${i}].query`, 1, counter));
    } catch (error) {
      rules.push(null);
      at(rule.identifier, error);
    }
  }
  const relations = await loadDefinitionRelations(
    tx,
    teamId,
    row.blueprint,
    filter,
    rules.filter((r): r is RawGroup => r !== null),
  );
  const typeOrReport = (tree: RawGroup | null, rule: string | null) => {
    try {
      typeQuery(tree, row.schema, now, relations);
    } catch (error) {
      at(rule, error);
    }
  };
  typeOrReport(filter, null);
  rules.forEach((tree, i) => tree && typeOrReport(tree, row.rules[i].identifier));
  return out;
}

/**
 * Rechecks the scorecards a change of `blueprintId` can break (409 scorecard_impact when one
 * breaks) and bumps their generation; returns the generations to kick after commit.
 */
export async function recheckScorecards(tx: Prisma.TransactionClient, teamId: string, blueprintId: string): Promise<Bump[]> {
  return recheck(tx, teamId, blueprintId, { bump: true });
}

/**
 * After a blueprint is deleted (in its transaction): every scorecard left in the team must still
 * type (a rule through a relation to it, or relatedTo naming it, would not): 409 scorecard_impact.
 * Nothing that still types means something else, so no generation changes.
 */
export async function recheckScorecardsAfterDelete(tx: Prisma.TransactionClient, teamId: string): Promise<void> {
  await recheck(tx, teamId, null, { bump: false });
}

async function recheck(
  tx: Prisma.TransactionClient,
  teamId: string,
  blueprintId: string | null,
  options: { bump: boolean },
): Promise<Bump[]> {
  const rows = await runSql(tx, scorecardsToRecheckSql(teamId, blueprintId), recheckRow);
  if (rows.length === 0) return [];
  const now = new Date();
  const impacts: ScorecardImpact[] = [];
  for (const row of rows) impacts.push(...(await impactsOf(tx, teamId, { ...row, rules: row.rules as StoredRule[] }, now)));
  if (impacts.length) {
    const names = [...new Set(impacts.map((i) => `${i.blueprint}/${i.scorecard}`))].join(', ');
    throw new AppError('conflict', `this change would break the conditions of scorecards ${names}: change them first`, {
      reason: 'scorecard_impact',
      scorecards: impacts,
    });
  }
  if (!options.bump) return [];
  const bumped = await runSql(
    tx,
    bumpGenerationSql(
      teamId,
      rows.map((r) => r.id),
    ),
    bumpedRow,
  );
  return bumped.map((b) => ({ teamId, scorecardId: b.id, generation: b.generation }));
}
