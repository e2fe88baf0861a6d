import { writeAudit } from '@/lib/audit/write-audit';
import { recordEvent } from '@/lib/events/record-events';
import type { AuditAction } from '@/lib/domain/audit-actions';
import { actingUserId } from '@/lib/auth/actor';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { loadLinkViews, prepareLinks, relationDefsOf, writeLinks } from '@/lib/relations/entity-links';
import type { ResolvedLink } from '@/lib/relations/resolve-links';
import { entityFaults, throwIfFaults } from './check-entity-input';
import { auditSnapshot, toVersioned, type EntityRecord, type VersionedEntity } from './entity-view';
import { ENTITY_SELECT, getEntityOrThrow } from './get-entity';
import { lockBlueprintOrThrow } from './load-blueprint';
import { applyMergePatch, type Json } from './merge-patch';
import { prismaJson } from './prisma-json';
import type { JsonObject, PatchEntityInput, ReplaceEntityInput } from './schemas';
import { diffEntity } from '@/lib/ingest/compare-entity';
import { knownGroups, ownerFaults } from '@/lib/groups/check-owners';
import { planRescore, rescoreEntities } from '@/lib/scorecards/evaluate/rescore-entities';

/** `ifMatch`: the versions of an If-Match header; a stale one is 409 and changes nothing. */

const stale = (identifier: string, version: number) =>
  new AppError('conflict', `entity "${identifier}" has changed (it is at version ${version}): reload it and apply your change again`, {
    reason: 'stale_version',
    version,
  });

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
  /** `owners` absent: the entity keeps its owners (a restore brings back title and data only). */
  next: { title: string | null; data: JsonObject; owners?: string[] },
  audit: { action: AuditAction; extra?: Record<string, unknown> } = { action: 'entity.updated' },
  links: ResolvedLink[] | null = null,
  /** The links asked for, by relation and target identifiers (null: the links are not changed). */
  wantedRelations: Record<string, unknown> | null = null,
) {
  const user = actingUserId(ctx.actor);
  const oldRelations = (await loadLinkViews(tx, ctx.team.id, [current.id])).get(current.id) ?? {};
  // A save that changes nothing writes nothing: no version, no audit row, no event (a history
  // entry saying "no differences" is noise).
  if (audit.action === 'entity.updated' && !changesEntity(current, oldRelations, next, wantedRelations)) {
    return toVersioned(current, oldRelations);
  }
  const rescore = await planRescore(tx, ctx, current.blueprintId, [current.id]);
  const { count } = await tx.entity.updateMany({
    where: { teamId: ctx.team.id, id: current.id, version },
    data: {
      title: next.title,
      data: prismaJson(next.data),
      ...(next.owners !== undefined && { owners: next.owners }),
      version: { increment: 1 },
      updatedBy: user,
      updatedAt: new Date(),
    },
  });
  if (count === 0) throw stale(current.identifier, version + 1);
  if (links) await writeLinks(tx, ctx, [{ sourceId: current.id, links }]);
  // Scorecard results in the same transaction (lib/scorecards/evaluate/rescore-entities.ts).
  await rescoreEntities(tx, ctx, rescore, [
    { id: current.id, cause: audit.action === 'entity.restored' ? 'entity_restored' : 'entity_updated' },
  ]);
  const relations = links ? ((await loadLinkViews(tx, ctx.team.id, [current.id])).get(current.id) ?? {}) : oldRelations;
  const after = await tx.entity.findUniqueOrThrow({ where: { teamId_id: { teamId: ctx.team.id, id: current.id } }, select: ENTITY_SELECT });
  const auditId = await writeAudit(tx, ctx, {
    action: audit.action,
    entityType: 'entity',
    verbatim: true,
    entityId: current.id,
    oldData: auditSnapshot(current, oldRelations),
    newData: { ...auditSnapshot(after, relations), ...audit.extra },
  });
  await recordEvent(tx, ctx, { auditId, blueprintId: current.blueprintId });
  return toVersioned(after, relations);
}

