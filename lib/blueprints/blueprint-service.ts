import { isDeepStrictEqual } from 'node:util';
import type { ValidateFunction } from 'ajv';
import { writeAudit } from '@/lib/audit/write-audit';
import { recordEvent } from '@/lib/events/record-events';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import { actingUserId } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { deleteImpactRow, deleteImpactSql, lockBlueprintSql, type DeleteImpactRow } from './blueprint-entities.sql';
import { entityCounts, toBlueprintView, type BlueprintRow, type BlueprintView } from './blueprint-view';
import { checkBlueprintSchema } from './check-blueprint-schema';
import { findFailingEntities, type FailingEntities } from './find-failing-entities';
import { bySource, loadRelationDefs, loadRelationDefsTx } from '@/lib/relations/relation-definitions.sql';
import { saveBlueprintRelations } from '@/lib/relations/save-blueprint-relations';
import { toRelationsView, type RelationDef } from '@/lib/relations/relation-types';
import { kickAfterCommit } from '@/lib/scorecards/kick-after-commit';
import { recheckScorecards, recheckScorecardsAfterDelete } from '@/lib/scorecards/scorecard-impacts';
import { isBlueprintId, type CreateBlueprintInput, type PatchBlueprintInput, type ReplaceBlueprintInput } from './schemas';

// Blueprints: a team's entity types. Every query carries the team; every change writes its audit
// row in its own transaction. A schema change is checked against the blueprint's existing
// entities in the same transaction that saves it (the blueprint row locked meanwhile), and each
// saved change bumps `version`, which the entity validator cache keys on.

/** Checking a large catalog against a new schema takes longer than Prisma's 5 s default. */
const SCHEMA_CHANGE_TX = { timeout: 120_000, maxWait: 10_000 };

const notFound = (id: string) => new AppError('not_found', `blueprint "${id}" not found`);

function auditData(b: BlueprintRow, relations: RelationDef[]) {
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    icon: b.icon,
    schema: b.schema,
    relations: toRelationsView(relations),
    version: b.version,
  };
}

async function findOrThrow(db: Db | Prisma.TransactionClient, ctx: TeamContext, id: string): Promise<BlueprintRow> {
  const row = await db.blueprint.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id } } });
  if (!row) throw notFound(id);
  return row;
}

/** Locks the row until the transaction ends: concurrent schema changes (and entity inserts, whose FK check takes KEY SHARE) wait. */
async function lockOrThrow(tx: Prisma.TransactionClient, ctx: TeamContext, id: string, ifMatch?: number[]): Promise<BlueprintRow> {
  await execSql(tx, lockBlueprintSql(ctx.team.id, id));
  const row = await findOrThrow(tx, ctx, id);
  if (ifMatch && !ifMatch.includes(row.version)) {
    throw new AppError(
      'conflict',
      `blueprint "${id}" has changed (it is at version ${row.version}): reload it and apply your change again`,
      {
        reason: 'stale_version',
        version: row.version,
      },
    );
  }
  return row;
}

/** `ifMatch`: the versions of an If-Match header (a stale one is 409 and changes nothing). */

export async function listBlueprints(db: Db, ctx: TeamContext, page: PageParams) {
  requirePermission(ctx, 'blueprint:read');
  // A team has tens of blueprints: the primary key's team_id prefix, then a small sort.
  const rows = await db.blueprint.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'asc', isBlueprintId) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  const ids = items.map((b) => b.id);
  const [counts, defs] = await Promise.all([entityCounts(db, ctx.team.id, ids), loadRelationDefs(db, ctx.team.id, ids)]);
  const relationsOf = bySource(defs);
  return { blueprints: items.map((b) => toBlueprintView(b, counts.get(b.id) ?? 0, relationsOf.get(b.id))), next_cursor: nextCursor };
}

export async function getBlueprint(db: Db, ctx: TeamContext, id: string): Promise<BlueprintView> {
  requirePermission(ctx, 'blueprint:read');
  const row = await findOrThrow(db, ctx, id);
  const [counts, defs] = await Promise.all([entityCounts(db, ctx.team.id, [id]), loadRelationDefs(db, ctx.team.id, [id])]);
  return toBlueprintView(row, counts.get(id) ?? 0, defs);
}

