import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL over api_keys (the rest goes through Prisma's model API: lib/db/README.md).

/**
 * Stamps last_used_at at most once a minute (the WHERE clause makes the minute hold across
 * instances). Primary key (team_id, id).
 */
export function stampLastUsedSql(teamId: string, keyId: string): Prisma.Sql {
  return Prisma.sql`
    UPDATE api_keys SET last_used_at = now()
     WHERE team_id = ${teamId}::uuid AND id = ${keyId}::uuid
       AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;
}
