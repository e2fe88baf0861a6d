import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage } from '@/lib/http/pagination';
import { loadAuditEntityNames, type AuditEntityName } from './audit-entity-names';

export type AuditFilters = {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  since?: Date;
  until?: Date;
};

export type AuditLogView = {
  id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  actor: {
    type: string;
    user_id: string | null;
    api_key_id: string | null;
    name: string | null;
    email: string | null;
    api_key_name: string | null;
    /** A system row: the automation or integration the system acted for. */
    on_behalf: { type: string; id: string } | null;
  };
  /** An entity's row: the entity's identifier, title and blueprint (audit-entity-names.ts); else null. */
  entity: AuditEntityName | null;
  old_data: unknown;
  new_data: unknown;
  ip_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: string;
};

/**
 * The team's audit log, newest first, keyset-paginated on (created_at, id) through
 * idx_audit_logs_team (or idx_audit_logs_entity / _user when those filters are given). Actor names
 * come from one join per page, not one query per row.
 */
export async function listAuditLogs(db: Db, ctx: TeamContext, filters: AuditFilters, page: { limit: number; cursor?: string | null }) {
  requirePermission(ctx, 'team:manage');
  const where: Prisma.AuditLogWhereInput = {
    teamId: ctx.team.id,
    ...(filters.entityType && { entityType: filters.entityType }),
    ...(filters.entityId && { entityId: filters.entityId }),
    ...(filters.action && { action: filters.action }),
    ...(filters.actorId && { OR: [{ userId: filters.actorId }, { apiKeyId: filters.actorId }] }),
    ...((filters.since || filters.until) && {
      createdAt: { ...(filters.since && { gte: filters.since }), ...(filters.until && { lt: filters.until }) },
    }),
  };
  const rows = await db.auditLog.findMany({
    where: { AND: [where, afterCursor(page.cursor, 'desc')] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    include: { user: { select: { name: true, email: true } } },
  });
  const { items: pageRows, nextCursor } = toPage(rows, page.limit);
  const keyIds = [...new Set(pageRows.map((r) => r.apiKeyId).filter((id): id is string => !!id))];
  const keys = keyIds.length
    ? await db.apiKey.findMany({ where: { teamId: ctx.team.id, id: { in: keyIds } }, select: { id: true, name: true } })
    : [];
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  const entityNames = await loadAuditEntityNames(db, ctx.team.id, pageRows);
  return {
    audit_logs: pageRows.map((r): AuditLogView => ({
      id: r.id,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      actor: {
        type: r.actorType,
        user_id: r.userId,
        api_key_id: r.apiKeyId,
        name: r.user?.name ?? null,
        email: r.user?.email ?? null,
        api_key_name: r.apiKeyId ? (keyName.get(r.apiKeyId) ?? null) : null,
        on_behalf: r.onBehalfType && r.onBehalfId ? { type: r.onBehalfType, id: r.onBehalfId } : null,
      },
      entity: r.entityType === 'entity' ? (entityNames.get(r.entityId) ?? null) : null,
      old_data: r.oldData,
      new_data: r.newData,
      ip_address: r.ipAddress,
      user_agent: r.userAgent,
      request_id: r.requestId,
      created_at: r.createdAt.toISOString(),
    })),
    next_cursor: nextCursor,
  };
}
