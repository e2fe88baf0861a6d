import { Prisma } from '@/lib/generated/prisma/client';
import type { Db } from '@/lib/db/prisma';

export type UserWithHash = { id: string; email: string; name: string | null; status: string; passwordHash: string; createdAt: Date };

/** Case-insensitive lookup through the unique index on lower(email). */
export async function findUserByEmail(db: Db | Prisma.TransactionClient, email: string): Promise<UserWithHash | null> {
  const rows = await db.$queryRaw<UserWithHash[]>(Prisma.sql`
    SELECT id, email, name, status, password_hash AS "passwordHash", created_at AS "createdAt"
      FROM users WHERE lower(email) = lower(${email})`);
  return rows[0] ?? null;
}
