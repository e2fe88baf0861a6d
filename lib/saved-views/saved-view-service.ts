import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { VIEW_LIMITS, type SavedViewInput } from '@/lib/domain/saved-views';
import { loadBlueprintOrThrow, lockBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { applyMergePatch, type Json } from '@/lib/entities/merge-patch';
import { prismaJson } from '@/lib/entities/prisma-json';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { validateBody } from '@/lib/http/request-body';
import { checkSavedView, type CheckedView } from './check-saved-view';
import { findSavedViewOrThrow, lockSavedViewOrThrow, viewerOf, visibleTo } from './load-saved-view';
import { replaceSavedViewBody, type ReplaceSavedViewInput } from './saved-view-schemas';
import { bodyOf, toSavedViewView, type SavedViewRow, type SavedViewView } from './saved-view-view';

// Saved views of a blueprint's catalog table (API.md "Saved views"). Reading and keeping views of
// one's own takes entity:read; a shared view (making one, changing or deleting one, making a view
// the default) takes entity:write too. A private view is its owner's: a person's, or for an API key
// its creator's (the key acts for them, its permissions capped by theirs); the system has none.
// One default per blueprint, a shared view: setting it takes the flag from the previous one.
// Each write is one transaction with its audit row, and bumps version (the ETag).

export type SavedViewWithVersion = { view: SavedViewView; version: number };

const withVersion = (row: SavedViewRow): SavedViewWithVersion => ({ view: toSavedViewView(row), version: row.version });
const auditData = (view: SavedViewView) => ({ ...bodyOf(view), blueprint: view.blueprint });
const jsonOrNull = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : prismaJson(value));

/** Who owns a view written as `shared`: nobody (the team), or the caller's person; checks the permission sharing needs. */
function ownerFor(ctx: TeamContext, shared: boolean, isDefault: boolean): string | null {
  if (shared) {
    requirePermission(ctx, 'entity:write');
    return null;
  }
  if (isDefault)
    throw new AppError('validation_failed', 'only a shared view can be the default', [
      { path: '/default', message: 'is only allowed with "shared": true' },
    ]);
  const me = viewerOf(ctx);
  if (!me)
    throw new AppError('validation_failed', 'a private view belongs to a person', [
      { path: '/shared', message: 'must be true for the system' },
    ]);
  return me;
}

function rowData(input: ReplaceSavedViewInput, checked: CheckedView) {
  return {
    title: input.title,
    isDefault: input.default ?? false,
    query: jsonOrNull(checked.query),
    sort: prismaJson(checked.sort),
    columns: jsonOrNull(checked.columns),
    pageSize: input.page_size ?? null,
  };
}

async function checkRoom(tx: Prisma.TransactionClient, ctx: TeamContext, blueprintId: string, ownerId: string | null) {
  const count = await tx.savedView.count({ where: { teamId: ctx.team.id, blueprintId, ownerId } });
  if (count >= VIEW_LIMITS.maxPerOwner) {
    const whose = ownerId ? 'you have' : 'the team has';
    throw new AppError('conflict', `${whose} ${VIEW_LIMITS.maxPerOwner} views of blueprint "${blueprintId}" already: delete one first`, {
      reason: 'limit_reached',
      limit: 'maxPerOwner',
    });
  }
}

