import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';

export type RecentEntity = {
  id: string;
  identifier: string;
  title: string | null;
  blueprintId: string;
  updatedAt: Date;
};

/** The team's most recently updated entities, any blueprint (idx_entities_recent, LIMIT-bounded). */
export async function listRecentEntities(db: Db, ctx: TeamContext, limit = 8): Promise<RecentEntity[]> {
  requirePermission(ctx, 'entity:read');
  return db.entity.findMany({
    where: { teamId: ctx.team.id },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { id: true, identifier: true, title: true, blueprintId: true, updatedAt: true },
  });
}
