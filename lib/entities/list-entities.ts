import type { Db } from '@/lib/db/prisma';
import { decodeCursor, encodeCursor } from '@/lib/http/cursor';

export type EntityRow = {
  id: string;
  identifier: string;
  title: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
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
  const after = page.cursor ? decodeCursor(page.cursor, 2) : undefined;
  const rows = await db.entity.findMany({
    where: {
      teamId: scope.teamId,
      blueprintId: scope.blueprintId,
      ...(after && {
        OR: [
          { createdAt: { lt: new Date(String(after[0])) } },
          { createdAt: new Date(String(after[0])), id: { lt: String(after[1]) } },
        ],
      }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    select: { id: true, identifier: true, title: true, data: true, createdAt: true, updatedAt: true },
  });
  const more = rows.length > page.limit;
  const entities = (more ? rows.slice(0, page.limit) : rows) as EntityRow[];
  const last = entities.at(-1);
  return { entities, nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}
