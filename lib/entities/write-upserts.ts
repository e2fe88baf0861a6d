import { auditActorOf } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import {
  upsertedKey,
  upsertedRow,
  upsertEntitiesSql,
  type EntityRow,
  type UpsertedKey,
  type UpsertedRow,
  type UpsertRow,
} from './upsert-entities.sql';

/**
 * Upserts already-validated rows and writes their audit rows, in one statement inside the caller's
 * transaction. Returns the written rows in no particular order. `integrationId`: the integration
 * writing them (entities.integration_id, what its full syncs may delete).
 */
export async function writeUpserts(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  rows: UpsertRow[],
  options: { integrationId?: string | null } = {},
): Promise<UpsertedRow[]> {
  if (rows.length === 0) return [];
  // auditActorOf credits the acting person (a key's creator): the entities' created_by/updated_by.
  const sql = upsertEntitiesSql(scopeOf(ctx, blueprintId, options), auditActorOf(ctx), rows, { withOldData: rows.length === 1 });
  return runSql(tx, sql, upsertedRow);
}

/** writeUpserts for a batch: the same statement, answering each entity's id and whether it is new. */
export async function writeUpsertKeys(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  rows: UpsertRow[],
  options: { integrationId?: string | null } = {},
): Promise<UpsertedKey[]> {
  if (rows.length === 0) return [];
  const sql = upsertEntitiesSql(scopeOf(ctx, blueprintId, options), auditActorOf(ctx), rows, {
    withOldData: rows.length === 1,
    keysOnly: true,
  });
  return runSql(tx, sql, upsertedKey);
}

function scopeOf(ctx: TeamContext, blueprintId: string, options: { integrationId?: string | null }) {
  return { teamId: ctx.team.id, blueprintId, integrationId: options.integrationId ?? null };
}

export function recordOf(w: EntityRow, blueprintId: string) {
  return {
    id: w.id,
    identifier: w.identifier,
    blueprintId,
    title: w.title,
    data: w.data,
    owners: w.owners,
    version: w.version,
    createdBy: w.created_by,
    updatedBy: w.updated_by,
    createdAt: w.created_at,
    updatedAt: w.updated_at,
  };
}
