import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { withTeamReadSlot } from '@/lib/db/limit-team-reads';
import type { Db } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { checkScorecardDefinition, type DefinitionInput } from '@/lib/scorecards/check-scorecard-definition';
import { compileWhere } from '@/lib/search/compile-where.sql';
import { parseGroup } from '@/lib/search/parse-search-body';
import { loadSearchRelations } from '@/lib/search/search-relations';
import { typeQuery } from '@/lib/search/type-query';
import { distributionRow, distributionSql, scoredEntitiesSql } from './score-entities.sql';
import { findScorecardOrThrow, scorecardNotFound } from '@/lib/scorecards/load-scorecard';
import { liveDefinitionOf, levelsOf } from './type-definition';
import { compactCountsSql, liveRowsSql, summaryWithCountsRow, summaryWithCountsSql } from './read-results.sql';
import { typedOfChecked } from './type-definition';

// GET .../scorecards/{sc}/summary (the live generation's distribution per level and passes per
// rule, under an optional search query) and POST .../scorecards/preview (the same numbers for a
// draft definition, computed by the same evaluator in a SELECT that stores nothing).

export type Distribution = {
  total: number;
  levels: Array<{ name: string; color: string; count: number }>;
  rules: Array<{ identifier: string; level: string; passed: number; failed: number }>;
};
export type Summary = Distribution & { computed_at: string | null; recomputing: boolean };

const FALLBACK_COLOR = '#94a3b8';

/** Rows of (level, n, passes) as the answer's shape; `colors` by level name (colours are not part of a generation). */
function toDistribution(
  rows: Array<{ level: number; n: number; passes: unknown }>,
  levels: string[],
  colors: Map<string, string>,
  rules: Array<{ identifier: string; level: number }>,
): Distribution {
  const counts = new Array<number>(levels.length).fill(0);
  const passes = new Array<number>(rules.length).fill(0);
  for (const row of rows) {
    counts[row.level] = (counts[row.level] ?? 0) + row.n;
    (row.passes as number[]).forEach((p, i) => (passes[i] += p));
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    total,
    levels: levels.map((name, i) => ({ name, color: colors.get(name) ?? FALLBACK_COLOR, count: counts[i] })),
    rules: rules.map((r, i) => ({ identifier: r.identifier, level: levels[r.level] ?? '', passed: passes[i], failed: total - passes[i] })),
  };
}

/** Past this many delta rows per key read, the summary folds them (compactCountsSql). */
const COMPACT_AFTER_DELTAS_PER_KEY = 4;

type CountRow = { level: number; passed: string; n: number };

/** (level, passed, n) rows from scorecard_counts as the distribution's rows (rows x rules bit tests, a few hundred at most). */
function countsToRows(counts: CountRow[], ruleCount: number) {
  return counts.map((row) => {
    const passed = BigInt(row.passed);
    const passes = Array.from({ length: ruleCount }, (_, i) => ((passed >> BigInt(i)) & 1n ? row.n : 0));
    return { level: row.level, n: row.n, passes };
  });
}

type SummaryHead = {
  id: string;
  levels: unknown;
  liveGeneration: number;
  targetGeneration: number;
  liveDefinition: unknown;
  computedAt: Date | null;
  rules: Array<{ identifier: string; level: string }>;
};

/** Levels, rules and the rest of the answer around the distribution's rows. */
function toSummary(sc: SummaryHead, rowsOf: (ruleCount: number) => Array<{ level: number; n: number; passes: unknown }>): Summary {
  const colors = new Map(levelsOf(sc).map((l) => [l.name, l.color]));
  const live = sc.liveGeneration > 0 ? liveDefinitionOf(sc) : null;
  // Nothing computed yet (a new scorecard): the current definition with nothing in it.
  const levels = live?.levels ?? levelsOf(sc).map((l) => l.name);
  const rules = live?.rules ?? sc.rules.map((r) => ({ identifier: r.identifier, level: levels.indexOf(r.level) }));
  return {
    ...toDistribution(live ? rowsOf(rules.length) : [], levels, colors, rules),
    computed_at: live ? (sc.computedAt?.toISOString() ?? null) : null,
    recomputing: sc.targetGeneration > sc.liveGeneration,
  };
}

/**
 * The summary without a query: the scorecard and its live counts in one statement (the common
 * read, a dashboard's). A generation whose deltas piled up (many writes since the last fold) is
 * compacted after the read.
 */
async function summarizeFromCounts(db: Db, teamId: string, blueprintId: string, identifier: string): Promise<Summary> {
  const [row] = await runSql(db, summaryWithCountsSql(teamId, blueprintId, identifier), summaryWithCountsRow);
  if (!row) throw scorecardNotFound(blueprintId, identifier);
  const counts = row.counts as CountRow[];
  if (row.deltas > COMPACT_AFTER_DELTAS_PER_KEY * counts.length + 16) {
    await execSql(db, compactCountsSql({ teamId, scorecardId: row.id, generation: row.live_generation }));
  }
  const head: SummaryHead = {
    id: row.id,
    levels: row.levels,
    liveGeneration: row.live_generation,
    targetGeneration: row.target_generation,
    liveDefinition: row.live_definition,
    computedAt: row.computed_at,
    rules: row.rules as SummaryHead['rules'],
  };
  return toSummary(head, (ruleCount) => countsToRows(counts, ruleCount));
}

/** `query`: a search query tree (already JSON-parsed) or undefined. */
export async function getScorecardSummary(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  query: unknown,
): Promise<Summary> {
  requirePermission(ctx, 'scorecard:read');
  if (query === undefined || query === null) return summarizeFromCounts(db, ctx.team.id, blueprintId, identifier);
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  const sc = await findScorecardOrThrow(db, ctx.team.id, blueprintId, identifier);
  const raw = parseGroup(query, 'query');
  const where = compileWhere(typeQuery(raw, blueprint.schema, new Date(), await loadSearchRelations(db, ctx.team.id, blueprintId, raw)));
  const scope = { teamId: ctx.team.id, blueprintId, scorecardId: sc.id, generation: sc.liveGeneration };
  const rows =
    sc.liveGeneration > 0
      ? await withTeamReadSlot(db, ctx, () =>
          runSql(db, distributionSql(liveRowsSql(scope, where), liveDefinitionOf(sc)?.rules.length ?? 0), distributionRow),
        )
      : [];
  return toSummary(sc, () => rows);
}

/**
 * POST .../scorecards/preview: a draft {filter?, levels?, rules} over the blueprint's entities now.
 * scorecard:read alone, like the summary under a query (the table of entry points holds one
 * permission per entry point: lib/authz/service-permissions.ts).
 */
export async function previewScorecard(db: Db, ctx: TeamContext, blueprintId: string, draft: DefinitionInput): Promise<Distribution> {
  requirePermission(ctx, 'scorecard:read');
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  const checked = await checkScorecardDefinition(db, ctx.team.id, blueprint, draft);
  const typed = typedOfChecked(checked);
  const scope = { teamId: ctx.team.id, blueprintId };
  const rows = await withTeamReadSlot(db, ctx, () =>
    runSql(db, distributionSql(scoredEntitiesSql(scope, typed), typed.rules.length), distributionRow),
  );
  const colors = new Map(checked.levels.map((l) => [l.name, l.color]));
  return toDistribution(
    rows,
    typed.levels,
    colors,
    checked.rules.map((r) => ({ identifier: r.identifier, level: r.levelRank })),
  );
}
