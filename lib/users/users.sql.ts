import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL over users (the rest goes through Prisma's model API: lib/db/README.md).
// passwordHash is null for an account made through single sign-on (migration 0027).

export type UserWithHash = { id: string; email: string; name: string | null; status: string; passwordHash: string | null; createdAt: Date };

/** Case-insensitive lookup through the unique index on lower(email). */
export function userByEmailSql(email: string): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id, email, name, status, password_hash AS "passwordHash", created_at AS "createdAt"
      FROM users WHERE lower(email) = lower(${email})`;
}
export const userWithHashRow = rowDecoderFor<UserWithHash>()({
  id: 'text',
  email: 'text',
  name: 'text?',
  status: 'text',
  passwordHash: 'text?',
  createdAt: 'date',
});
