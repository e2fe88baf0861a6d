import type { Db } from '@/lib/db/prisma';
import type { TeamSummary } from './team-summary';

export type UserTeam = TeamSummary & { createdAt: Date; role: string };

/** The teams a user belongs to, by name, with their role in each (bounded). */
export async function listUserTeams(db: Db, userId: string, limit = 200): Promise<UserTeam[]> {
  const memberships = await db.teamMembership.findMany({
    where: { userId },
    select: { team: { select: { id: true, slug: true, name: true, createdAt: true } }, role: { select: { name: true } } },
    orderBy: { team: { name: 'asc' } },
    take: limit,
  });
  return memberships.map((m) => ({ ...m.team, role: m.role.name }));
}
