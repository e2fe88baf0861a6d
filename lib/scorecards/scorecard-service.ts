import { isDeepStrictEqual } from 'node:util';
import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { loadBlueprintOrThrow, lockBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { prismaJson } from '@/lib/entities/prisma-json';
import { applyMergePatch, type Json } from '@/lib/entities/merge-patch';
import { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { validateBody } from '@/lib/http/request-body';
import { RESERVED_SCORECARD_IDENTIFIERS, type ScorecardInput } from '@/lib/domain/scorecard-rules';
import { checkScorecardDefinition, type CheckedDefinition } from './check-scorecard-definition';
import { kickAfterCommit, type Bump } from './kick-after-commit';
import { findScorecardOrThrow, lockScorecardOrThrow } from './load-scorecard';
import { replaceScorecardBody, type ReplaceScorecardInput } from './scorecard-schemas';
import { resultMeaning, toScorecardView, type ScorecardRow, type ScorecardView } from './scorecard-view';

// Scorecards of a blueprint (API.md "Scorecards"). A write checks the definition against the
// blueprint's schema and relations (checkScorecardDefinition) with the blueprint row held FOR
// SHARE (a schema change waits, and then rechecks this scorecard: scorecard-impacts.ts), saves the
// row and its rules (position = the rule's bit in the results) with its audit row in one
// transaction, and bumps version (the ETag) on every change. A change of what the results mean
// (levels' names or order, filter, rules) also bumps target_generation, whose recompute is
// kicked after commit; a new scorecard starts at generation 1 with nothing live.

export type ScorecardWithVersion = { view: ScorecardView; version: number };

const withVersion = (row: ScorecardRow): ScorecardWithVersion => ({ view: toScorecardView(row), version: row.version });

function auditData(blueprintId: string, identifier: string, view: Omit<ScorecardView, 'computed_at' | 'recomputing' | 'progress'>) {
  const { title, description, levels, filter, rules } = view;
  return { blueprint: blueprintId, identifier, title, description, levels, filter, rules };
}

const rulesData = (teamId: string, scorecardId: string, def: CheckedDefinition) =>
  def.rules.map((r, position) => ({
    teamId,
    scorecardId,
    identifier: r.identifier,
    title: r.title,
    description: r.description,
    level: r.level,
    value: prismaJson(r.query),
    position,
  }));

const levelsJson = (def: CheckedDefinition) => def.levels as unknown as Prisma.InputJsonArray;
const filterJson = (def: CheckedDefinition) => (def.filter ? prismaJson(def.filter) : undefined);

/** The definition part of a body: what checkScorecardDefinition takes. */
const definitionOf = ({ levels, filter, rules }: ReplaceScorecardInput) => ({ levels, filter, rules });

export async function listScorecards(db: Db, ctx: TeamContext, blueprintId: string, page: PageParams) {
  requirePermission(ctx, 'scorecard:read');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  // A blueprint has a handful of scorecards: the unique key's (team_id, blueprint_id) prefix, then a small sort.
  const rows = await db.scorecard.findMany({
    where: { teamId: ctx.team.id, blueprintId, ...afterCursor(page.cursor, 'asc') },
    include: { rules: { orderBy: { position: 'asc' } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { scorecards: items.map(toScorecardView), next_cursor: nextCursor };
}

export async function getScorecard(db: Db, ctx: TeamContext, blueprintId: string, identifier: string): Promise<ScorecardWithVersion> {
  requirePermission(ctx, 'scorecard:read');
  return withVersion(await findScorecardOrThrow(db, ctx.team.id, blueprintId, identifier));
}

export async function createScorecard(db: Db, ctx: TeamContext, blueprintId: string, input: ScorecardInput): Promise<ScorecardWithVersion> {
  requirePermission(ctx, 'scorecard:write');
  const teamId = ctx.team.id;
  if (RESERVED_SCORECARD_IDENTIFIERS.includes(input.identifier)) {
    throw new AppError('validation_failed', 'the identifier is taken by a route', [
      { path: '/identifier', message: `"${input.identifier}" is reserved (…/scorecards/${input.identifier} is a route): choose another` },
    ]);
  }
  const result = await db.$transaction(async (tx) => {
    const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const def = await checkScorecardDefinition(tx, teamId, { id: blueprintId, schema: blueprint.schema }, definitionOf(input));
    const key = { teamId_blueprintId_identifier: { teamId, blueprintId, identifier: input.identifier } };
    if (await tx.scorecard.findUnique({ where: key, select: { id: true } })) {
      throw new AppError('conflict', `blueprint "${blueprintId}" already has a scorecard "${input.identifier}"`, {
        reason: 'already_exists',
      });
    }
    const created = await tx.scorecard.create({
      data: {
        teamId,
        blueprintId,
        identifier: input.identifier,
        title: input.title,
        description: input.description ?? null,
        levels: levelsJson(def),
        filter: filterJson(def),
      },
    });
    await tx.scorecardRule.createMany({ data: rulesData(teamId, created.id, def) });
    const row = await findScorecardOrThrow(tx, teamId, blueprintId, input.identifier);
    const view = toScorecardView(row);
    await writeAudit(tx, ctx, {
      action: 'scorecard.created',
      entityType: 'scorecard',
      entityId: row.id,
      verbatim: true,
      newData: auditData(blueprintId, row.identifier, view),
    });
    return { row, bump: { teamId, scorecardId: row.id, generation: row.targetGeneration } };
  });
  await kickAfterCommit([result.bump]);
  return withVersion(result.row);
}

export type UpdateScorecardMode = { replace: true; input: ReplaceScorecardInput } | { replace: false; patch: Record<string, unknown> };

/** The body a merge patch applies to: the scorecard as a PUT would send it. */
function bodyOf(view: ScorecardView): Json {
  const { identifier, title, description, levels, filter, rules } = view;
  return JSON.parse(JSON.stringify({ identifier, title, description, levels, filter, rules })) as Json;
}

/** PUT replaces the whole scorecard (absent levels: the defaults); PATCH merges (RFC 7396) into it. */
export async function updateScorecard(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  mode: UpdateScorecardMode,
  options: WriteOptions = {},
): Promise<ScorecardWithVersion> {
  requirePermission(ctx, 'scorecard:write');
  const teamId = ctx.team.id;
  const result = await db.$transaction(async (tx) => {
    const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const before = await lockScorecardOrThrow(tx, ctx.team.id, blueprintId, identifier, options.ifMatch);
    const beforeView = toScorecardView(before);
    const input = mode.replace ? mode.input : validateBody(replaceScorecardBody, applyMergePatch(bodyOf(beforeView), mode.patch as Json));
    if (input.identifier !== undefined && input.identifier !== identifier) {
      throw new AppError('validation_failed', 'a scorecard cannot be renamed', [
        { path: '/identifier', message: `must be "${identifier}" (the scorecard of the URL)` },
      ]);
    }
    const def = await checkScorecardDefinition(tx, teamId, { id: blueprintId, schema: blueprint.schema }, definitionOf(input));
    const meaningChanged = !isDeepStrictEqual(resultMeaning(beforeView), resultMeaning(def));
    await tx.scorecardRule.deleteMany({ where: { teamId, scorecardId: before.id } });
    await tx.scorecard.update({
      where: { teamId_id: { teamId, id: before.id } },
      data: {
        title: input.title,
        description: input.description ?? null,
        levels: levelsJson(def),
        filter: def.filter ? prismaJson(def.filter) : Prisma.DbNull,
        version: { increment: 1 },
        updatedAt: new Date(),
        ...(meaningChanged ? { targetGeneration: { increment: 1 }, recomputeDone: 0, recomputeTotal: 0, recomputeStartedAt: null } : {}),
      },
    });
    await tx.scorecardRule.createMany({ data: rulesData(teamId, before.id, def) });
    const row = await findScorecardOrThrow(tx, teamId, blueprintId, identifier);
    await writeAudit(tx, ctx, {
      action: 'scorecard.updated',
      entityType: 'scorecard',
      entityId: row.id,
      verbatim: true,
      oldData: auditData(blueprintId, identifier, beforeView),
      newData: { ...auditData(blueprintId, identifier, toScorecardView(row)), recompute: meaningChanged },
    });
    const bump: Bump | null = meaningChanged ? { teamId, scorecardId: row.id, generation: row.targetGeneration } : null;
    return { row, bump };
  });
  if (result.bump) await kickAfterCommit([result.bump]);
  return withVersion(result.row);
}

/** Deletes the scorecard; its rules, results and level history go by cascade. */
export async function deleteScorecard(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, options: WriteOptions = {}) {
  requirePermission(ctx, 'scorecard:write');
  await db.$transaction(async (tx) => {
    await loadBlueprintOrThrow(tx, ctx, blueprintId);
    const before = await lockScorecardOrThrow(tx, ctx.team.id, blueprintId, identifier, options.ifMatch);
    await tx.scorecard.delete({ where: { teamId_id: { teamId: ctx.team.id, id: before.id } } });
    await writeAudit(tx, ctx, {
      action: 'scorecard.deleted',
      entityType: 'scorecard',
      entityId: before.id,
      verbatim: true,
      oldData: auditData(blueprintId, identifier, toScorecardView(before)),
    });
  });
}
