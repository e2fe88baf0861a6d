import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { visibleTo } from './load-saved-view';

// The views the side navigation lists under their blueprints: every view of the team the caller
// sees (shared ones and their own), in ONE query for all blueprints (never one per blueprint).

export type NavView = { blueprint: string; identifier: string; title: string; shared: boolean; default: boolean };

export async function listTeamViews(db: Db, ctx: TeamContext): Promise<NavView[]> {
  requirePermission(ctx, 'entity:read');
  // idx_saved_views_owner (team_id, owner_id): the shared rows and the caller's; a small sort.
  const rows = await db.savedView.findMany({
    where: { teamId: ctx.team.id, ...visibleTo(ctx) },
    select: { blueprintId: true, identifier: true, title: true, ownerId: true, isDefault: true },
    orderBy: [{ blueprintId: 'asc' }, { title: 'asc' }, { identifier: 'asc' }],
    take: 2000,
  });
  return rows.map((r) => ({
    blueprint: r.blueprintId,
    identifier: r.identifier,
    title: r.title,
    shared: r.ownerId === null,
    default: r.isDefault,
  }));
}
