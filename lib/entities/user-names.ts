import type { Db } from '@/lib/db/prisma';

/**
 * Display names (name, else email) of the users an entity's created_by / updated_by name. The ids
 * come from the team's own entity row, never from the URL; a user who no longer exists is absent.
 */
export async function userNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}
