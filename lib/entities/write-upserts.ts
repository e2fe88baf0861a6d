import { auditRow } from '@/lib/audit/write-audit';
import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Prisma } from '@/lib/generated/prisma/client';
import { auditSnapshot } from './entity-view';
import { upsertEntitiesSql, type UpsertedRow, type UpsertRow } from './upsert-entities.sql';

/**
 * Upserts already-validated rows in one statement and writes their audit rows (one createMany),
 * inside the caller's transaction. Returns the written rows in no particular order.
 */
export async function writeUpserts(tx: Prisma.TransactionClient, ctx: TeamContext, blueprintId: string, rows: UpsertRow[]): Promise<UpsertedRow[]> {
  if (rows.length === 0) return [];
  const written = await tx.$queryRaw<UpsertedRow[]>(upsertEntitiesSql({ teamId: ctx.team.id, blueprintId }, actingUserId(ctx.actor), rows));
  await tx.auditLog.createMany({
    data: written.map((w) =>
      auditRow(ctx, {
        action: w.created ? 'entity.created' : 'entity.updated',
        entityType: 'entity',
        entityId: w.id,
        oldData: w.created ? undefined : { identifier: w.identifier, title: w.old_title, data: w.old_data, version: w.version - 1 },
        newData: auditSnapshot(w),
      }),
    ),
  });
  return written;
}

export function recordOf(w: UpsertedRow, blueprintId: string) {
  return {
    id: w.id,
    identifier: w.identifier,
    blueprintId,
    title: w.title,
    data: w.data,
    version: w.version,
    createdBy: w.created_by,
    updatedBy: w.updated_by,
    createdAt: w.created_at,
    updatedAt: w.updated_at,
  };
}
