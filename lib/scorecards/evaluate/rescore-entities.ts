import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import { execSql, runSql } from '@/lib/db/run-sql';
import type { LiveDefinition, QueryTree } from '@/lib/domain/scorecard-rules';
import type { Prisma } from '@/lib/generated/prisma/client';
import { log } from '@/lib/observability/logger';
import { scoreEntitiesSql, type ScoreTarget } from './score-entities.sql';
import { idRow, loadTeamScorecardsSql, neighboursSql, recordDeparturesSql, teamScorecardRow } from './rescore.sql';
import { currentDefinition, mayReadRelations, typeDefinition, type Definition, type TypedDefinition } from './type-definition';

// Scorecard results kept live: every entity write calls planRescore BEFORE it changes anything
// (the team's scorecards, loaded once per transaction, and, when a rule reads through links, the
// entities near the written ones in the graph as it was: a removed link's far end) and
// rescoreEntities AFTER, in the same transaction, so a read after the write never shows a stale
// level and a rolled-back write moves nothing. While a recompute is under way, the pending
// generation is kept up to date too (with the current rules), beside the live one (with the
// rules it was computed with, live_definition).

export type RescoreCause = 'entity_created' | 'entity_updated' | 'entity_restored';

type Work = { target: ScoreTarget; def: TypedDefinition; history: boolean };
export type RescorePlan = { blueprintId: string; work: Work[]; hops: number; nearBefore: string[] };

const EMPTY_PLAN = (blueprintId: string): RescorePlan => ({ blueprintId, work: [], hops: 0, nearBefore: [] });

async function neighbours(tx: Prisma.TransactionClient, teamId: string, seeds: string[], hops: number): Promise<string[]> {
  if (hops === 0 || seeds.length === 0) return [];
  return (await runSql(tx, neighboursSql(teamId, seeds, hops), idRow)).map((r) => r.id);
}

/** Loads what the write can affect; `existingIds`: the entities the write changes that exist already. */
export async function planRescore(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  existingIds: string[],
): Promise<RescorePlan> {
  const rows = await runSql(tx, loadTeamScorecardsSql(ctx.team.id), teamScorecardRow);
  if (rows.length === 0) return EMPTY_PLAN(blueprintId);
  const work: Work[] = [];
  for (const row of rows) {
    const defs: Array<{ def: Definition; generation: number; history: boolean }> = [];
    if (row.live_generation > 0 && row.live_definition) {
      defs.push({ def: row.live_definition as LiveDefinition, generation: row.live_generation, history: true });
    }
    if (row.pending && row.current) {
      const c = row.current as {
        levels: Array<{ name: string }>;
        filter: QueryTree | null;
        rules: Array<{ identifier: string; level: string; query: QueryTree }>;
      };
      defs.push({ def: currentDefinition(c.levels, c.filter, c.rules), generation: row.target_generation, history: false });
    }
    for (const { def, generation, history } of defs) {
      if (row.blueprint_id !== blueprintId && !mayReadRelations(def)) continue;
      const typed = await typeOrSkip(tx, ctx.team.id, row.blueprint_id, row.schema, def);
      if (!typed || (row.blueprint_id !== blueprintId && typed.hops === 0)) continue;
      work.push({ target: { teamId: ctx.team.id, blueprintId: row.blueprint_id, scorecardId: row.id, generation }, def: typed, history });
    }
  }
  const hops = Math.max(0, ...work.map((w) => w.def.hops));
  return { blueprintId, work, hops, nearBefore: await neighbours(tx, ctx.team.id, existingIds, hops) };
}

/**
 * A definition the blueprint's schema no longer types (a property removed under a rule) is
 * skipped here: an entity write never fails for a scorecard's sake. The blueprint's change
 * reported the rule as broken (schema-change impacts), and its recompute says so.
 */
async function typeOrSkip(tx: Prisma.TransactionClient, teamId: string, blueprintId: string, schema: unknown, def: Definition) {
  try {
    return await typeDefinition(tx, teamId, blueprintId, schema, def);
  } catch (error) {
    log().warn({ err: error, blueprint: blueprintId }, 'scorecard rules no longer fit the blueprint: not rescored');
    return null;
  }
}

/**
 * Re-evaluates the written entities (each with its cause) and, for scorecards whose rules read
 * through links, every entity within their reach before and after the write (cause
 * related_entity_changed). One statement per scorecard and generation.
 */
export async function rescoreEntities(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  plan: RescorePlan,
  written: Array<{ id: string; cause: RescoreCause }>,
): Promise<void> {
  if (plan.work.length === 0) return;
  const ids = written.map((w) => w.id);
  const near = plan.hops > 0 ? [...new Set([...plan.nearBefore, ...(await neighbours(tx, ctx.team.id, ids, plan.hops))])] : [];
  const history = { causes: written, otherCause: 'related_entity_changed', actorId: actingUserId(ctx.actor), requestId: ctx.requestId };
  for (const { target, def, history: withHistory } of plan.work) {
    const scope = def.hops > 0 ? [...new Set([...ids, ...near])] : target.blueprintId === plan.blueprintId ? ids : [];
    if (scope.length === 0) continue;
    await execSql(tx, scoreEntitiesSql(target, def, scope, withHistory ? history : null));
  }
}

/** Before a delete: the entity's live levels end in history (entity_deleted); the cascade removes the results. */
export async function recordDepartures(tx: Prisma.TransactionClient, ctx: TeamContext, plan: RescorePlan, ids: string[]): Promise<void> {
  if (plan.work.length === 0 || ids.length === 0) return;
  await execSql(tx, recordDeparturesSql(ctx.team.id, ids, actingUserId(ctx.actor), ctx.requestId));
}
