import type { Db } from '@/lib/db/prisma';
import { isUuid } from '@/lib/domain/uuid';

// An entity's audit row names the entity by its id (a UUID), which no person reads. The audit page
// shows the entity's title and blueprint instead, linked to its page: read here, per page of rows,
// in two small queries (never one per row). An entity deleted since keeps the name its rows
// recorded, and the blueprint its deletion recorded (delete-entity.ts writes `blueprint`).

export type AuditEntityName = {
  identifier: string | null;
  title: string | null;
  blueprint: { id: string; title: string | null } | null;
  /** Whether the entity is still there (its page can be linked). */
  exists: boolean;
};

type Row = { id: string; entityType: string; entityId: string; oldData: unknown; newData: unknown };

function field(data: unknown, key: string): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, key)) return null;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/** The names of the entities a page of audit rows is about, by entity id. */
export async function loadAuditEntityNames(db: Db, teamId: string, rows: Row[]): Promise<Map<string, AuditEntityName>> {
  const entityRows = rows.filter((r) => r.entityType === 'entity' && isUuid(r.entityId));
  const ids = [...new Set(entityRows.map((r) => r.entityId))];
  const names = new Map<string, AuditEntityName>();
  if (ids.length === 0) return names;
  // entities_pkey (team_id, id): at most one page of ids.
  const live = await db.entity.findMany({
    where: { teamId, id: { in: ids } },
    select: { id: true, identifier: true, title: true, blueprintId: true, blueprint: { select: { title: true } } },
  });
  for (const e of live) {
    names.set(e.id, { identifier: e.identifier, title: e.title, blueprint: { id: e.blueprintId, title: e.blueprint.title }, exists: true });
  }
  const gone = ids.filter((id) => !names.has(id));
  if (gone.length === 0) return names;
  // idx_audit_logs_entity (team_id, entity_type, entity_id, created_at DESC): each gone entity's deletion.
  const deletions = await db.auditLog.findMany({
    where: { teamId, entityType: 'entity', entityId: { in: gone }, action: 'entity.deleted' },
    orderBy: { createdAt: 'desc' },
    select: { entityId: true, oldData: true },
  });
  const blueprintOf = new Map<string, string>();
  for (const d of deletions) {
    const bp = field(d.oldData, 'blueprint');
    if (bp && !blueprintOf.has(d.entityId)) blueprintOf.set(d.entityId, bp);
  }
  const blueprintIds = [...new Set(blueprintOf.values())];
  const blueprints = blueprintIds.length
    ? await db.blueprint.findMany({ where: { teamId, id: { in: blueprintIds } }, select: { id: true, title: true } })
    : [];
  const blueprintTitle = new Map(blueprints.map((b) => [b.id, b.title]));
  for (const id of gone) {
    // The newest snapshot this page holds of it (rows come newest first).
    const row = entityRows.find((r) => r.entityId === id)!;
    const snapshot = row.newData ?? row.oldData;
    const bp = blueprintOf.get(id);
    names.set(id, {
      identifier: field(snapshot, 'identifier'),
      title: field(snapshot, 'title'),
      blueprint: bp ? { id: bp, title: blueprintTitle.get(bp) ?? null } : null,
      exists: false,
    });
  }
  return names;
}