export async function createBlueprint(db: Db, ctx: TeamContext, input: CreateBlueprintInput): Promise<BlueprintView> {
  requirePermission(ctx, 'blueprint:write');
  return db.$transaction((tx) => insertBlueprint(tx, ctx, input));
}

/** A create inside the caller's transaction (an import creates the blueprints its file needs). */
export async function insertBlueprint(tx: Prisma.TransactionClient, ctx: TeamContext, input: CreateBlueprintInput): Promise<BlueprintView> {
  requirePermission(ctx, 'blueprint:write');
  checkBlueprintSchema(input.schema);
  if (await tx.blueprint.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id: input.id } }, select: { id: true } })) {
    throw new AppError('conflict', `the team already has a blueprint "${input.id}"`, { reason: 'already_exists' });
  }
  const row = await tx.blueprint.create({
    data: {
      teamId: ctx.team.id,
      id: input.id,
      title: input.title,
      description: input.description ?? null,
      icon: input.icon ?? null,
      schema: input.schema as Prisma.InputJsonObject,
      createdBy: actingUserId(ctx.actor),
      updatedBy: actingUserId(ctx.actor),
    },
  });
  const { after: relations } = await saveBlueprintRelations(tx, ctx, row.id, input.schema, input.relations ?? {});
  const auditId = await writeAudit(tx, ctx, {
    action: 'blueprint.created',
    entityType: 'blueprint',
    entityId: row.id,
    newData: auditData(row, relations),
  });
  await recordEvent(tx, ctx, { auditId, blueprintId: row.id });
  return toBlueprintView(row, 0, relations);
}

export type UpdateMode = { replace: true; input: ReplaceBlueprintInput } | { replace: false; input: PatchBlueprintInput };

/**
 * PUT (`replace`) sets title, description, icon and schema (absent optional fields become null);
 * PATCH sets the top-level fields given. With a new schema that some existing entities fail,
 * nothing is saved (409 with the count and a sample) unless `force`.
 */
export async function updateBlueprint(
  db: Db,
  ctx: TeamContext,
  id: string,
  mode: UpdateMode,
  options: WriteOptions & { force?: boolean } = {},
): Promise<BlueprintView> {
  requirePermission(ctx, 'blueprint:write');
  const { input } = mode;
  if (mode.replace && mode.input.id !== undefined && mode.input.id !== id) {
    throw new AppError('validation_failed', 'a blueprint cannot be renamed', [
      { path: '/id', message: `must be "${id}" (the blueprint of the URL)` },
    ]);
  }
  const validate: ValidateFunction | null = input.schema ? checkBlueprintSchema(input.schema) : null;
  const { view, bumps } = await db.$transaction((tx) => updateBlueprintIn(tx, ctx, id, mode, validate, options), SCHEMA_CHANGE_TX);
  await kickAfterCommit(bumps);
  return view;
}

/**
 * The update inside the caller's transaction; the caller kicks the returned scorecard bumps after
 * its commit (kickAfterCommit). An import sets the relations that close a cycle this way.
 */
