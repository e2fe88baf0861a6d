import type { Db } from '@/lib/db/prisma';
import { afterCursor, toPage } from '@/lib/http/pagination';

export type EntityRow = {
  id: string;
  identifier: string;
  title: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
};

export type EntityPage = { entities: EntityRow[]; nextCursor: string | null };

/**
 * One page of a blueprint's entities, newest first, by keyset: (created_at, id) below the cursor.
 * Served by idx_entities_list (team_id, blueprint_id, created_at DESC, id DESC) at any depth.
 */
export async function listEntities(
  db: Db,
  scope: { teamId: string; blueprintId: string },
  page: { limit: number; cursor?: string | null },
): Promise<EntityPage> {
  const rows = await db.entity.findMany({
    where: { teamId: scope.teamId, blueprintId: scope.blueprintId, ...afterCursor(page.cursor, 'desc') },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    select: { id: true, identifier: true, title: true, data: true, createdAt: true, updatedAt: true, createdBy: true, updatedBy: true },
  });
  const { items, nextCursor } = toPage(rows as EntityRow[], page.limit);
  return { entities: items, nextCursor };
}
