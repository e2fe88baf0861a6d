import { writeAudit } from '@/lib/audit/write-audit';
import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { checkEntityInput } from './check-entity-input';
import { auditSnapshot, toVersioned, type EntityRecord, type VersionedEntity } from './entity-view';
import { ENTITY_SELECT, getEntityOrThrow } from './get-entity';
import { lockBlueprintOrThrow } from './load-blueprint';
import { applyMergePatch, type Json } from './merge-patch';
import type { JsonObject, PatchEntityInput, ReplaceEntityInput } from './schemas';

/** `ifMatch`: the versions of an If-Match header; a stale one is 409 and changes nothing. */

const stale = (identifier: string, version: number) =>
  new AppError('conflict', `entity "${identifier}" has changed (it is at version ${version}): reload it and apply your change again`);

/** The version a write may replace: the one read, if the If-Match header names it. */
export function expectedVersion(current: EntityRecord, options: WriteOptions): number {
  if (options.ifMatch && !options.ifMatch.includes(current.version)) throw stale(current.identifier, current.version);
  return current.version;
}

/**
 * Writes `next` over `current` only if the row is still at the version read: the check is in the
 * UPDATE's WHERE clause, so of two writers holding the same ETag exactly one matches a row; the
 * other (blocked on the row lock, then re-checking) matches none and gets 409. `audit` names the
 * action (a restore is `entity.restored`) and what its new_data records besides the snapshot.
 */
export async function writeIfUnchanged(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  current: EntityRecord,
  version: number,
  next: { title: string | null; data: JsonObject },
  audit: { action: string; extra?: Record<string, unknown> } = { action: 'entity.updated' },
) {
  const user = actingUserId(ctx.actor);
  const { count } = await tx.entity.updateMany({
    where: { teamId: ctx.team.id, id: current.id, version },
    data: { title: next.title, data: next.data as Prisma.InputJsonObject, version: { increment: 1 }, updatedBy: user, updatedAt: new Date() },
  });
  if (count === 0) throw stale(current.identifier, version + 1);
  const after = await tx.entity.findUniqueOrThrow({ where: { teamId_id: { teamId: ctx.team.id, id: current.id } }, select: ENTITY_SELECT });
  await writeAudit(tx, ctx, { action: audit.action, entityType: 'entity', verbatim: true, entityId: current.id, oldData: auditSnapshot(current), newData: { ...auditSnapshot(after), ...audit.extra } });
  return toVersioned(after);
}

/** PUT: replaces title (absent = null) and data; the identifier may be repeated but not changed. */
export async function replaceEntity(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, input: ReplaceEntityInput, options: WriteOptions = {}): Promise<VersionedEntity> {
  if (input.identifier !== undefined && input.identifier !== identifier) {
    throw new AppError('validation_failed', 'an entity cannot be renamed', [{ path: '/identifier', message: `must be "${identifier}" (the entity of the URL)` }]);
  }
  return db.$transaction(async (tx) => {
    checkEntityInput(await lockBlueprintOrThrow(tx, ctx, blueprintId), input);
    const current = await getEntityOrThrow(tx, ctx, blueprintId, identifier);
    return writeIfUnchanged(tx, ctx, current, expectedVersion(current, options), { title: input.title ?? null, data: input.data });
  });
}

/** PATCH: an RFC 7396 merge patch of {title, data} over the current entity; the result is validated. */
export async function patchEntity(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, patch: PatchEntityInput, options: WriteOptions = {}): Promise<VersionedEntity> {
  return db.$transaction(async (tx) => {
    const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const current = await getEntityOrThrow(tx, ctx, blueprintId, identifier);
    const version = expectedVersion(current, options);
    const { relations, ...rest } = patch;
    const merged = applyMergePatch({ title: current.title, data: current.data as Json }, rest as Json) as { title?: string | null; data?: JsonObject };
    const next = { title: merged.title ?? null, data: merged.data ?? {} };
    checkEntityInput(blueprint, { data: next.data, relations });
    return writeIfUnchanged(tx, ctx, current, version, next);
  });
}
