import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { getEntityOrThrow } from './get-entity';
import { loadBlueprintOrThrow } from './load-blueprint';

// An entity's versions, read back from the audit log (every write audits the whole {title, data}),
// newest first, keyset-paginated on (created_at, id): idx_audit_logs_entity
// (team_id, entity_type, entity_id, created_at DESC) serves it.

export type HistoryItem = {
  id: string;
  action: string;
  version: number | null;
  /** `entity.restored`: the version whose title and data this one copies. */
  restored_version: number | null;
  title: string | null;
  data: Prisma.JsonValue;
  /** The links it held, by relation id, when its audit row recorded them (null when it did not). */
  relations: Record<string, string | string[]> | null;
  actor_type: string;
  user_id: string | null;
  api_key_id: string | null;
  /** Who, for people to read: the user's name (or email), and the API key's name for a key's write. */
  actor_name: string | null;
  api_key_name: string | null;
  created_at: string;
};

type Snapshot = {
  title?: string | null;
  data?: Prisma.JsonValue;
  relations?: Record<string, string | string[]>;
  version?: number;
  restored_version?: number;
} | null;

export async function listEntityHistory(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, page: PageParams) {
  requirePermission(ctx, 'entity:read');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const entity = await getEntityOrThrow(db, ctx, blueprintId, identifier);
  const rows = await db.auditLog.findMany({
    where: { teamId: ctx.team.id, entityType: 'entity', entityId: entity.id, ...afterCursor(page.cursor, 'desc') },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    include: { user: { select: { name: true, email: true } } },
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  const keyIds = [...new Set(items.flatMap((r) => (r.apiKeyId ? [r.apiKeyId] : [])))];
  const keys = keyIds.length
    ? await db.apiKey.findMany({ where: { teamId: ctx.team.id, id: { in: keyIds } }, select: { id: true, name: true } })
    : [];
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  const versions: HistoryItem[] = items.map((r) => {
    const snap = (r.newData ?? r.oldData) as Snapshot;
    return {
      id: r.id,
      action: r.action,
      version: snap?.version ?? null,
      restored_version: snap?.restored_version ?? null,
      title: snap?.title ?? null,
      data: snap?.data ?? null,
      relations: snap?.relations && typeof snap.relations === 'object' && !Array.isArray(snap.relations) ? snap.relations : null,
      actor_type: r.actorType,
      user_id: r.userId,
      api_key_id: r.apiKeyId,
      actor_name: r.user?.name || r.user?.email || null,
      api_key_name: r.apiKeyId ? (keyName.get(r.apiKeyId) ?? null) : null,
      created_at: r.createdAt.toISOString(),
    };
  });
  return { versions, next_cursor: nextCursor };
}