/** The blueprint's previous default loses the flag (its version bumped), when this one takes it. */
async function takeDefault(tx: Prisma.TransactionClient, ctx: TeamContext, blueprintId: string, exceptId: string | null) {
  await tx.savedView.updateMany({
    where: { teamId: ctx.team.id, blueprintId, isDefault: true, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    data: { isDefault: false, version: { increment: 1 }, updatedAt: new Date() },
  });
}

export async function listSavedViews(db: Db, ctx: TeamContext, blueprintId: string): Promise<{ views: SavedViewView[] }> {
  requirePermission(ctx, 'entity:read');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  // Bounded (100 shared + 100 own): the unique key's (team_id, blueprint_id) prefix, then a small sort.
  const rows = await db.savedView.findMany({
    where: { teamId: ctx.team.id, blueprintId, ...visibleTo(ctx) },
    orderBy: [{ title: 'asc' }, { identifier: 'asc' }],
  });
  return { views: rows.map(toSavedViewView) };
}

export async function getSavedView(db: Db, ctx: TeamContext, blueprintId: string, identifier: string): Promise<SavedViewWithVersion> {
  requirePermission(ctx, 'entity:read');
  return withVersion(await findSavedViewOrThrow(db, ctx, blueprintId, identifier));
}

export async function createSavedView(db: Db, ctx: TeamContext, blueprintId: string, input: SavedViewInput): Promise<SavedViewWithVersion> {
  requirePermission(ctx, 'entity:read');
  const ownerId = ownerFor(ctx, input.shared ?? false, input.default ?? false);
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  const checked = await checkSavedView(db, ctx, blueprint, input);
  const row = await db.$transaction(async (tx) => {
    await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const key = { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId, identifier: input.identifier } };
    if (await tx.savedView.findUnique({ where: key, select: { id: true } })) {
      throw new AppError('conflict', `blueprint "${blueprintId}" already has a view "${input.identifier}": choose another identifier`, {
        reason: 'already_exists',
      });
    }
    await checkRoom(tx, ctx, blueprintId, ownerId);
    if (input.default) await takeDefault(tx, ctx, blueprintId, null);
    const created = await tx.savedView.create({
      data: {
        teamId: ctx.team.id,
        blueprintId,
        identifier: input.identifier,
        ownerId,
        createdBy: viewerOf(ctx),
        ...rowData(input, checked),
      },
    });
    await writeAudit(tx, ctx, {
      action: 'view.created',
      entityType: 'view',
      entityId: created.id,
      verbatim: true,
      newData: auditData(toSavedViewView(created)),
    });
    return created;
  });
  return withVersion(row);
}

export type UpdateSavedViewMode = { replace: true; input: ReplaceSavedViewInput } | { replace: false; patch: Record<string, unknown> };

/** PUT replaces the whole view (absent fields: none, private, not the default); PATCH merges (RFC 7396) into it. */
export async function updateSavedView(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  mode: UpdateSavedViewMode,
  options: WriteOptions = {},
): Promise<SavedViewWithVersion> {
  requirePermission(ctx, 'entity:read');
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  const current = await findSavedViewOrThrow(db, ctx, blueprintId, identifier);
  const merge = (before: SavedViewRow) =>
    mode.replace
      ? mode.input
      : validateBody(replaceSavedViewBody, applyMergePatch(bodyOf(toSavedViewView(before)) as Json, mode.patch as Json));
  // Checked before the transaction against the view as read; the write re-merges on the locked row.
  const checked = await checkSavedView(db, ctx, blueprint, merge(current));
  const row = await db.$transaction(async (tx) => {
    await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const before = await lockSavedViewOrThrow(tx, ctx, blueprintId, identifier, options.ifMatch);
    if (before.ownerId === null) requirePermission(ctx, 'entity:write');
    const input = merge(before);
    // Changed since it was read (no If-Match given): the merged body is checked again.
    const final = mode.replace || before.version === current.version ? checked : await checkSavedView(db, ctx, blueprint, input);
    if (input.identifier !== undefined && input.identifier !== identifier) {
      throw new AppError('validation_failed', 'a view cannot be renamed', [
        { path: '/identifier', message: `must be "${identifier}" (the view of the URL); the title can change` },
      ]);
    }
    const ownerId = ownerFor(ctx, input.shared ?? false, input.default ?? false);
    if (ownerId !== before.ownerId) await checkRoom(tx, ctx, blueprintId, ownerId);
    if (input.default) await takeDefault(tx, ctx, blueprintId, before.id);
    const after = await tx.savedView.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.id } },
      data: { ...rowData(input, final), ownerId, version: { increment: 1 }, updatedAt: new Date() },
    });
    await writeAudit(tx, ctx, {
      action: 'view.updated',
      entityType: 'view',
      entityId: after.id,
      verbatim: true,
      oldData: auditData(toSavedViewView(before)),
      newData: auditData(toSavedViewView(after)),
    });
    return after;
  });
  return withVersion(row);
}

export async function deleteSavedView(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, options: WriteOptions = {}) {
  requirePermission(ctx, 'entity:read');
  await db.$transaction(async (tx) => {
    await loadBlueprintOrThrow(tx, ctx, blueprintId);
    const before = await lockSavedViewOrThrow(tx, ctx, blueprintId, identifier, options.ifMatch);
    if (before.ownerId === null) requirePermission(ctx, 'entity:write');
    await tx.savedView.delete({ where: { teamId_id: { teamId: ctx.team.id, id: before.id } } });
    await writeAudit(tx, ctx, {
      action: 'view.deleted',
      entityType: 'view',
      entityId: before.id,
      verbatim: true,
      oldData: auditData(toSavedViewView(before)),
    });
  });
}
