import { writeAudit } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { auditSnapshot } from './entity-view';
import { getEntityOrThrow } from './get-entity';
import { loadBlueprintOrThrow } from './load-blueprint';
import type { WriteOptions } from '@/lib/http/etag';
import { expectedVersion } from './update-entity';

/** DELETE: removes the entity if it is still at the version read (and the If-Match one, if sent). */
export async function deleteEntity(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, options: WriteOptions = {}): Promise<void> {
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  await db.$transaction(async (tx) => {
    const current = await getEntityOrThrow(tx, ctx, blueprintId, identifier);
    const version = expectedVersion(current, options);
    const { count } = await tx.entity.deleteMany({ where: { teamId: ctx.team.id, id: current.id, version } });
    if (count === 0) throw new AppError('conflict', `entity "${identifier}" has changed: reload it and try again`);
    await writeAudit(tx, ctx, { action: 'entity.deleted', entityType: 'entity', verbatim: true, entityId: current.id, oldData: auditSnapshot(current) });
  });
}
