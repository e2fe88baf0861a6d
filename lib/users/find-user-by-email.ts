import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { userByEmailSql, userWithHashRow, type UserWithHash } from './users.sql';

export type { UserWithHash } from './users.sql';

/** Case-insensitive lookup through the unique index on lower(email). */
export async function findUserByEmail(db: Db | Prisma.TransactionClient, email: string): Promise<UserWithHash | null> {
  const rows = await runSql(db, userByEmailSql(email), userWithHashRow);
  return rows[0] ?? null;
}