/** Whether writing `next` (and `wanted` links, when given) would change the entity. */
function changesEntity(
  current: EntityRecord,
  relations: Record<string, string | string[]>,
  next: { title: string | null; data: JsonObject; owners?: string[] },
  wanted: Record<string, unknown> | null,
): boolean {
  const record = {
    index: 0,
    blueprint: current.blueprintId,
    identifier: current.identifier,
    title: next.title,
    properties: next.data,
    ...(next.owners !== undefined && { owners: next.owners }),
    ...(wanted !== null && { relations: wanted as Record<string, string | string[] | null> }),
  };
  return diffEntity({ title: current.title, data: current.data, owners: current.owners, relations }, record) !== null;
}

/** The owners' faults of a write (one query, none when no owners are sent). */
async function ownersFaults(tx: Prisma.TransactionClient, ctx: TeamContext, owners: string[] | undefined) {
  return ownerFaults(owners, await knownGroups(tx, ctx.team.id, [owners]));
}

/** PUT: replaces title (absent = null), data and relations (absent = none); the identifier may be repeated but not changed. */
export async function replaceEntity(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  input: ReplaceEntityInput,
  options: WriteOptions = {},
): Promise<VersionedEntity> {
  requirePermission(ctx, 'entity:write');
  if (input.identifier !== undefined && input.identifier !== identifier) {
    throw new AppError('validation_failed', 'an entity cannot be renamed', [
      { path: '/identifier', message: `must be "${identifier}" (the entity of the URL)` },
    ]);
  }
  return db.$transaction(async (tx) => {
    const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const current = await getEntityOrThrow(tx, ctx, blueprintId, identifier);
    const version = expectedVersion(current, options);
    const defs = await relationDefsOf(tx, ctx, blueprintId);
    const [links] = await prepareLinks(tx, ctx, defs, [{ relations: input.relations ?? {}, requireAll: true, existingId: current.id }]);
    throwIfFaults([...entityFaults(blueprint, input), ...links.faults, ...(await ownersFaults(tx, ctx, input.owners))]);
    const next = { title: input.title ?? null, data: input.data, owners: input.owners ?? [] };
    return writeIfUnchanged(tx, ctx, current, version, next, undefined, links.links ?? [], input.relations ?? {});
  });
}

/**
 * PATCH: an RFC 7396 merge patch of {title, data, relations} over the current entity (a relation
 * set to null loses its links; an array replaces the relation's targets whole); the result is
 * validated, required relations included when `relations` is patched.
 */
export async function patchEntity(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  patch: PatchEntityInput,
  options: WriteOptions = {},
): Promise<VersionedEntity> {
  requirePermission(ctx, 'entity:write');
  return db.$transaction(async (tx) => {
    const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const current = await getEntityOrThrow(tx, ctx, blueprintId, identifier);
    const version = expectedVersion(current, options);
    const { relations, owners, ...rest } = patch;
    const merged = applyMergePatch({ title: current.title, data: current.data as Json }, rest as Json) as {
      title?: string | null;
      data?: JsonObject;
    };
    // An owners array replaces the list whole (RFC 7396 treats arrays as values); null clears it.
    const next = { title: merged.title ?? null, data: merged.data ?? {}, owners: owners === undefined ? undefined : (owners ?? []) };
    let wanted: Record<string, unknown> | null = null;
    if (relations !== undefined) {
      const now = (await loadLinkViews(tx, ctx.team.id, [current.id])).get(current.id) ?? {};
      wanted = applyMergePatch(now as Json, relations as Json) as Record<string, unknown>;
    }
    const defs = wanted ? await relationDefsOf(tx, ctx, blueprintId) : [];
    const [links] = await prepareLinks(tx, ctx, defs, [{ relations: wanted, requireAll: true, existingId: current.id }]);
    throwIfFaults([...entityFaults(blueprint, { data: next.data }), ...links.faults, ...(await ownersFaults(tx, ctx, next.owners))]);
    return writeIfUnchanged(tx, ctx, current, version, next, undefined, links.links, wanted);
  });
}
