import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { entityFaults } from './check-entity-input';
import type { VersionedEntity } from './entity-view';
import { entityNotFound, findEntity } from './get-entity';
import { lockBlueprintOrThrow } from './load-blueprint';
import { restoreDeletedEntity } from './restore-deleted-entity';
import type { JsonObject } from './schemas';
import { expectedVersion, writeIfUnchanged } from './update-entity';

// Restore: an old version's title and data become a NEW version (history is never rewritten), so
// a restore is itself a change that can be undone. The old version is read from the entity's own
// audit rows, whose new_data holds every version's full snapshot. A deleted entity is restored too
// when the caller names its row id (`entity_id`: restore-deleted-entity.ts), the Undo of a delete.

type Snapshot = { title?: string | null; data?: unknown; version?: number; relations?: Record<string, string | string[]> };

/** The snapshot of `version` of this entity (by its row id, so a deleted namesake never leaks in). */
async function findVersionOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  entityId: string,
  identifier: string,
  version: number,
): Promise<Snapshot> {
  // idx_audit_logs_entity (team_id, entity_type, entity_id, created_at DESC) narrows to this entity's rows.
  const row = await tx.auditLog.findFirst({
    where: { teamId: ctx.team.id, entityType: 'entity', entityId, newData: { path: ['version'], equals: version } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { newData: true },
  });
  const snap = row?.newData as Snapshot | null | undefined;
  if (!snap || typeof snap.data !== 'object' || snap.data === null || Array.isArray(snap.data)) {
    throw new AppError('not_found', `entity "${identifier}" has no version ${version}`);
  }
  return snap;
}

/**
 * POST .../restore: writes `version`'s title and data as the entity's next version, if they still
 * fit the blueprint's CURRENT schema (else 422 with the faults), audited as `entity.restored`
 * (old and new snapshots, and `restored_version`) in the same transaction. If-Match honoured.
 * `entityId` (optional) names the entity by its row id: if no entity holds `identifier` any more,
 * that deleted entity comes back; if another one holds it now, 409.
 */
export async function restoreEntity(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  version: number,
  options: WriteOptions & { entityId?: string } = {},
): Promise<VersionedEntity> {
  requirePermission(ctx, 'entity:write');
  return db.$transaction(async (tx) => {
    const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
    const current = await findEntity(tx, ctx, blueprintId, identifier);
    const { entityId } = options;
    if (!current && entityId) {
      const findVersion = (v: number) => findVersionOrThrow(tx, ctx, entityId, identifier, v);
      return restoreDeletedEntity(tx, ctx, blueprint, identifier, entityId, version, findVersion);
    }
    if (!current) throw entityNotFound(identifier, blueprintId);
    if (entityId && entityId !== current.id) {
      throw new AppError('conflict', `another entity "${identifier}" exists in blueprint "${blueprintId}" now: delete or rename it first`, {
        reason: 'already_exists',
      });
    }
    const expected = expectedVersion(current, options);
    const old = await findVersionOrThrow(tx, ctx, current.id, identifier, version);
    const next = { title: old.title ?? null, data: old.data as JsonObject };
    const faults = entityFaults(blueprint, { data: next.data });
    if (faults.length) {
      throw new AppError(
        'validation_failed',
        `version ${version} no longer fits the blueprint's current schema: edit the entity instead`,
        faults,
      );
    }
    return writeIfUnchanged(tx, ctx, current, expected, next, { action: 'entity.restored', extra: { restored_version: version } });
  });
}
