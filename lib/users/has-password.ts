import type { Db } from '@/lib/db/prisma';

/** Whether the account has a password: one made by single sign-on has none (migration 0027). */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return Boolean(user?.passwordHash);
}
