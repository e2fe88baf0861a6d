import { AppError } from '@/lib/errors';
import type { Db } from '@/lib/db/prisma';

export type TeamSummary = { id: string; slug: string; name: string };

export async function getTeamBySlugOrThrow(db: Db, slug: string): Promise<TeamSummary> {
  const team = await db.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!team) throw new AppError('not_found', `team "${slug}" not found`);
  return team;
}

/**
 * Teams for the header's switcher, by name, bounded. Until accounts exist every team is listed;
 * the identity issue narrows this to the signed-in user's teams.
 */
export async function listTeams(db: Db, limit = 50): Promise<TeamSummary[]> {
  return db.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' }, take: limit });
}