export async function updateBlueprintIn(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  id: string,
  mode: UpdateMode,
  validate: ValidateFunction | null,
  options: WriteOptions & { force?: boolean } = {},
) {
  requirePermission(ctx, 'blueprint:write');
  const { input } = mode;
  const before = await lockOrThrow(tx, ctx, id, options.ifMatch);
  const next = mode.replace
    ? {
        title: mode.input.title,
        description: mode.input.description ?? null,
        icon: mode.input.icon ?? null,
        schema: mode.input.schema,
        relations: mode.input.relations ?? {},
      }
    : {
        title: input.title ?? before.title,
        description: input.description !== undefined ? input.description : before.description,
        icon: input.icon !== undefined ? input.icon : before.icon,
        schema: input.schema ?? before.schema,
        relations: input.relations,
      };
  let failing: FailingEntities | null = null;
  if (validate && !isDeepStrictEqual(before.schema, next.schema)) {
    failing = await findFailingEntities(tx, { teamId: ctx.team.id, blueprintId: id }, validate);
    if (failing.failing_count > 0 && !options.force) {
      const count = failing.failing_count_is_lower_bound
        ? `${failing.failing_count.toLocaleString('en-US')}+`
        : String(failing.failing_count);
      throw new AppError('conflict', `${count} existing entities would fail the new schema; fix them first or send ?force=true`, {
        reason: 'schema_breaks_entities',
        ...failing,
      });
    }
  }
  const saved = await saveBlueprintRelations(tx, ctx, id, next.schema, next.relations, { force: options.force });
  const after = await tx.blueprint.update({
    where: { teamId_id: { teamId: ctx.team.id, id } },
    data: {
      title: next.title,
      description: next.description,
      icon: next.icon,
      schema: next.schema as Prisma.InputJsonValue,
      version: { increment: 1 },
      updatedBy: actingUserId(ctx.actor),
      updatedAt: new Date(),
    },
  });
  // Scorecards typed by this schema or these relations are rechecked (409 scorecard_impact)
  // and get a new generation: lib/scorecards/scorecard-impacts.ts.
  const relationsChanged = !isDeepStrictEqual(toRelationsView(saved.before), toRelationsView(saved.after));
  const bumps = relationsChanged || !isDeepStrictEqual(before.schema, after.schema) ? await recheckScorecards(tx, ctx.team.id, id) : [];
  const forced =
    failing && failing.failing_count > 0
      ? { forced: true, failing_count: failing.failing_count, failing_count_is_lower_bound: failing.failing_count_is_lower_bound }
      : {};
  const removedLinks = saved.removed.length ? { forced: true, removed_links: saved.removed } : {};
  const renamed = saved.renamed.length ? { renamed_relations: saved.renamed } : {};
  const unlinked = saved.unlinked.length ? { forced: true, unlinked_entities: saved.unlinked } : {};
  const auditId = await writeAudit(tx, ctx, {
    action: 'blueprint.updated',
    entityType: 'blueprint',
    entityId: id,
    oldData: auditData(before, saved.before),
    newData: { ...auditData(after, saved.after), ...forced, ...removedLinks, ...renamed, ...unlinked },
  });
  await recordEvent(tx, ctx, { auditId, blueprintId: id });
  const counts = await entityCounts(tx, ctx.team.id, [id]);
  return { view: toBlueprintView(after, counts.get(id) ?? 0, saved.after), bumps };
}

export type DeleteImpact = DeleteImpactRow;
export type DryRunReport = { dry_run: true; blueprint: string; would_delete: DeleteImpact };

async function deleteImpact(db: Db | Prisma.TransactionClient, ctx: TeamContext, id: string): Promise<DeleteImpact> {
  const [row] = await runSql(db, deleteImpactSql(ctx.team.id, id), deleteImpactRow);
  return { ...row };
}

/** What deleting the blueprint would take with it; changes nothing. */
export async function previewDeleteBlueprint(db: Db, ctx: TeamContext, id: string): Promise<DryRunReport> {
  requirePermission(ctx, 'blueprint:delete');
  await findOrThrow(db, ctx, id);
  return { dry_run: true, blueprint: id, would_delete: await deleteImpact(db, ctx, id) };
}

/** Deletes the blueprint; its entities, links, scorecards, actions and mappings go by cascade. */
export async function deleteBlueprint(db: Db, ctx: TeamContext, id: string, options: WriteOptions = {}): Promise<void> {
  requirePermission(ctx, 'blueprint:delete');
  await db.$transaction(async (tx) => {
    const before = await lockOrThrow(tx, ctx, id, options.ifMatch);
    const removed = await deleteImpact(tx, ctx, id);
    const relations = await loadRelationDefsTx(tx, ctx.team.id, id);
    await tx.blueprint.delete({ where: { teamId_id: { teamId: ctx.team.id, id } } });
    await recheckScorecardsAfterDelete(tx, ctx.team.id);
    // Its entities go by cascade with no event each: consumers read blueprint.deleted as theirs too.
    const auditId = await writeAudit(tx, ctx, {
      action: 'blueprint.deleted',
      entityType: 'blueprint',
      entityId: id,
      oldData: { ...auditData(before, relations), deleted: removed },
    });
    await recordEvent(tx, ctx, { auditId, blueprintId: id });
  }, SCHEMA_CHANGE_TX);
}
