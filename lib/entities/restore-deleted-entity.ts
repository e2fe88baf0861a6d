import { writeAudit } from '@/lib/audit/write-audit';
import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-events';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ValidatedBlueprint } from '@/lib/validation/blueprint-validator';
import { loadLinkViews, prepareLinks, relationDefsOf, writeLinks, type IncomingLinks, type LinksView } from '@/lib/relations/entity-links';
import { planRescore, rescoreEntities } from '@/lib/scorecards/evaluate/rescore-entities';
import { entityFaults, throwIfFaults } from './check-entity-input';
import { auditSnapshot, toVersioned, type VersionedEntity } from './entity-view';
import { ENTITY_SELECT } from './get-entity';
import { prismaJson } from './prisma-json';
import type { JsonObject } from './schemas';

// Restore of a DELETED entity (the Undo of a delete, and the API's restore with `entity_id`): the
// entity comes back under its old row id, so its history goes on (the deleted version, then the
// restored one as the next version), with its own outgoing links as they were when it was deleted.
// Links other entities held to it went with it and are not in the record in full (a sample), so a
// deletion that removed any is refused (409): restoring it would quietly leave them out.

type DeletedSnapshot = {
  identifier?: string;
  blueprint?: string;
  version?: number;
  relations?: LinksView;
  removed_incoming_links?: IncomingLinks;
};
type VersionSnapshot = { title?: string | null; data?: unknown; relations?: LinksView };

const gone = (identifier: string, blueprintId: string) =>
  new AppError('not_found', `entity "${identifier}" not found in blueprint "${blueprintId}", and no deletion of it to restore`);

/** The entity's last audit row, if it is its deletion from this blueprint under this identifier. */
async function findDeletionOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  entityId: string,
  blueprintId: string,
  identifier: string,
) {
  // idx_audit_logs_entity (team_id, entity_type, entity_id, created_at DESC): the newest row first.
  const last = await tx.auditLog.findFirst({
    where: { teamId: ctx.team.id, entityType: 'entity', entityId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { action: true, oldData: true },
  });
  const deleted = last?.oldData as DeletedSnapshot | null | undefined;
  // Deletions recorded before the blueprint was written in the row cannot be placed: not restorable.
  if (last?.action !== 'entity.deleted' || deleted?.identifier !== identifier || deleted.blueprint !== blueprintId) {
    throw gone(identifier, blueprintId);
  }
  return deleted;
}

/**
 * Inside the restore's transaction, with the blueprint locked and no entity under `identifier`:
 * re-inserts entity `entityId` with `version`'s title and data as version (deleted version + 1),
 * checked against the current schema and relations (422), audited as `entity.restored`.
 */
export async function restoreDeletedEntity(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprint: ValidatedBlueprint,
  identifier: string,
  entityId: string,
  version: number,
  findVersion: (version: number) => Promise<VersionSnapshot>,
): Promise<VersionedEntity> {
  const blueprintId = blueprint.id;
  const deleted = await findDeletionOrThrow(tx, ctx, entityId, blueprintId, identifier);
  const lost = deleted.removed_incoming_links?.count ?? 0;
  if (lost > 0) {
    throw new AppError(
      'conflict',
      `entity "${identifier}" was deleted with ${lost} link(s) from other entities, which a restore cannot bring back: create it again and relink them`,
      { reason: 'incoming_links_removed', count: lost },
    );
  }
  const old = await findVersion(version);
  const data = old.data as JsonObject;
  // The links it held when deleted (a cascade may have removed some since its last version).
  const relations = (version === deleted.version ? deleted.relations : old.relations) ?? {};
  const defs = await relationDefsOf(tx, ctx, blueprintId);
  const [links] = await prepareLinks(tx, ctx, defs, [{ relations, requireAll: true, existingId: null }]);
  throwIfFaults([...entityFaults(blueprint, { data }), ...links.faults]);

  const user = actingUserId(ctx.actor);
  const rescore = await planRescore(tx, ctx, blueprintId, []);
  const restored = await tx.entity.create({
    data: {
      teamId: ctx.team.id,
      id: entityId,
      blueprintId,
      identifier,
      title: old.title ?? null,
      data: prismaJson(data),
      version: (deleted.version ?? 0) + 1,
      createdBy: user,
      updatedBy: user,
    },
    select: ENTITY_SELECT,
  });
  if (links.links?.length) await writeLinks(tx, ctx, [{ sourceId: restored.id, links: links.links }]);
  await rescoreEntities(tx, ctx, rescore, [{ id: restored.id, cause: 'entity_restored' }]);
  const view = (await loadLinkViews(tx, ctx.team.id, [restored.id])).get(restored.id) ?? {};
  const auditId = await writeAudit(tx, ctx, {
    action: 'entity.restored',
    entityType: 'entity',
    verbatim: true,
    entityId: restored.id,
    newData: { ...auditSnapshot(restored, view), restored_version: version, restored_deleted: true },
  });
  await recordEvent(tx, ctx, { auditId, blueprintId });
  return toVersioned(restored, view);
}
